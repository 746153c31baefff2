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
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern COLON = Pattern.compile("\\s*:\\s*");
    /** A mark line is short; longer lines are skipped before any work (most lines of a document). */
    private static final int MAX_MARK_LINE = 60;

    private DocumentMarks() {}

    /** The right-hand header column: the date line or the national motto. */
    private static final Pattern DATE_LINE = Pattern.compile(
            "\\p{Lu}[\\p{L} .'-]{1,40}, ngày \\d{1,2} tháng \\d{1,2} năm \\d{4}\\.?");
    private static final Pattern MOTTO = Pattern.compile("(?:doc lap tu do hanh phuc|cong hoa xa hoi chu nghia viet nam)");

    static Optional<SecrecyLevel> secrecy(String line) {
        Optional<SecrecyLevel> merged = secrecyBeforeRightColumn(line);
        if (merged.isPresent()) {
            return merged;
        }
        if (line.length() > MAX_MARK_LINE) {
            return Optional.empty();
        }
        String core = core(line);
        if (core.isEmpty() || core.length() > 40) {
            return Optional.empty();
        }
        for (SecrecyLevel level : new SecrecyLevel[] {SecrecyLevel.TUYET_MAT, SecrecyLevel.TOI_MAT, SecrecyLevel.MAT}) {
            if (isMark(core, level.markVi())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /**
     * A mark printed in the left header column lands on the same text line as the right column's date or
     * motto when a PDF is read in position order ("MẬT Sơn La, ngày 10 tháng 3 năm 2025"). The mark must
     * then be in capitals with its diacritics, first on the line, and the rest must look like that column.
     */
    private static Optional<SecrecyLevel> secrecyBeforeRightColumn(String line) {
        String trimmed = line.strip();
        for (SecrecyLevel level : new SecrecyLevel[] {SecrecyLevel.TUYET_MAT, SecrecyLevel.TOI_MAT, SecrecyLevel.MAT}) {
            String mark = level.markVi() + " ";
            if (trimmed.length() > mark.length() && trimmed.startsWith(mark)
                    && (DATE_LINE.matcher(trimmed.substring(mark.length())).matches()
                        || MOTTO.matcher(VietnameseFolding.foldWords(trimmed.substring(mark.length()))).matches())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    static Optional<UrgencyMark> urgency(String line) {
        if (line.length() > MAX_MARK_LINE) {
            return Optional.empty();
        }
        String core = core(line);
        if (core.isEmpty() || core.length() > 40) {
            return Optional.empty();
        }
        for (UrgencyMark mark : new UrgencyMark[] {UrgencyMark.THUONG_KHAN, UrgencyMark.HOA_TOC, UrgencyMark.KHAN}) {
            if (isMark(core, mark.markVi()) || (mark == UrgencyMark.HOA_TOC
                    && (isMark(core, "HOẢ TỐC") || isMark(core, "HỎA TỐC HẸN GIỜ") || isMark(core, "HOẢ TỐC HẸN GIỜ")))) {
                return Optional.of(mark);
            }
        }
        return Optional.empty();
    }

    static boolean draft(String line) {
        if (line.length() > MAX_MARK_LINE) {
            return false;
        }
        String core = core(line);
        return !core.isEmpty() && core.length() <= 40 && DRAFT.matcher(VietnameseFolding.foldWords(core)).matches();
    }

    private static boolean isMark(String core, String markVi) {
        String withMarks = squeeze(VietnameseFolding.lowerKeepingMarks(core));
        String wanted = VietnameseFolding.lowerKeepingMarks(markVi);
        String folded = VietnameseFolding.foldWords(core);
        String foldedWanted = VietnameseFolding.foldWords(markVi);
        withMarks = LEVEL_PREFIX_MARKED.matcher(withMarks).replaceFirst("");
        String foldedRest = LEVEL_PREFIX.matcher(folded).replaceFirst("");
        boolean prefixed = foldedRest.length() != folded.length();
        if (withMarks.equals(wanted) || (prefixed && foldedRest.equals(foldedWanted) && hasMarks(core))) {
            return true;
        }
        // Capitals: the mark as stamped, or typed without diacritics (or OCR lost them).
        return isCapitals(core) && foldedRest.equals(foldedWanted) && (!hasMarks(core) || withMarks.equals(wanted));
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

    private static String squeeze(String s) {
        return COLON.matcher(SPACES.matcher(s).replaceAll(" ")).replaceAll(" ").trim();
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
        return ascii >= 1 && upper * 10 >= ascii * 8;
    }
}
