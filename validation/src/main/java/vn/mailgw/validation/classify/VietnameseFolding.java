package vn.mailgw.validation.classify;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds Vietnamese text for matching: lower case, no tone marks, no vowel marks, and đ → d.
 *
 * <p>Why by hand: NFD decomposition strips "ế" to "e" but leaves "đ"/"Đ" alone (they are letters of their
 * own, not d + a mark), and the look-alike Icelandic "Ð" (U+00D0) is common in documents typed on
 * legacy keyboards. The fold is one char for one char, so an index found in folded text is also an
 * index into the original (the number line's agency is reported as written).
 */
public final class VietnameseFolding {

    private VietnameseFolding() {}

    /** Same length as the input; each char folded on its own. */
    public static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(foldChar(text.charAt(i)));
        }
        return out.toString();
    }

    /** Lower case only, diacritics kept; "Đ"/"Ð" → "đ". Used where the mark itself matters (mật vs mặt). */
    public static String lowerKeepingMarks(String text) {
        String nfc = Nfc.of(text);
        return nfc.replace('\u00D0', 'đ').replace('\u0110', 'đ').toLowerCase(Locale.ROOT);
    }

    static char foldChar(char c) {
        if (c < 0x80) {
            return Character.toLowerCase(c);
        }
        return c < FOLDED_BELOW ? FOLDED[c] : foldUncached(c);
    }

    /** Latin, Latin Extended and the Vietnamese block U+1EA0..U+1EF9 folded once: folding runs on every line read. */
    private static final char FOLDED_BELOW = '\u1F00';
    private static final char[] FOLDED = foldTable();

    private static char[] foldTable() {
        char[] table = new char[FOLDED_BELOW];
        for (char c = 0; c < FOLDED_BELOW; c++) {
            table[c] = c < 0x80 ? Character.toLowerCase(c) : foldUncached(c);
        }
        return table;
    }

    private static char foldUncached(char c) {
        switch (c) {
            case 'đ': case 'Đ': case '\u00D0': case '\u00F0':
                return 'd';
            default:
                break;
        }
        if (Character.isSurrogate(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
            // A combining mark left over from NFD input: fold it to nothing visible but keep the length.
            return Character.getType(c) == Character.NON_SPACING_MARK ? '\u0000' : c;
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        return Character.toLowerCase(decomposed.charAt(0));
    }

    /**
     * Folds and then squeezes every run of non-letters/digits to one space; for headings, names, subjects. One pass
     * (each char is folded on its own, so folding as it is squeezed gives what folding the whole text first gave).
     */
    public static String foldWords(String text) {
        String nfc = Nfc.of(text);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean space = true;
        for (int i = 0; i < nfc.length(); i++) {
            char c = foldChar(nfc.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (c != '\u0000' && !space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }
}
