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
}
