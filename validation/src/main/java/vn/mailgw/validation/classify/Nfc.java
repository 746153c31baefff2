package vn.mailgw.validation.classify;

import java.text.Normalizer;

/**
 * Unicode NFC, skipping {@link Normalizer} for text that is NFC by construction (the PDF text and almost every line
 * the classifier looks at): it normalises a copy of every string it is given, and the matchers run it per line.
 *
 * <p>Why the shortcut is exact: a string is NFC when each of its chars is NFC_QC=Yes and no char has a non-zero
 * combining class out of order (UAX #15, quick check). Every char below U+0300 (Latin, Latin Extended, IPA, spacing
 * modifiers) and every char of the Vietnamese block U+1EA0..U+1EF9 is NFC_QC=Yes with combining class 0, and none can
 * compose with a neighbour (composition needs a combining mark, U+0300 and up, or a Hangul jamo). Any other char
 * sends the text to {@link Normalizer}. {@code NfcTest} checks every such char and every pair of them.
 */
final class Nfc {

    private Nfc() {}

    static String of(String text) {
        return isNfcByConstruction(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Only chars below U+0300 or in U+1EA0..U+1EF9: then the text is NFC as it is. */
    static boolean isNfcByConstruction(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0300' && (c < '\u1EA0' || c > '\u1EF9')) {
                return false;
            }
        }
        return true;
    }
}
