package vn.mailgw.validation.classify;

import java.util.Locale;
import java.util.Set;

/**
 * Tells Unicode Vietnamese from the legacy 8-bit encodings TCVN3 (ABC) and VNI, and converts the
 * latter to Unicode.
 *
 * <p>Signals are characters or pairs that one encoding produces all the time and real Unicode
 * Vietnamese never does: for Unicode, the letters outside Latin-1 (ế, ộ, ư, đ, ...), which no 8-bit
 * encoding can carry; for TCVN3, the Latin-1 symbols ¡..¾ that stand for common letters (µ=à, ®=đ,
 * ¸=á, ...); for VNI, a vowel followed by a mark byte (ø ù û õ ï after a vowel, â after a/e/o) and a
 * word-initial ñ (đ). Font names (".VnTime", "VNI-Times") break ties.
 */
final class LegacyEncodingDetector {

    private static final int MIN_SIGNALS = 3;

    private LegacyEncodingDetector() {}

    /** The decision and the text to classify. */
    record Decoded(EncodingFinding finding, String unicodeText) {}

    static Decoded detect(String text, Set<String> fontNames) {
        int unicode = 0, tcvn3 = 0, vni = 0, nonAsciiLetters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue; // every signal below is a char above ASCII (most chars of any text are not)
            }
            if (Character.isLetter(c)) {
                nonAsciiLetters++;
            }
            if (isUnicodeOnlyVietnamese(c)) {
                unicode++;
            }
            if (c >= '\u00A1' && c <= '\u00BE' && Tcvn3Charset.TO_UNICODE.containsKey(c) && touchesLetter(text, i)) {
                tcvn3++;
            }
            if (i > 0 && isVniPair(text.charAt(i - 1), c)) { // every VNI mark byte is above ASCII
                vni++;
            }
            if ((c == 'ñ' || c == 'Ñ') && (i == 0 || !Character.isLetter(text.charAt(i - 1)))) {
                vni++;
            }
        }
        boolean vnFont = fontNames.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).contains(".vn")
                || f.toLowerCase(Locale.ROOT).startsWith("vn"));
        boolean vniFont = fontNames.stream().anyMatch(f -> f.toUpperCase(Locale.ROOT).startsWith("VNI"));
        if (unicode >= MIN_SIGNALS && unicode >= Math.max(tcvn3, vni)) {
            return new Decoded(new EncodingFinding(TextEncoding.UNICODE, unicode), text);
        }
        if (tcvn3 >= MIN_SIGNALS && (tcvn3 > vni || (tcvn3 == vni && vnFont))) {
            return new Decoded(new EncodingFinding(TextEncoding.TCVN3, tcvn3), Tcvn3Charset.decode(text));
        }
        if (vni >= MIN_SIGNALS && (vni > tcvn3 || vniFont)) {
            return new Decoded(new EncodingFinding(TextEncoding.VNI, vni), VniCharset.decode(text));
        }
        if (unicode > 0) {
            return new Decoded(new EncodingFinding(TextEncoding.UNICODE, unicode), text);
        }
        if (nonAsciiLetters == 0 && TextExtractor.countLetters(text) > 0) {
            return new Decoded(new EncodingFinding(TextEncoding.NO_DIACRITICS, 0), text);
        }
        return new Decoded(new EncodingFinding(TextEncoding.UNICODE, 0), text);
    }

    /** Vietnamese letters that only exist in Unicode: the U+1EA0 block, and ă đ ĩ ũ ơ ư with capitals. */
    private static boolean isUnicodeOnlyVietnamese(char c) {
        return (c >= '\u1EA0' && c <= '\u1EF9')
                || c == 'ă' || c == 'Ă' || c == 'đ' || c == 'Đ' || c == 'ĩ' || c == 'Ĩ'
                || c == 'ũ' || c == 'Ũ' || c == 'ơ' || c == 'Ơ' || c == 'ư' || c == 'Ư';
    }

    private static boolean touchesLetter(String text, int i) {
        return (i > 0 && Character.isLetter(text.charAt(i - 1)))
                || (i + 1 < text.length() && Character.isLetter(text.charAt(i + 1)));
    }

    /** Chars whose lower case is a VNI mark byte that {@link #isVniPair} looks for; every other char is rejected at once. */
    private static final java.util.BitSet VNI_MARK_CANDIDATES = vniMarkCandidates();

    private static java.util.BitSet vniMarkCandidates() {
        java.util.BitSet candidates = new java.util.BitSet(Character.MAX_VALUE + 1);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if ("øûïâäåëü".indexOf(Character.toLowerCase((char) c)) >= 0) {
                candidates.set(c);
            }
        }
        return candidates;
    }

    private static boolean isVniPair(char previous, char c) {
        if (!VNI_MARK_CANDIDATES.get(c)) {
            return false; // most non-ASCII chars of Unicode Vietnamese: no mark byte at all
        }
        char base = Character.toLowerCase(previous);
        boolean vowel = "aeiouy".indexOf(base) >= 0 || previous == 'ô' || previous == 'ö' || previous == 'Ô'
                || previous == 'Ö';
        if (!vowel) {
            return false;
        }
        char mark = Character.toLowerCase(c);
        if ("øûï".indexOf(mark) >= 0) {
            return true; // tone bytes that are not letters of Vietnamese at all
        }
        if ((base == 'a' || base == 'e' || base == 'o') && "âäå".indexOf(mark) >= 0) {
            return true; // "aâ", "eâ", "oâ" never occur in Unicode Vietnamese
        }
        return base == 'a' && "ëü".indexOf(mark) >= 0;
    }
}
