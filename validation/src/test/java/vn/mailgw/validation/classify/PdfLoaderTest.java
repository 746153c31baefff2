package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadView;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.PdfBytes;
import vn.mailgw.validation.filetype.PdfLoader;
import vn.mailgw.validation.filetype.PdfContentBudget;

/**
 * The classifier's way of loading and reading a PDF ({@link PdfLoader}, {@link PdfBytes}, the page content inflated
 * once by {@link PdfContentBudget}) must read exactly what PDFBox's own way reads: {@code Loader.loadPDF} and PDFBox
 * inflating the content stream itself. Compared glyph by glyph on every corpus PDF, and outcome by outcome (text or
 * error) on damaged copies of them.
 */
class PdfLoaderTest {

    @Test
    void everyGlyphShouldBeTheSameAsWithPdfBoxLoadingAndInflatingOnEveryCorpusPdf() throws IOException {
        List<Path> pdfs = corpusPdfs();
        assertThat(pdfs).hasSizeGreaterThanOrEqualTo(60);
        int pages = 0;
        int inflatedHere = 0;
        for (Path file : pdfs) {
            byte[] pdf = Files.readAllBytes(file);
            try (PDDocument ours = PdfLoader.load(pdf); PDDocument pdfBox = Loader.loadPDF(pdf)) {
                assertThat(ours.getNumberOfPages()).isEqualTo(pdfBox.getNumberOfPages());
                PdfLineText ourReader = new PdfLineText();
                PdfLineText pdfBoxReader = new PdfLineText();
                PdfContentBudget budget = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES);
                for (int i = 0; i < ours.getNumberOfPages(); i++) {
                    PDPage page = ours.getPage(i);
                    PdfBytes inflated = budget.charge(page);
                    inflatedHere += inflated == null ? 0 : 1;
                    String where = file.getFileName() + " page " + (i + 1);
                    assertThat(ourReader.read(page, inflated)).as(where).isEqualTo(pdfBoxReader.read(pdfBox.getPage(i)));
                    assertThat(ourReader.glyphGeometry()).as(where).isEqualTo(pdfBoxReader.glyphGeometry());
                    pages++;
                }
            }
        }
        assertThat(pages).isGreaterThanOrEqualTo(pdfs.size());
        // Without this the comparison could pass by never reading inflated bytes (LibreOffice and PDFBox both write
        // one Flate stream per page).
        assertThat(inflatedHere).as("pages read from content inflated by the budget").isEqualTo(pages);
    }

    /**
     * Damaged files: cut short, bytes overwritten in the cross-reference data, the object streams and the page
     * content. Whatever PDFBox's own loading makes of each (all the text it reads, or an error), ours must make the
     * same: the lenient repairs are PDFBox's, only the bytes come from elsewhere.
     */
    @Test
    void damagedPdfsShouldReadExactlyAsPdfBoxReadsThem() throws IOException {
        Random random = new Random(20261122);
        int compared = 0;
        int readable = 0;
        List<Path> pdfs = corpusPdfs();
        for (Path file : List.of(pdfs.get(0), pdfs.get(pdfs.size() / 2), pdfs.get(pdfs.size() - 1))) {
            byte[] pdf = Files.readAllBytes(file);
            for (int k = 0; k < 40; k++) {
                byte[] damaged = k < 10 ? Arrays.copyOf(pdf, pdf.length * (k + 1) / 11) : overwrite(pdf, random);
                String pdfBox = outcome(damaged, false);
                assertThat(outcome(damaged, true)).as(file.getFileName() + " damage " + k).isEqualTo(pdfBox);
                compared++;
                readable += pdfBox.startsWith("error") ? 0 : 1;
            }
        }
        assertThat(compared).isEqualTo(120);
        assertThat(readable).as("damaged copies PDFBox still reads").isGreaterThan(20);
    }

    @Test
    void pdfBytesShouldKeepTheReadingContractOfPdfBoxBuffers() throws IOException {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        PdfBytes slice = new PdfBytes(bytes, 2, 8); // "234567"
        assertThat(slice.length()).isEqualTo(6);
        assertThat(slice.read()).isEqualTo('2');
        assertThat(slice.peek()).isEqualTo('3');
        assertThat(slice.getPosition()).isEqualTo(1);
        slice.rewind(1);
        assertThat(slice.read()).isEqualTo('2');
        byte[] into = new byte[10];
        assertThat(slice.read(into, 0, 10)).isEqualTo(5);
        assertThat(new String(into, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("34567");
        assertThat(slice.isEOF()).isTrue();
        assertThat(slice.read()).isEqualTo(-1);
        assertThat(slice.peek()).isEqualTo(-1);
        assertThat(slice.read(into, 0, 1)).isEqualTo(-1);
        slice.seek(100);
        assertThat(slice.getPosition()).as("a seek past the end stops at the end").isEqualTo(6);
        assertThatThrownBy(() -> slice.seek(-1)).isInstanceOf(IOException.class);

        slice.seek(1);
        RandomAccessReadView view = slice.createView(2, 3); // "456"
        assertThat(view.read()).isEqualTo('4');
        assertThat(slice.read()).as("reading a view does not move its parent").isEqualTo('3');
        assertThat(view.read()).isEqualTo('5');

        slice.close();
        assertThat(slice.isClosed()).isTrue();
        assertThatThrownBy(slice::read).isInstanceOf(IOException.class);
    }

    /** All the text the classifier's reader gets from every page, or "error" when loading or reading fails. */
    private static String outcome(byte[] pdf, boolean ours) {
        try (PDDocument document = ours ? PdfLoader.load(pdf) : Loader.loadPDF(pdf)) {
            StringBuilder text = new StringBuilder();
            PdfLineText reader = new PdfLineText();
            PdfContentBudget budget = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES);
            for (PDPage page : document.getPages()) {
                PdfBytes inflated = budget.charge(page);
                text.append(ours ? reader.read(page, inflated) : reader.read(page)).append('\f');
                text.append(reader.glyphGeometry());
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "error " + e.getClass().getSimpleName();
        }
    }

    /** A copy with a few runs of bytes overwritten by random ones. */
    private static byte[] overwrite(byte[] pdf, Random random) {
        byte[] copy = pdf.clone();
        for (int runs = 1 + random.nextInt(3); runs > 0; runs--) {
            int at = random.nextInt(copy.length);
            for (int i = at; i < Math.min(copy.length, at + 1 + random.nextInt(8)); i++) {
                copy[i] = (byte) random.nextInt(256);
            }
        }
        return copy;
    }

    private static List<Path> corpusPdfs() throws IOException {
        try (Stream<Path> files = Files.list(ClassificationCorpusTest.CORPUS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }
}
