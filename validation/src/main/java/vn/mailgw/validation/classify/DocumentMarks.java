package vn.mailgw.validation.classify;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the marks that stand on a line of their own: secrecy (Mật, Tối mật, Tuyệt mật), urgency
 * (Khẩn, Thượng khẩn, Hỏa tốc) and the draft mark (Dự thảo).
 *
 * <p>Why whole lines: the marks are stamps or headings, while the same words in running text mean
 * something else ("giữ bí mật thông tin", "khẩn trương triển khai", "dự thảo Quyết định"). A line counts
 * when, without surrounding brackets, quotes or box characters, it is exactly the mark. Diacritics
 * matter when present ("MẶT" is "face", not "secret"); a line typed without any diacritics counts
 * only in capitals, the way the marks are printed.
 */
final class DocumentMarks {

    private static final Pattern DRAFT = Pattern.compile("du thao(?: (?:lan|ngay|so) [0-9a-z ]{1,20}| [0-9]{1,2})?");
    private static final Pattern LEVEL_PREFIX = Pattern.compile("^(?:do mat|muc do mat|do khan)\\s+");
    private static final Pattern LEVEL_PREFIX_MARKED = Pattern.compile("^(?:độ mật|mức độ mật|độ khẩn)\\s+");
    /** A mark line is short; longer lines are skipped before any work (most lines of a document). */
    private static final int MAX_MARK_LINE = 60;

    private DocumentMarks() {}

    /** The right-hand header column: the date line or the national motto. */
    private static final Pattern DATE_LINE = Pattern.compile(
            "\\p{Lu}[\\p{L} .'-]{1,40}, ngày \\d{1,2} tháng \\d{1,2} năm \\d{4}\\.?");
    private static final Pattern MOTTO = Pattern.compile("(?:doc lap tu do hanh phuc|cong hoa xa hoi chu nghia viet nam)");

    /** The marks found on one line; most lines carry none. */
    record Found(Optional<SecrecyLevel> secrecy, Optional<UrgencyMark> urgency, boolean draft) {
        static final Found NONE = new Found(Optional.empty(), Optional.empty(), false);
    }

    /** A mark as it is compared: lower case with its diacritics, and folded. */
    private record Wanted(String withMarks, String folded) {
        static Wanted of(String markVi) {
            return new Wanted(VietnameseFolding.lowerKeepingMarks(markVi), VietnameseFolding.foldWords(markVi));
        }
    }

    private static final SecrecyLevel[] SECRECY_STRONGEST_FIRST = {SecrecyLevel.TUYET_MAT, SecrecyLevel.TOI_MAT, SecrecyLevel.MAT};
    private static final Wanted[] SECRECY_WANTED = {Wanted.of(SecrecyLevel.TUYET_MAT.markVi()),
        Wanted.of(SecrecyLevel.TOI_MAT.markVi()), Wanted.of(SecrecyLevel.MAT.markVi())};
    /** Each secrecy mark followed by a space, as a line merged with the right header column starts (built once). */
    private static final String[] SECRECY_THEN_SPACE = {SecrecyLevel.TUYET_MAT.markVi() + " ",
        SecrecyLevel.TOI_MAT.markVi() + " ", SecrecyLevel.MAT.markVi() + " "};
    private static final UrgencyMark[] URGENCY_STRONGEST_FIRST = {UrgencyMark.THUONG_KHAN, UrgencyMark.HOA_TOC, UrgencyMark.KHAN};
    /** Per entry of {@link #URGENCY_STRONGEST_FIRST}: the mark and its accepted spellings. */
    private static final Wanted[][] URGENCY_WANTED = {
        {Wanted.of(UrgencyMark.THUONG_KHAN.markVi())},
        {Wanted.of(UrgencyMark.HOA_TOC.markVi()), Wanted.of("HOẢ TỐC"), Wanted.of("HỎA TỐC HẸN GIỜ"), Wanted.of("HOẢ TỐC HẸN GIỜ")},
        {Wanted.of(UrgencyMark.KHAN.markVi())},
    };

    /**
     * Folded first letters of every mark and label (mật, tối/tuyệt mật, độ/mức độ mật, độ khẩn, khẩn,
     * thượng khẩn, hỏa tốc, dự thảo): other lines are skipped before the costly folding.
     */
    private static final String MARK_INITIALS = "mtdkh";

    /** Every mark on the line, the line prepared once (folding is what costs). */
    static Found find(String line) {
        Optional<SecrecyLevel> merged = secrecyBeforeRightColumn(line);
        if (line.length() > MAX_MARK_LINE) {
            return merged.isPresent() ? new Found(merged, Optional.empty(), false) : Found.NONE;
        }
        // The core starts at the line's first letter or digit: lines that cannot start a mark are skipped
        // before the core is built (most short lines of a document).
        int first = firstLetterOrDigit(line);
        if (first < 0 || MARK_INITIALS.indexOf(VietnameseFolding.foldChar(line.charAt(first))) < 0) {
            return merged.isPresent() ? new Found(merged, Optional.empty(), false) : Found.NONE;
        }
        String core = core(line);
        if (core.length() > 40) {
            return merged.isPresent() ? new Found(merged, Optional.empty(), false) : Found.NONE;
        }
        Candidate candidate = Candidate.of(core);
        Optional<SecrecyLevel> secrecy = merged;
        for (int i = 0; secrecy.isEmpty() && i < SECRECY_STRONGEST_FIRST.length; i++) {
            if (candidate.is(SECRECY_WANTED[i])) {
                secrecy = Optional.of(SECRECY_STRONGEST_FIRST[i]);
            }
        }
        Optional<UrgencyMark> urgency = Optional.empty();
        for (int i = 0; urgency.isEmpty() && i < URGENCY_STRONGEST_FIRST.length; i++) {
            for (Wanted wanted : URGENCY_WANTED[i]) {
                if (candidate.is(wanted)) {
                    urgency = Optional.of(URGENCY_STRONGEST_FIRST[i]);
                    break;
                }
            }
        }
        boolean draft = candidate.folded().startsWith("du thao") && DRAFT.matcher(candidate.folded()).matches();
        return secrecy.isEmpty() && urgency.isEmpty() && !draft ? Found.NONE : new Found(secrecy, urgency, draft);
    }

