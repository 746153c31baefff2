package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;

/** Lines rebuilt by position, whatever order the content stream draws them in and however the page is turned. */
class PdfLineTextTest {

    private static final List<String> LINES = List.of("ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Số: 15/QĐ-UBND", "QUYẾT ĐỊNH",
            "Về việc phê duyệt kế hoạch công tác năm 2025");

    @Test
    void readShouldGiveLinesTopDownWhenTheContentDrawsThemBottomUp() throws IOException {
        byte[] pdf = page(0, false, true);
        assertThat(read(pdf)).containsExactlyElementsOf(LINES);
    }

    @Test
    void readShouldGiveReadableLinesWhenALandscapePageIsDrawnRotated() throws IOException {
        byte[] pdf = page(90, true, false); // text runs upwards in user space, the viewer turns the page
        assertThat(read(pdf)).containsExactlyElementsOf(LINES);
        Classification result = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(),
                "daknong-2012").classify(new ClassificationInput(pdf, "", ""));
        assertThat(result.type()).isEqualTo(DocumentType.QUYET_DINH);
    }

    private static List<String> read(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PdfLineText().read(document.getPage(0)).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    /** One page with {@link #LINES} left-aligned from the top, optionally drawn in reverse order or rotated. */
    private static byte[] page(int rotation, boolean rotatedFrame, boolean reverse) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            page.setRotation(rotation);
            document.addPage(page);
            PDFont font = PDType0Font.load(document, ClassificationCorpusGenerator.FONT.toFile());
            float width = PDRectangle.A4.getWidth();
            float top = rotatedFrame ? width - 60 : PDRectangle.A4.getHeight() - 60;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                if (rotatedFrame) {
                    content.transform(new Matrix(0, 1, -1, 0, width, 0)); // landscape frame on a portrait sheet
                }
                for (int k = 0; k < LINES.size(); k++) {
                    int i = reverse ? LINES.size() - 1 - k : k;
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(60, top - 18 * i);
                    content.showText(LINES.get(i));
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
