package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NumberLineTest {

    @Test
    void parseShouldReadTypeAgencyAndYearWhenTheSymbolCarriesThem() {
        NumberLine line = NumberLine.parse("Số: 12/2025/QĐ-UBND").orElseThrow();
        assertThat(line.types()).containsExactly(DocumentType.QUYET_DINH);
        assertThat(line.agency()).contains("UBND");
        assertThat(line.number().number()).isEqualTo("12");
        assertThat(line.number().year()).isEqualTo(OptionalInt.of(2025));
        assertThat(line.number().symbol()).isEqualTo("QĐ-UBND");
    }

    @Test
    void parseShouldSeeACongVanWhenTheSymbolHasNoTypeAbbreviation() {
        NumberLine line = NumberLine.parse("Số: 123/UBND-VP").orElseThrow();
        assertThat(line.types()).isEmpty();
        assertThat(line.agency()).contains("UBND-VP");
        assertThat(line.number().year()).isEmpty();
    }

    @Test
    void parseShouldMatchWithoutDiacriticsAndInAnyCase() {
        assertThat(NumberLine.parse("so: 45/kh-skhcn").orElseThrow().types()).containsExactly(DocumentType.KE_HOACH);
        assertThat(NumberLine.parse("SO 7/TTr-STC").orElseThrow().types()).containsExactly(DocumentType.TO_TRINH);
        assertThat(NumberLine.parse("Số : 15 / QyĐ - UBND").orElseThrow().types()).containsExactly(DocumentType.QUY_DINH);
        assertThat(NumberLine.parse("So: 3/QD-UBND").orElseThrow().types()).containsExactly(DocumentType.QUYET_DINH);
    }

    @Test
    void parseShouldTellHopDongFromHuongDanByTheLetterDAndReportAmbiguityWithoutIt() {
        assertThat(NumberLine.parse("Số: 9/HĐ-STC").orElseThrow().types()).containsExactly(DocumentType.HOP_DONG);
        assertThat(NumberLine.parse("Số: 9/ĐA-UBND").orElseThrow().types()).containsExactly(DocumentType.DE_AN);
        assertThat(NumberLine.parse("Số: 9/hđ-stc").orElseThrow().types()).containsExactly(DocumentType.HOP_DONG);
        assertThat(NumberLine.parse("So: 9/HD-STC").orElseThrow().types())
                .containsExactlyInAnyOrder(DocumentType.HUONG_DAN, DocumentType.HOP_DONG);
    }

    @Test
    void findFirstShouldTakeTheMergedHeaderLineButNotACitationInTheBody() {
        List<String> lines = List.of("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 88/TB-UBND Sơn La, ngày 10 tháng 3 năm 2025");
        assertThat(NumberLine.findFirst(lines).orElseThrow().types()).containsExactly(DocumentType.THONG_BAO);
        assertThat(NumberLine.findFirst(List.of("Căn cứ Quyết định số 07/2014/QĐ-UBND ngày 05/6/2014;"))).isEmpty();
    }

    @Test
    void isSubjectLineShouldRecogniseVvInAnySpelling() {
        assertThat(NumberLine.isSubjectLine("V/v góp ý dự thảo")).isTrue();
        assertThat(NumberLine.isSubjectLine("v/v: cấp tài khoản")).isTrue();
        assertThat(NumberLine.isSubjectLine("Về việc thành lập Tổ công tác")).isFalse();
    }
}
