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
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Matrix;

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

    /**
     * Adds an empty signature field on page 1 whose widget sits in {@code rect} but whose appearance
     * stream has the given /BBox and /Matrix and paints a white box with a replacement amount over all
     * of it: the evil-annotation appearance (a viewer that does not fit the /BBox into the rectangle
     * paints over the page). Signing that field with DSS/PDFBox would replace the appearance, so the attack
     * samples leave it empty and add the next signature in a field of its own.
     */
    public static byte[] addSignatureFieldWithAppearance(byte[] signedPdf, String name, PDRectangle rect,
                                                         PDRectangle bbox, Matrix matrix) {
        return edit(signedPdf, doc -> {
            PDPage page = doc.getPage(0);
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (form == null) {
                form = new PDAcroForm(doc);
                doc.getDocumentCatalog().setAcroForm(form);
            }
            PDSignatureField field = new PDSignatureField(form);
            field.setPartialName(name);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(rect);
            widget.setPage(page);
            widget.setPrinted(true);
            PDAppearanceStream appearance = new PDAppearanceStream(doc);
            appearance.setBBox(bbox);
            appearance.setMatrix(matrix.createAffineTransform());
            appearance.setResources(new PDResources());
            try (PDPageContentStream cs = new PDPageContentStream(doc, appearance)) {
                cs.setNonStrokingColor(java.awt.Color.WHITE);
                cs.addRect(bbox.getLowerLeftX(), bbox.getLowerLeftY(), bbox.getWidth(), bbox.getHeight());
                cs.fill();
                cs.setNonStrokingColor(java.awt.Color.BLACK);
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 14);
                cs.newLineAtOffset(bbox.getLowerLeftX() + 50, bbox.getUpperRightY() - 100);
                cs.showText("So tien: 999.000.000 VND");
                cs.endText();
            }
            PDAppearanceDictionary ap = new PDAppearanceDictionary();
            ap.setNormalAppearance(appearance);
            widget.setAppearance(ap);
            form.getFields().add(field);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            page.getAnnotations().add(widget);
            page.getCOSObject().setNeedToBeUpdated(true);
            form.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
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
