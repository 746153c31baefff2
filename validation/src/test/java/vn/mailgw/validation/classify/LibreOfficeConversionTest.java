package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus PDFs were exported by LibreOffice once and committed; this test does one export live, as
 * an agency's clerk would, so a change in LibreOffice's PDF output is noticed (needs Debian
 * libreoffice-writer, installed by scripts/test from scripts/debian-packages.txt).
 */
class LibreOfficeConversionTest {

    @Test
    void classifyShouldFindTheTypeWhenLibreOfficeExportsAWordFileToPdf(@TempDir Path dir) throws Exception {
        ClassificationCorpusGenerator.Spec spec = ClassificationCorpusGenerator.specs().stream()
                .filter(s -> s.expected() == DocumentType.GIAY_TRIEU_TAP).findFirst().orElseThrow();
        Path docx = dir.resolve("giay-trieu-tap.docx");
        Files.write(docx, ClassificationCorpusGenerator.docx(ClassificationCorpusGenerator.document(spec),
                ClassificationCorpusGenerator.Encoding.UNICODE));
        ClassificationCorpusGenerator.soffice("pdf", List.of(docx), dir);
        byte[] pdf = Files.readAllBytes(dir.resolve("giay-trieu-tap.pdf"));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        Classification result = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(),
                "daknong-2012").classify(new ClassificationInput(pdf, "scan.pdf", ""));
        assertThat(result.type()).isEqualTo(DocumentType.GIAY_TRIEU_TAP);
        assertThat(result.scanned()).isFalse();
        assertThat(result.category().orElseThrow().labelVi()).isEqualTo("Giấy mời, giấy triệu tập");
        assertThat(result.number().orElseThrow().symbol()).endsWith("GTT-" + spec.agency().abbreviation());
    }

    /**
     * Word templates put the secrecy mark in the left cell of the header table, under the number; exported
     * by LibreOffice and read in position order, it shares a text line with the right cell's date.
     */
    @Test
    void classifyShouldFindASecrecyMarkInsideTheHeaderTableWhenLibreOfficeExportsIt(@TempDir Path dir) throws Exception {
        ClassificationCorpusGenerator.Document document = new ClassificationCorpusGenerator.Document(
                List.of("ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: 45/BC-UBND", "MẬT"),
                List.of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Sơn La, ngày 10 tháng 3 năm 2025"), // the motto wraps, so the date shares MẬT's row
                List.of(), List.of(), "BÁO CÁO", "Tình hình an ninh biên giới quý I",
                List.of("Nội dung báo cáo gồm các số liệu thuộc danh mục bí mật nhà nước."), List.of());
        Path docx = dir.resolve("bao-cao.docx");
        Files.write(docx, ClassificationCorpusGenerator.docx(document, ClassificationCorpusGenerator.Encoding.UNICODE));
        ClassificationCorpusGenerator.soffice("pdf", List.of(docx), dir);

        Classification result = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(),
                "daknong-2012").classify(new ClassificationInput(Files.readAllBytes(dir.resolve("bao-cao.pdf")), "", ""));
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Marked.class);
        assertThat(((SecrecyFinding.Marked) result.secrecy()).level()).isEqualTo(SecrecyLevel.MAT);
        assertThat(((SecrecyFinding.Marked) result.secrecy()).line()).isEqualTo("MẬT Sơn La, ngày 10 tháng 3 năm 2025");
        assertThat(result.type()).isEqualTo(DocumentType.BAO_CAO);
    }
}
