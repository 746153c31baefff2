package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NfcTest {

    /** The chars {@link Nfc} returns as they are: below U+0300 and the Vietnamese block. */
    private static List<Character> fastPathChars() {
        List<Character> chars = new ArrayList<>();
        for (char c = 0; c < '\u0300'; c++) {
            chars.add(c);
        }
        for (char c = '\u1EA0'; c <= '\u1EF9'; c++) {
            chars.add(c);
        }
        return chars;
    }

    @Test
    void everyFastPathCharAndEveryPairOfThemShouldAlreadyBeNfc() {
        List<Character> chars = fastPathChars();
        StringBuilder notNfc = new StringBuilder();
        for (char first : chars) {
            if (!Normalizer.isNormalized(String.valueOf(first), Normalizer.Form.NFC)) {
                notNfc.append(String.format("U+%04X ", (int) first));
            }
            for (char second : chars) {
                String pair = new String(new char[] {first, second});
                if (!Normalizer.isNormalized(pair, Normalizer.Form.NFC)) {
                    notNfc.append(String.format("U+%04X U+%04X, ", (int) first, (int) second));
                }
            }
        }
        assertThat(notNfc.toString()).isEmpty();
    }

    @Test
    void shouldGiveWhatNormalizerGivesOnTextInAndOutOfTheFastPath() {
        Random random = new Random(30);
        char[] pool = "aAđĐươƯƠếỆỹ .,\n\u0301\u0300\u0303\u0309\u0323\u00C5\u212B\u2013\uF900e\u0065\u0302".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(12)];
            for (int k = 0; k < text.length; k++) {
                text[k] = pool[random.nextInt(pool.length)];
            }
            String s = new String(text);
            assertThat(Nfc.of(s)).as(s.chars().mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(" ")))
                    .isEqualTo(Normalizer.normalize(s, Normalizer.Form.NFC));
        }
        assertThat(Nfc.of("Tie\u0302\u0301ng Vie\u0323\u0302t")).isEqualTo("Tiếng Việt");
        assertThat(Nfc.isNfcByConstruction("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).isTrue();
    }
}
