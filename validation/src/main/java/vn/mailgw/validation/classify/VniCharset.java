package vn.mailgw.validation.classify;

import java.text.Normalizer;
import java.util.Map;

/**
 * VNI (the "VNI-Times" font family): a letter is written as its base vowel followed by one Latin-1
 * "mark" byte that the font draws as the diacritics ("Quyeát ñònh" for "Quyết định"). A few letters are
 * single bytes: ñ đ, ô ơ, ö ư, and i/ỵ with their tones.
 *
 * <p>Table written from the published VNI code chart. Decoding turns each mark into Unicode combining
 * marks and lets NFC compose them, so the table stays small and readable.
 */
final class VniCharset {

    private VniCharset() {}

    private static final String GRAVE = "\u0300";
    private static final String ACUTE = "\u0301";
    private static final String TILDE = "\u0303";
    private static final String HOOK = "\u0309";
    private static final String DOT = "\u0323";
    private static final String CIRCUMFLEX = "\u0302";
    private static final String BREVE = "\u0306";

    /** Marks that follow any vowel: the five tones. Lower-case byte, upper-case byte. */
    static final Map<Character, String> TONE_MARKS = Map.of(
            'ø', GRAVE, 'Ø', GRAVE, 'ù', ACUTE, 'Ù', ACUTE, 'û', HOOK, 'Û', HOOK,
            'õ', TILDE, 'Õ', TILDE, 'ï', DOT, 'Ï', DOT);

    /** Marks that follow a, e, o: circumflex alone or with a tone. */
    static final Map<Character, String> CIRCUMFLEX_MARKS = Map.ofEntries(
            Map.entry('â', CIRCUMFLEX), Map.entry('Â', CIRCUMFLEX),
            Map.entry('á', CIRCUMFLEX + ACUTE), Map.entry('Á', CIRCUMFLEX + ACUTE),
            Map.entry('à', CIRCUMFLEX + GRAVE), Map.entry('À', CIRCUMFLEX + GRAVE),
            Map.entry('å', CIRCUMFLEX + HOOK), Map.entry('Å', CIRCUMFLEX + HOOK),
            Map.entry('ã', CIRCUMFLEX + TILDE), Map.entry('Ã', CIRCUMFLEX + TILDE),
            Map.entry('ä', CIRCUMFLEX + DOT), Map.entry('Ä', CIRCUMFLEX + DOT));

    /** Marks that follow a only: breve alone or with a tone. */
    static final Map<Character, String> BREVE_MARKS = Map.ofEntries(
            Map.entry('ê', BREVE), Map.entry('Ê', BREVE),
            Map.entry('é', BREVE + ACUTE), Map.entry('É', BREVE + ACUTE),
            Map.entry('è', BREVE + GRAVE), Map.entry('È', BREVE + GRAVE),
            Map.entry('ú', BREVE + HOOK), Map.entry('Ú', BREVE + HOOK),
            Map.entry('ü', BREVE + TILDE), Map.entry('Ü', BREVE + TILDE),
            Map.entry('ë', BREVE + DOT), Map.entry('Ë', BREVE + DOT));

    /** Letters that are one byte on their own. */
    static final Map<Character, Character> SINGLE_LETTERS = Map.ofEntries(
            Map.entry('ñ', 'đ'), Map.entry('Ñ', 'Đ'), Map.entry('ô', 'ơ'), Map.entry('Ô', 'Ơ'),
            Map.entry('ö', 'ư'), Map.entry('Ö', 'Ư'),
            Map.entry('æ', 'ỉ'), Map.entry('Æ', 'Ỉ'), Map.entry('ó', 'ĩ'), Map.entry('Ó', 'Ĩ'),
            Map.entry('ò', 'ị'), Map.entry('Ò', 'Ị'), Map.entry('î', 'ỵ'), Map.entry('Î', 'Ỵ'));

    static String decode(String legacy) {
        StringBuilder out = new StringBuilder(legacy.length());
        for (int i = 0; i < legacy.length(); i++) {
            char c = legacy.charAt(i);
            Character single = SINGLE_LETTERS.get(c);
            char base = single != null ? single : c;
            out.append(base);
            if (i + 1 < legacy.length() && isVowel(base)) {
                String marks = marksAfter(base, legacy.charAt(i + 1));
                if (marks != null) {
                    out.append(marks);
                    i++;
                }
            }
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    private static String marksAfter(char base, char next) {
        char lower = Character.toLowerCase(base);
        String tone = TONE_MARKS.get(next);
        if (tone != null) {
            return tone;
        }
        if (lower == 'a' || lower == 'e' || lower == 'o') {
            String circumflex = CIRCUMFLEX_MARKS.get(next);
            if (circumflex != null) {
                return circumflex;
            }
        }
        if (lower == 'a') {
            return BREVE_MARKS.get(next);
        }
        return null;
    }

    private static boolean isVowel(char c) {
        return "aeiouyơưAEIOUYƠƯ".indexOf(c) >= 0;
    }

    /** Unicode → VNI, for writing test documents the way a VNI-Times user would have. */
    static String encode(String unicode) {
        String nfd = Normalizer.normalize(unicode, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // consumed with its base below
            }
            StringBuilder marks = new StringBuilder();
            int j = i + 1;
            while (j < nfd.length() && Character.getType(nfd.charAt(j)) == Character.NON_SPACING_MARK) {
                marks.append(nfd.charAt(j++));
            }
            out.append(encodeLetter(c, marks.toString()));
        }
        return out.toString();
    }

    private static String encodeLetter(char base, String marks) {
        boolean upper = Character.isUpperCase(base);
        char lower = Character.toLowerCase(base);
        if (lower == 'đ') {
            return upper ? "Ñ" : "ñ";
        }
        boolean horn = marks.contains("\u031B");
        String tone = marks.replace("\u031B", "").replace(CIRCUMFLEX, "").replace(BREVE, "");
        if (horn && (lower == 'o' || lower == 'u')) {
            String letter = lower == 'o' ? (upper ? "Ô" : "ô") : (upper ? "Ö" : "ö");
            return letter + toneByte(tone, upper);
        }
        if (lower == 'i' && !tone.isEmpty()) {
            return singleFor(Normalizer.normalize(base + tone, Normalizer.Form.NFC).charAt(0), base + tone);
        }
        if (lower == 'y' && tone.equals(DOT)) {
            return upper ? "Î" : "î";
        }
        if (marks.contains(CIRCUMFLEX)) {
            return base + findKey(CIRCUMFLEX_MARKS, CIRCUMFLEX + tone, upper);
        }
        if (marks.contains(BREVE)) {
            return base + findKey(BREVE_MARKS, BREVE + tone, upper);
        }
        return base + toneByte(tone, upper);
    }

    private static String singleFor(char composed, String fallback) {
        for (Map.Entry<Character, Character> e : SINGLE_LETTERS.entrySet()) {
            if (e.getValue() == composed) {
                return String.valueOf(e.getKey());
            }
        }
        return String.valueOf(composed == 'ì' || composed == 'í' || composed == 'Ì' || composed == 'Í' ? composed : fallback);
    }

    private static String toneByte(String tone, boolean upper) {
        return tone.isEmpty() ? "" : findKey(TONE_MARKS, tone, upper);
    }

    private static String findKey(Map<Character, String> table, String marks, boolean upper) {
        for (Map.Entry<Character, String> e : table.entrySet()) {
            if (e.getValue().equals(marks) && Character.isUpperCase(e.getKey()) == upper) {
                return String.valueOf(e.getKey());
            }
        }
        throw new IllegalArgumentException("no VNI code for marks " + marks);
    }
}
