package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Which pages are read (the first and the last) and what that means for real multi-page documents made
 * by the corpus generator's PDF writer: the marks on page 1 and the copy form on the last page are seen.
 */
class PdfPagesTest {

    private final DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE,
            ProfileCategories.bundled(), "daknong-2012");

    @Test
    void toReadShouldBeTheFirstAndTheLastPageWhenTheDocumentIsLong() {
        assertThat(PdfPages.toRead(20, 1).pageNumbers()).containsExactly(1, 20);
        assertThat(PdfPages.toRead(20, 3).pageNumbers()).containsExactly(1, 2, 3, 20);
        assertThat(PdfPages.toRead(2, 1).pageNumbers()).containsExactly(1, 2);
        assertThat(PdfPages.toRead(1, 1).pageNumbers()).containsExactly(1);
        assertThat(PdfPages.toRead(3, 3).pageNumbers()).containsExactly(1, 2, 3);
        assertThat(PdfPages.toRead(0, 1).pageNumbers()).isEmpty();
    }

    @Test
    void classifyShouldFindTheSecrecyMarkAndTypeWhenTheyAreOnPageOneOfATwentyPageDocument() throws IOException {
        ClassificationCorpusGenerator.Document plan = secretPlan();
        byte[] pdf = longer(plan, 20);
        Classification result = classifier.classify(new ClassificationInput(pdf, "", ""));
        assertThat(result.type()).isEqualTo(DocumentType.KE_HOACH);
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Marked.class);
        assertThat(((SecrecyFinding.Marked) result.secrecy()).level()).isEqualTo(SecrecyLevel.TOI_MAT);
        assertThat(result.number()).isPresent();
    }

    @Test
    void classifyShouldSeeTheCopyFormWhenItEndsAFivePageCopy() throws IOException {
        ClassificationCorpusGenerator.Spec spec = ClassificationCorpusGenerator.specs().stream()
                .filter(s -> s.expected() == DocumentType.BAN_SAO_Y).findFirst().orElseThrow();
        byte[] pdf = longer(ClassificationCorpusGenerator.document(spec), 5);
        Classification result = classifier.classify(new ClassificationInput(pdf, "", ""));
        // Page 1 is the original Quyết định; only the copy form on the last page makes it a copy.
        assertThat(result.type()).isEqualTo(DocumentType.BAN_SAO_Y);
        assertThat(result.evidence()).extracting(Evidence::source).contains(Evidence.Source.COPY_BLOCK);
    }

    @Test
    void readShouldGiveTheSameLinesAsPdfBoxTextStripperWhenRunOverTheCorpusPdfs() throws IOException {
        List<String> differences = new ArrayList<>();
        int pdfs = 0;
        for (ClassificationCorpusTest.Row row : ClassificationCorpusTest.manifest()) {
            if (!row.file().endsWith(".pdf")) {
                continue;
            }
            try (PDDocument document = Loader.loadPDF(ClassificationCorpusTest.CORPUS.resolve(row.file()).toFile())) {
                org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
                stripper.setSortByPosition(true);
                stripper.setEndPage(1);
                List<String> expected = normalisedLines(stripper.getText(document));
                List<String> actual = normalisedLines(new PdfLineText().read(document.getPage(0)));
                if (!actual.equals(expected)) {
                    differences.add(row.file() + ": " + actual + " <> " + expected);
                }
                pdfs++;
            }
        }
        assertThat(pdfs).isGreaterThanOrEqualTo(60);
        assertThat(differences).isEmpty();
    }

    private static List<String> normalisedLines(String text) {
        return text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static ClassificationCorpusGenerator.Document secretPlan() {
        ClassificationCorpusGenerator.Spec spec = ClassificationCorpusGenerator.specs().stream()
                .filter(s -> s.expected() == DocumentType.KE_HOACH).findFirst().orElseThrow();
        ClassificationCorpusGenerator.Document d = ClassificationCorpusGenerator.document(spec);
        return new ClassificationCorpusGenerator.Document(d.leftHeader(), d.rightHeader(), d.marksTop(),
                List.of(SecrecyLevel.TOI_MAT.markVi()), d.title(), d.summary(), d.body(), d.copyBlock());
    }

    /** The document with its body repeated until the PDF has at least {@code pages} pages. */
    static byte[] longer(ClassificationCorpusGenerator.Document base, int pages) throws IOException {
        List<String> body = new ArrayList<>();
        while (true) {
            body.addAll(base.body());
            byte[] pdf = ClassificationCorpusGenerator.pdfbox(new ClassificationCorpusGenerator.Document(base.leftHeader(),
                    base.rightHeader(), base.marksTop(), base.marks(), base.title(), base.summary(), body, base.copyBlock()),
                    ClassificationCorpusGenerator.Encoding.UNICODE);
            try (PDDocument document = Loader.loadPDF(pdf)) {
                if (document.getNumberOfPages() >= pages) {
                    return pdf;
                }
            }
        }
    }
}
