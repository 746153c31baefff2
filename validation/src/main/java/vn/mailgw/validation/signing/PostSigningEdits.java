package vn.mailgw.validation.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare;

/**
 * Changes a signed PDF after signing the way an editor does: an incremental update appended to
 * the signed bytes, so the old signature still verifies over its revision. Makes the "signed then
 * edited" samples and the negative tests.
 */
public final class PostSigningEdits {

    private PostSigningEdits() {}

    /** Overwrites what page 1 shows: a new content stream appended to the page (e.g. a changed amount). */
    public static byte[] appendTextToFirstPage(byte[] signedPdf, String text) {
        return edit(signedPdf, doc -> {
            PDPage page = doc.getPage(0);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 14);
                cs.newLineAtOffset(50, 400);
                cs.showText(text);
                cs.endText();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            page.getResources().getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** Adds a square annotation to page 1. */
    public static byte[] addAnnotationToFirstPage(byte[] signedPdf) {
        return edit(signedPdf, doc -> {
            PDPage page = doc.getPage(0);
            PDAnnotationSquare square = new PDAnnotationSquare();
            square.setRectangle(new PDRectangle(100, 100, 200, 50));
            page.getAnnotations().add(square);
            page.getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** Appends a blank page. */
    public static byte[] addPage(byte[] signedPdf) {
        return edit(signedPdf, doc -> {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            doc.getPages().getCOSObject().setNeedToBeUpdated(true);
        });
    }

    private interface Edit {
        void apply(PDDocument doc) throws IOException;
    }

    private static byte[] edit(byte[] signedPdf, Edit edit) {
        try (PDDocument doc = Loader.loadPDF(signedPdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.apply(doc);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
