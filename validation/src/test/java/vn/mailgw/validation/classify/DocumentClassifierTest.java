package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentClassifierTest {

    private static final ProfileCategories CATEGORIES = ProfileCategories.bundled();
    private final DocumentClassifier noOcr = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, CATEGORIES,
            "tuyenquang-2013");

    private static byte[] corpus(String prefix) throws IOException {
        try (var files = Files.list(ClassificationCorpusTest.CORPUS)) {
            return Files.readAllBytes(files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow());
        }
    }

    private static byte[] text(String... lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nonBlankLinesShouldCutStripAndDropLinesExactlyAsTheStreamOfStringLines() {
        java.util.Random random = new java.util.Random(10);
        char[] pool = {'a', 'B', 'ệ', ' ', '\t', '\n', '\r', '\u2028', '\u00A0', '\u3000', '\f'};
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(16)];
            for (int k = 0; k < text.length; k++) {
                text[k] = pool[random.nextInt(pool.length)];
            }
            String s = new String(text);
            assertThat(DocumentClassifier.nonBlankLines(s))
                    .isEqualTo(s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        }
    }

    @Test
    void classifyShouldNotSeeASecretWhenBiMatIsRunningText() {
        Classification result = noOcr.classify(new ClassificationInput(text(
                "ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Số: 215/UBND-VP", "V/v tăng cường bảo vệ bí mật nhà nước",
                "Kính gửi: Các sở, ban, ngành.",
                "Đề nghị các cơ quan giữ bí mật thông tin, không lưu chuyển tài liệu mật qua thư điện tử.",
                "Mật khẩu hộp thư phải được thay đổi định kỳ."), "cv215.txt", ""));
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.NotMarked.class);
        assertThat(result.type()).isEqualTo(DocumentType.CONG_VAN);
        assertThat(result.issuingAgency()).contains("UBND-VP");
    }

    @Test
    void classifyShouldFindTheSecrecyMarkAndTypeWhenStampedOnItsOwnLine() {
        Classification result = noOcr.classify(new ClassificationInput(text(
                "UBND TỈNH ĐẮK NÔNG", "SỞ NỘI VỤ", "Số: 12/BC-SNV", "TỐI MẬT", "BÁO CÁO", "Về công tác cán bộ quý I"),
                "", ""));
        assertThat(result.secrecy()).isEqualTo(new SecrecyFinding.Marked(SecrecyLevel.TOI_MAT, "TỐI MẬT"));
        assertThat(result.type()).isEqualTo(DocumentType.BAO_CAO);
        assertThat(result.confidence()).isEqualTo(1.0);
        assertThat(result.evidence()).extracting(Evidence::source)
                .containsExactly(Evidence.Source.TITLE, Evidence.Source.NUMBER_LINE);
    }

    @Test
    void classifyShouldSayScannedTypeNotDeterminedWhenNoOcrIsAvailable() throws IOException {
        Classification result = noOcr.classify(new ClassificationInput(corpus("d075_"), "scan_0175.pdf", ""));
        assertThat(result.scanned()).isTrue();
        assertThat(result.type()).isEqualTo(DocumentType.UNDETERMINED);
        assertThat(result.ocr()).isEqualTo(OcrStatus.UNAVAILABLE);
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Undetermined.class);
        assertThat(result.notices()).containsExactly(Notice.SCANNED_NOT_DETERMINED);
        assertThat(result.notices().get(0).vi()).contains("chưa xác định");
        assertThat(result.notices().get(0).en()).contains("not determined");
    }

    @Test
    void classifyShouldReportTimedOutWhenOcrRunsOverItsBudget() throws IOException {
        TesseractOcr tesseract = new TesseractOcr();
        assertThat(tesseract.available()).as("tesseract-ocr + tesseract-ocr-vie must be installed").isTrue();
        ClassifierConfig tight = new ClassifierConfig(3, 200_000, 1, 200, Duration.ofMillis(1), 20);
        Classification result = new DocumentClassifier(tight, tesseract, CATEGORIES, "daknong-2012")
                .classify(new ClassificationInput(corpus("d075_"), "", ""));
        assertThat(result.ocr()).isEqualTo(OcrStatus.TIMED_OUT);
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Undetermined.class);
        assertThat(result.type()).isEqualTo(DocumentType.UNDETERMINED);
    }

    @Test
    void classifyShouldReturnAValueNotThrowWhenThePdfIsDamaged() throws IOException {
        byte[] pdf = corpus("d000_");
        Classification result = noOcr.classify(new ClassificationInput(Arrays.copyOf(pdf, 400), "nghi-quyet.pdf", ""));
        assertThat(result.type()).isEqualTo(DocumentType.UNDETERMINED);
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Undetermined.class);
        assertThat(result.notices()).hasSize(1);
        assertThat(result.evidence()).extracting(Evidence::suggests).containsExactly(DocumentType.NGHI_QUYET);
    }

    @Test
    void classifyShouldFallBackOnFileNameAndSubjectWhenTheTextSaysNothing() {
        Classification byName = noOcr.classify(new ClassificationInput(text("Kinh gui cac don vi, xem tep dinh kem."),
                "Giay moi hop giao ban.txt", ""));
        assertThat(byName.type()).isEqualTo(DocumentType.GIAY_MOI);
        assertThat(byName.confidence()).isLessThan(0.5);
        Classification bySubject = noOcr.classify(new ClassificationInput(text("Xem tep dinh kem."), "tep.txt",
                "Gửi Kế hoạch kiểm tra công tác văn thư"));
        assertThat(bySubject.type()).isEqualTo(DocumentType.KE_HOACH);
        Classification nothing = noOcr.classify(new ClassificationInput(text("Xem tep dinh kem."), "tep.txt", ""));
        assertThat(nothing.type()).isEqualTo(DocumentType.UNDETERMINED);
        assertThat(nothing.category()).isEmpty();
    }

    @Test
    void classifyShouldPreferTheDocumentOverAMisleadingFileName() {
        Classification result = noOcr.classify(new ClassificationInput(text(
                "Số: 33/GM-UBND", "GIẤY MỜI", "Họp giao ban"), "Quyet dinh 33.txt", "Bao cao thang 3"));
        assertThat(result.type()).isEqualTo(DocumentType.GIAY_MOI);
        assertThat(result.category().orElseThrow().citation()).isEqualTo("tuyenquang-2013 Art 7.1(d)");
    }

    @Test
    void classifyShouldReadTheTitleWhenTheDocumentHasNoDiacritics() {
        Classification result = noOcr.classify(new ClassificationInput(text(
                "So: 9/HD-STC", "HOP DONG", "Cung cap dich vu chu ky so"), "", ""));
        assertThat(result.type()).isEqualTo(DocumentType.HOP_DONG);
        assertThat(result.encoding().encoding()).isEqualTo(TextEncoding.NO_DIACRITICS);
    }

    @Test
    void constructorShouldRefuseAnUnknownProfile() {
        assertThatThrownBy(() -> new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, CATEGORIES, "hanoi-2030"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hanoi-2030");
    }

    @Test
    void categoryOfShouldFollowTheRegulationOfEachProfile() {
        assertThat(CATEGORIES.profiles()).containsExactly("cantho-2005", "daknong-2012", "sonla-2005", "sonla-2025",
                "tuyenquang-2013");
        assertThat(CATEGORIES.categoryOf("tuyenquang-2013", DocumentType.LICH_CONG_TAC, false).orElseThrow().citation())
                .isEqualTo("tuyenquang-2013 Art 7.1(a)");
        assertThat(CATEGORIES.categoryOf("tuyenquang-2013", DocumentType.QUYET_DINH, true).orElseThrow().citation())
                .isEqualTo("tuyenquang-2013 Art 7.1(b)");
        assertThat(CATEGORIES.categoryOf("daknong-2012", DocumentType.GIAY_TRIEU_TAP, false).orElseThrow().labelVi())
                .isEqualTo("Giấy mời, giấy triệu tập");
        assertThat(CATEGORIES.categoryOf("daknong-2012", DocumentType.CHI_THI, false).orElseThrow().code())
                .isEqualTo("chi-dao");
        assertThat(CATEGORIES.categoryOf("cantho-2005", DocumentType.QUYET_DINH, false).orElseThrow().citation())
                .isEqualTo("cantho-2005 Art 9.3");
        assertThat(CATEGORIES.categoryOf("sonla-2025", DocumentType.GIAY_MOI, false).orElseThrow().citation())
                .isEqualTo("sonla-2025 Art 4.1");
        assertThat(CATEGORIES.categoryOf("daknong-2012", DocumentType.UNDETERMINED, false)).isEmpty();
        for (String profile : CATEGORIES.profiles()) {
            for (DocumentType type : DocumentType.values()) {
                if (type != DocumentType.UNDETERMINED) {
                    assertThat(CATEGORIES.categoryOf(profile, type, false)).as(profile + " " + type).isPresent();
                }
            }
        }
    }

    @Test
    void classifyShouldReadOdtAndXlsxFromTheCorpus() throws IOException {
        assertThat(noOcr.classify(new ClassificationInput(corpus("d003_"), "VB_0031.odt", "")).type())
                .isEqualTo(DocumentType.QUYET_DINH);
        Classification schedule = noOcr.classify(new ClassificationInput(corpus("d087_"), "VB_0187.xlsx", ""));
        assertThat(schedule.type()).isEqualTo(DocumentType.LICH_CONG_TAC);
        assertThat(schedule.category().orElseThrow().citation()).isEqualTo("tuyenquang-2013 Art 7.1(a)");
    }

    @Test
    void classifyShouldReportTcvn3AsNonCompliantAndStillClassify() throws IOException {
        Classification result = noOcr.classify(new ClassificationInput(corpus("d086_"), "186_HD-UBND.docx", ""));
        assertThat(result.type()).isEqualTo(DocumentType.HOP_DONG);
        assertThat(result.encoding().encoding()).isEqualTo(TextEncoding.TCVN3);
        assertThat(result.notices()).extracting(Notice::en).anyMatch(n -> n.contains("TCVN3") && n.contains("daknong-2012 Art 9.5"));
    }

    @Test
    void labelViShouldMarkDrafts() {
        Classification draft = noOcr.classify(new ClassificationInput(text("DỰ THẢO", "Số: 1/QĐ-UBND", "QUYẾT ĐỊNH"), "", ""));
        assertThat(draft.draft()).isTrue();
        assertThat(draft.labelVi()).isEqualTo("Quyết định (dự thảo)");
        assertThat(List.of(draft.category().orElseThrow().code())).containsExactly("b");
    }
}
