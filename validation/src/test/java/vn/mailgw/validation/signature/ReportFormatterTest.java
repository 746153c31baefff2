package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportFormatterTest {

    @Test
    void formatShouldExplainInBothLanguagesWhenUnreadable() {
        String text = ReportFormatter.format(new DocumentValidationReport.Unreadable("hong.pdf",
                new Reason(ReasonCode.DOCUMENT_ENCRYPTED, "password-protected")));

        assertThat(text).contains("Tệp / File: hong.pdf")
                .contains("CHƯA XÁC ĐỊNH ĐƯỢC / INDETERMINATE")
                .contains("DOCUMENT_ENCRYPTED: Tệp được mã hóa bằng mật khẩu, không kiểm tra được / The file is password-encrypted")
                .contains("[password-protected]");
    }

    @Test
    void formatShouldSayNotSignedWhenNoSignature() {
        String text = ReportFormatter.format(new DocumentValidationReport.NotSigned("cong-van.pdf"));

        assertThat(text).contains("KHÔNG HỢP LỆ / INVALID").contains("không có chữ ký số / The document carries no digital signature");
    }

    @Test
    void everyReasonCodeShouldHaveVietnameseAndEnglishText() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(code.vietnamese()).as(code.name()).isNotBlank().isNotEqualTo(code.english());
            assertThat(code.english()).as(code.name()).isNotBlank();
        }
    }

    @Test
    void warmUpShouldSeeTheDemoSignatureWhenEngineIsNew() {
        DocumentValidationReport report = new SignatureValidator(ValidationConfig.offline()).warmUp();

        assertThat(report.signatures()).hasSize(1);
        assertThat(report.signatures().get(0).integrityIntact()).isTrue();
    }
}
