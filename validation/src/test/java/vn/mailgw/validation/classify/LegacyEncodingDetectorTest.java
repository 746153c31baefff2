package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Known strings as .VnTime and VNI-Times users typed them for decades. */
class LegacyEncodingDetectorTest {

    private static final String UNICODE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Quyết định.";

    @Test
    void detectShouldDecodeTcvn3WhenTextWasTypedInVnTime() {
        String tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. QuyÕt ®Þnh.";
        LegacyEncodingDetector.Decoded decoded = LegacyEncodingDetector.detect(tcvn3, Set.of());
        assertThat(decoded.finding().encoding()).isEqualTo(TextEncoding.TCVN3);
        assertThat(decoded.finding().compliant()).isFalse();
        assertThat(decoded.unicodeText()).isEqualTo(UNICODE.replace("hòa", "hoà"));
        assertThat(decoded.finding().noteVi()).contains("TCVN3").contains("sonla-2025 Art 3.3");
    }

    @Test
    void detectShouldDecodeVniWhenTextWasTypedInVniTimes() {
        String vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. Quyeát ñònh.";
        LegacyEncodingDetector.Decoded decoded = LegacyEncodingDetector.detect(vni, Set.of());
        assertThat(decoded.finding().encoding()).isEqualTo(TextEncoding.VNI);
        assertThat(decoded.unicodeText()).isEqualTo(UNICODE);
    }

    @Test
    void detectShouldKeepUnicodeAsItIs() {
        LegacyEncodingDetector.Decoded decoded = LegacyEncodingDetector.detect(UNICODE, Set.of());
        assertThat(decoded.finding().encoding()).isEqualTo(TextEncoding.UNICODE);
        assertThat(decoded.finding().compliant()).isTrue();
        assertThat(decoded.unicodeText()).isSameAs(UNICODE);
    }

    @Test
    void detectShouldReportNoDiacriticsWhenTextIsPlainAscii() {
        assertThat(LegacyEncodingDetector.detect("Cong hoa xa hoi chu nghia Viet Nam", Set.of()).finding().encoding())
                .isEqualTo(TextEncoding.NO_DIACRITICS);
    }

    @Test
    void encodeShouldRoundTripThroughBothLegacyTables() {
        String text = "Tuyệt mật: Ủy ban nhân dân tỉnh Đắk Nông gửi giấy mời họp khẩn, ưu tiên ngày 15/3.";
        assertThat(Tcvn3Charset.decode(Tcvn3Charset.encode(text.toLowerCase()))).isEqualTo(text.toLowerCase());
        assertThat(VniCharset.decode(VniCharset.encode(text))).isEqualTo(text);
    }
}
