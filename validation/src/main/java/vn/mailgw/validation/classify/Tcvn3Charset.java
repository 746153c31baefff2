package vn.mailgw.validation.classify;

import java.util.Map;

/**
 * TCVN3 (ABC, TCVN 5712:1993 VN3): the 8-bit encoding of the ".Vn" fonts (.VnTime, .VnTimeH...). Text
 * typed in it and extracted from a PDF or Word file shows up as Latin-1 letters ("QuyÕt ®Þnh" for
 * "Quyết định"). Upper-case accented letters have no codes of their own: the ".VnTimeH" fonts draw the
 * lower-case codes as capitals, so decoded headings come out in lower case; matching folds case anyway.
 *
 * <p>Table written from the published TCVN 5712:1993 code chart (byte value → letter).
 */
final class Tcvn3Charset {

    private Tcvn3Charset() {}

    static final Map<Character, Character> TO_UNICODE = Map.ofEntries(
            Map.entry('\u00A1', 'Ă'), Map.entry('\u00A2', 'Â'), Map.entry('\u00A3', 'Ê'), Map.entry('\u00A4', 'Ô'),
            Map.entry('\u00A5', 'Ơ'), Map.entry('\u00A6', 'Ư'), Map.entry('\u00A7', 'Đ'),
            Map.entry('\u00A8', 'ă'), Map.entry('\u00A9', 'â'), Map.entry('\u00AA', 'ê'), Map.entry('\u00AB', 'ô'),
            Map.entry('\u00AC', 'ơ'), Map.entry('\u00AD', 'ư'), Map.entry('\u00AE', 'đ'),
            Map.entry('\u00B5', 'à'), Map.entry('\u00B6', 'ả'), Map.entry('\u00B7', 'ã'), Map.entry('\u00B8', 'á'),
            Map.entry('\u00B9', 'ạ'),
            Map.entry('\u00BB', 'ằ'), Map.entry('\u00BC', 'ẳ'), Map.entry('\u00BD', 'ẵ'), Map.entry('\u00BE', 'ắ'),
            Map.entry('\u00C6', 'ặ'),
            Map.entry('\u00C7', 'ầ'), Map.entry('\u00C8', 'ẩ'), Map.entry('\u00C9', 'ẫ'), Map.entry('\u00CA', 'ấ'),
            Map.entry('\u00CB', 'ậ'),
            Map.entry('\u00CC', 'è'), Map.entry('\u00CE', 'ẻ'), Map.entry('\u00CF', 'ẽ'), Map.entry('\u00D0', 'é'),
            Map.entry('\u00D1', 'ẹ'),
            Map.entry('\u00D2', 'ề'), Map.entry('\u00D3', 'ể'), Map.entry('\u00D4', 'ễ'), Map.entry('\u00D5', 'ế'),
            Map.entry('\u00D6', 'ệ'),
            Map.entry('\u00D7', 'ì'), Map.entry('\u00D8', 'ỉ'), Map.entry('\u00DC', 'ĩ'), Map.entry('\u00DD', 'í'),
            Map.entry('\u00DE', 'ị'),
            Map.entry('\u00DF', 'ò'), Map.entry('\u00E1', 'ỏ'), Map.entry('\u00E2', 'õ'), Map.entry('\u00E3', 'ó'),
            Map.entry('\u00E4', 'ọ'),
            Map.entry('\u00E5', 'ồ'), Map.entry('\u00E6', 'ổ'), Map.entry('\u00E7', 'ỗ'), Map.entry('\u00E8', 'ố'),
            Map.entry('\u00E9', 'ộ'),
            Map.entry('\u00EA', 'ờ'), Map.entry('\u00EB', 'ở'), Map.entry('\u00EC', 'ỡ'), Map.entry('\u00ED', 'ớ'),
            Map.entry('\u00EE', 'ợ'),
            Map.entry('\u00EF', 'ù'), Map.entry('\u00F1', 'ủ'), Map.entry('\u00F2', 'ũ'), Map.entry('\u00F3', 'ú'),
            Map.entry('\u00F4', 'ụ'),
            Map.entry('\u00F5', 'ừ'), Map.entry('\u00F6', 'ử'), Map.entry('\u00F7', 'ữ'), Map.entry('\u00F8', 'ứ'),
            Map.entry('\u00F9', 'ự'),
            Map.entry('\u00FA', 'ỳ'), Map.entry('\u00FB', 'ỷ'), Map.entry('\u00FC', 'ỹ'), Map.entry('\u00FD', 'ý'),
            Map.entry('\u00FE', 'ỵ'));

    static String decode(String legacy) {
        StringBuilder out = new StringBuilder(legacy.length());
        for (int i = 0; i < legacy.length(); i++) {
            char c = legacy.charAt(i);
            out.append(TO_UNICODE.getOrDefault(c, c));
        }
        return out.toString();
    }

    /** The reverse table, for writing test documents the way a .VnTime user would have. */
    static String encode(String unicode) {
        StringBuilder out = new StringBuilder(unicode.length());
        String nfc = java.text.Normalizer.normalize(unicode, java.text.Normalizer.Form.NFC);
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            char lower = Character.toLowerCase(c);
            Character code = FROM_UNICODE.get(c);
            if (code == null && lower != c) {
                code = FROM_UNICODE.get(lower); // capitals with tone marks: the .VnTimeH font draws these codes
            }
            out.append(code == null ? c : code);
        }
        return out.toString();
    }

    private static final Map<Character, Character> FROM_UNICODE = invert();

    private static Map<Character, Character> invert() {
        java.util.HashMap<Character, Character> inverse = new java.util.HashMap<>();
        TO_UNICODE.forEach((code, letter) -> inverse.put(letter, code));
        return Map.copyOf(inverse);
    }
}
