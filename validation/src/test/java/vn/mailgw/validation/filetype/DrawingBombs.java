package vn.mailgw.validation.filetype;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * PDFs of a few kB that ask a content walker for billions of steps: one page draws the same form XObject over and
 * over (a form is walked again each time it is drawn), and no byte budget sees it. Test fixtures.
 */
public final class DrawingBombs {

    private DrawingBombs() {}

    /**
     * One A4 page drawing a form {@code draws} times; the form writes 20 lines of text in the top half of the page
     * ({@code text}) or strokes 100 short paths (no text).
     */
    public static byte[] formDrawn(int draws, boolean text) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFormXObject form = new PDFormXObject(document);
            form.setBBox(PDRectangle.A4);
            PDResources formResources = new PDResources();
            COSName font = formResources.add(new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setResources(formResources);
            StringBuilder drawing = new StringBuilder();
            if (text) {
                drawing.append("BT /").append(font.getName()).append(" 10 Tf 72 800 Td ");
                for (int i = 0; i < 20; i++) {
                    drawing.append("(Noi dung van ban duoc lap lai nhieu lan trong trang) Tj 0 -12 Td ");
                }
                drawing.append("ET");
            } else {
                for (int i = 0; i < 100; i++) {
                    drawing.append("72 ").append(800 - i).append(" m 100 ").append(800 - i).append(" l S ");
                }
            }
            try (OutputStream content = form.getCOSObject().createOutputStream(COSName.FLATE_DECODE)) {
                content.write(drawing.toString().getBytes(StandardCharsets.US_ASCII));
            }
            PDResources pageResources = new PDResources();
            COSName formName = pageResources.add(form);
            page.setResources(pageResources);
            COSStream content = document.getDocument().createCOSStream();
            try (OutputStream raw = content.createOutputStream(COSName.FLATE_DECODE)) {
                byte[] draw = ("q /" + formName.getName() + " Do Q\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < draws; i++) {
                    raw.write(draw);
                }
            }
            page.getCOSObject().setItem(COSName.CONTENTS, content);
            document.save(out);
            return out.toByteArray();
        }
    }
}
