package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.signing.SamplePdfWriter;

/**
 * A flate decompression bomb as page content: a PDF of a few hundred kB whose page inflates to 256 MB of "0 " operands. The
 * classifier used to parse it and fill the heap (PDFBox keeps every operand before an operator); now the page's
 * content is counted against a budget first and the document is reported unreadable.
 */
class PdfContentBudgetTest {

    private final DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE,
            ProfileCategories.bundled(), "daknong-2012");

    @Test
    void classifyShouldSayUnreadableWhenPageContentIsADecompressionBomb() {
        byte[] bomb = pdfWithPageContent(deflate("0 ".getBytes(StandardCharsets.US_ASCII), 1L << 28));
        assertThat(bomb.length).isLessThan(3 * 1024 * 1024);

        Classification result = classifier.classify(new ClassificationInput(bomb, "bom.pdf", ""));

        assertThat(result.type()).isEqualTo(DocumentType.UNDETERMINED);
        assertThat(result.secrecy()).isInstanceOf(SecrecyFinding.Undetermined.class);
        assertThat(((SecrecyFinding.Undetermined) result.secrecy()).reason()).contains("inflates to more than");
    }

    @Test
    void classifyShouldStillReadOrdinaryPdfsWithinTheBudget() {
        byte[] decision = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-STC", "STC");

        Classification result = classifier.classify(new ClassificationInput(decision, "qd.pdf", ""));

        assertThat(result.type()).isEqualTo(DocumentType.QUYET_DINH);
    }

    static byte[] pdfWithPageContent(byte[] flateContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"};
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.size());
            write(out, ((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        offsets.add(out.size());
        write(out, ("4 0 obj\n<< /Length " + flateContent.length + " /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        write(out, flateContent);
        write(out, "\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        offsets.forEach(o -> table.append(String.format("%010d 00000 n \n", o)));
        write(out, (table + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] deflate(byte[] unit, long total) {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = unit[i % unit.length];
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (long fed = 0; fed < total; fed += chunk.length) {
            deflater.setInput(chunk);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