    static Optional<SecrecyLevel> secrecy(String line) {
        return find(line).secrecy();
    }

    static Optional<UrgencyMark> urgency(String line) {
        return find(line).urgency();
    }

    static boolean draft(String line) {
        return find(line).draft();
    }

    /**
     * A mark printed in the left header column lands on the same text line as the right column's date or
     * motto when a PDF is read in position order ("MẬT Sơn La, ngày 10 tháng 3 năm 2025"). The mark must
     * then be in capitals with its diacritics, first on the line, and the rest must look like that column.
     */
    private static Optional<SecrecyLevel> secrecyBeforeRightColumn(String line) {
        String trimmed = line.strip();
        for (int i = 0; i < SECRECY_STRONGEST_FIRST.length; i++) {
            SecrecyLevel level = SECRECY_STRONGEST_FIRST[i];
            String mark = SECRECY_THEN_SPACE[i];
            if (trimmed.length() > mark.length() && trimmed.startsWith(mark)
                    && (DATE_LINE.matcher(trimmed.substring(mark.length())).matches()
                        || MOTTO.matcher(VietnameseFolding.foldWords(trimmed.substring(mark.length()))).matches())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /**
     * A short line's core in the forms the marks are compared in. "Độ mật: Tối mật" and "Độ khẩn: Khẩn"
     * lose their label prefix first.
     */
    private record Candidate(String withMarks, String folded, String foldedRest, boolean prefixed, boolean hasMarks,
                             boolean capitals) {

        static Candidate of(String core) {
            String withMarks = withoutPrefix(LEVEL_PREFIX_MARKED, squeeze(VietnameseFolding.lowerKeepingMarks(core)), 'đ');
            String folded = VietnameseFolding.foldWords(core);
            String foldedRest = withoutPrefix(LEVEL_PREFIX, folded, 'd');
            return new Candidate(withMarks, folded, foldedRest, foldedRest.length() != folded.length(), DocumentMarks.hasMarks(core),
                    isCapitals(core));
        }

        /**
         * The label prefix removed; every label starts with "m" (mức) or {@code d} (độ, đ when not folded), so any
         * other line is returned as it is without running the expression.
         */
        private static String withoutPrefix(Pattern prefix, String s, char d) {
            if (s.isEmpty() || (s.charAt(0) != d && s.charAt(0) != 'm')) {
                return s;
            }
            return prefix.matcher(s).replaceFirst("");
        }

        boolean is(Wanted mark) {
            if (withMarks.equals(mark.withMarks()) || (prefixed && foldedRest.equals(mark.folded()) && hasMarks)) {
                return true;
            }
            // Capitals: the mark as stamped, or typed without diacritics (or OCR lost them).
            return capitals && foldedRest.equals(mark.folded()) && (!hasMarks || withMarks.equals(mark.withMarks()));
        }
    }

    /** The line without surrounding non-letters (brackets, quotes, box drawing, asterisks, dashes). */
    static String core(String line) {
        int start = 0, end = line.length();
        while (start < end && !Character.isLetterOrDigit(line.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(line.charAt(end - 1))) {
            end--;
        }
        return squeeze(line.substring(start, end));
    }

    private static int firstLetterOrDigit(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isLetterOrDigit(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** How many letters and digits the line has: a lower bound of its core's length. */
    static int lettersAndDigits(String line) {
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            if (Character.isLetterOrDigit(line.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /**
     * Runs of white space (and a colon with the space around it: "Độ mật: Mật") become one space, ends
     * trimmed. By hand rather than two regular expressions: it runs on every line read.
     */
    static String squeeze(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0') {
                gap = true;
            } else {
                if (gap && out.length() > 0) {
                    out.append(' ');
                }
                gap = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasMarks(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80 && Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Capitals judged on ASCII letters only: decoded TCVN3 headings have lower-case accented letters. */
    static boolean isCapitals(String s) {
        int upper = 0, ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && Character.isLetter(c)) {
                ascii++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return mostlyCapitals(upper, ascii);
    }

    /** The capitals rule of {@link #isCapitals}: at least one ASCII letter, and 80 % of them upper case. */
    static boolean mostlyCapitals(int upperAscii, int ascii) {
        return ascii >= 1 && upperAscii * 10 >= ascii * 8;
    }

    /** An ASCII letter, A-Z or a-z, answered without the Unicode tables. */
    static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
}
