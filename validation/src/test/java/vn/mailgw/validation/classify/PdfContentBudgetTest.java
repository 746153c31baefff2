package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.filetype.PdfContentBudget;
import vn.mailgw.validation.filetype.DecodeBudget;

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

    @Test
    void classifyShouldSayUnreadableWhenPageContentBehindAHexLayerIsABomb() {
        byte[] zlib = deflate("0 ".getBytes(StandardCharsets.US_ASCII), 1L << 26);
        StringBuilder hex = new StringBuilder();
        for (byte b : zlib) {
            hex.append(String.format("%02x", b));
        }
        byte[] pdf = pdfWithPageContent((hex + ">").getBytes(StandardCharsets.US_ASCII),
                "[/ASCIIHexDecode /FlateDecode]");

        Classification result = classifier.classify(new ClassificationInput(pdf, "bom.pdf", ""));

        assertThat(((SecrecyFinding.Undetermined) result.secrecy()).reason())
                .contains("page content decodes (ASCIIHexDecode, FlateDecode) to more than");
    }

    @Test
    void chargeFontShouldMeasureWhatReadingTheFontDecodes() throws IOException {
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TO_UNICODE, flateStream(4 * 1024));
        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.FONT_FILE2, flateStream(8L * 1024 * 1024)); // 8 MB of font program
        font.setItem(COSName.FONT_DESC, descriptor);
        PdfContentBudget budget = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES, 4L * 1024 * 1024);

        budget.chargeFont(font, true); // the CMap only (a DictionaryFont): within 4 MB
        assertThatThrownBy(() -> budget.chargeFont(font, false)).isInstanceOf(DecodeBudget.Exceeded.class)
                .hasMessageContaining("font streams decode to more than 4194304 bytes");
        // Many small fonts add up: each charged its worst case or, past that, its true size.
        PdfContentBudget many = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES, 4L * 1024 * 1024);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                COSDictionary small = new COSDictionary();
                small.setItem(COSName.TO_UNICODE, flateStream(256 * 1024));
                many.chargeFont(small, true);
            }
        }).isInstanceOf(DecodeBudget.Exceeded.class);
    }

    @Test
    void classifyShouldSayUnreadableWhenAFontCmapIsABomb() {
        byte[] cmap = deflate("0 ".getBytes(StandardCharsets.US_ASCII), 1L << 28);
        String content = "BT /F1 12 Tf 72 720 Td (Giay moi) Tj ET";
        byte[] pdf = pdf(List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R"
                        + " >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Widths ["
                        + " 500".repeat(95) + " ] /ToUnicode 6 0 R >>"), cmap);

        Classification result = classifier.classify(new ClassificationInput(pdf, "giay-moi.pdf", ""));

        assertThat(((SecrecyFinding.Undetermined) result.secrecy()).reason()).contains("font streams decode to more than");
    }

    /** A Flate stream of {@code zeros} zero bytes. */
    private static COSStream flateStream(long zeros) throws IOException {
        COSStream stream = new COSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(deflate(new byte[] {0}, zeros));
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return stream;
    }

    static byte[] pdfWithPageContent(byte[] flateContent) {
        return pdfWithPageContent(flateContent, "/FlateDecode");
    }

    /** Objects 1..n as given, then one stream object holding {@code data} with /FlateDecode. */
    private static byte[] pdf(List<String> objects, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, ((i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        offsets.add(out.size());
        write(out, ((objects.size() + 1) + " 0 obj\n<< /Length " + data.length + " /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        write(out, data);
        write(out, "\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(o -> table.append(String.format("%010d 00000 n \n", o)));
        write(out, (table + "trailer\n<< /Size " + (offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref
                + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] pdfWithPageContent(byte[] flateContent, String filter) {
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
        write(out, ("4 0 obj\n<< /Length " + flateContent.length + " /Filter " + filter + " >>\nstream\n")
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
