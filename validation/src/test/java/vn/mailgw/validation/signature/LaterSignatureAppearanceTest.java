package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.europa.esig.dss.enumerations.CertificationPermission;

import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.PostSigningEdits;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.SignatureBox;

/**
 * A signature added later is itself a change (sneaky signature, evil annotation): its appearance must
 * not cover what the signed pages show, and a certification signature's DocMDP level is enforced.
 * The sample page is A4 with its text block from about 60 to 180 points below the top edge.
 */
class LaterSignatureAppearanceTest {

    /** Over the title and body text of page 1. */
    private static final SignatureBox OVER_TEXT = new SignatureBox(1, 40, 50, 450, 130, "Da ky: So Tai chinh");
    /** Bottom right margin, where nothing is drawn. */
    private static final SignatureBox IN_MARGIN = new SignatureBox(1, 380, 740, 180, 60, "Da ky: So Tai chinh");

    private static DemoPki pki;
    private static SignatureValidator validator;
    private static byte[] unsigned;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new DemoPki();
        validator = new SignatureValidator(ValidationConfig.DEFAULT);
        unsigned = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH DEMO");
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    private static SignOptions options() {
        return SignOptions.at(pki.now.minusSeconds(60));
    }

    private static DocumentValidationReport validate(byte[] pdf) {
        return validator.validate(pdf, "van-ban.pdf", pki.trust(), Instant.now());
    }

    private static SignatureResult first(DocumentValidationReport report) {
        return report.signatures().stream()
                .min(java.util.Comparator.comparingLong(s -> s.coverage().signedLength())).orElseThrow();
    }

    private static SignatureResult last(DocumentValidationReport report) {
        return report.signatures().stream().filter(s -> s.coverage().coversWholeFile()).findFirst().orElseThrow();
    }

    @Test
    void validateShouldInvalidateEarlierSignatureWhenLaterSignatureCoversText() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options().visibleIn(OVER_TEXT));

        DocumentValidationReport report = validate(twice);

        SignatureResult earlier = first(report);
        assertThat(earlier.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.INVALID);
        assertThat(earlier.has(ReasonCode.SIGNATURE_APPEARANCE_OVERLAPS_CONTENT)).as(earlier.reasons().toString()).isTrue();
        assertThat(earlier.reasons()).anySatisfy(r -> assertThat(r.detail()).contains("text drawn by the page"));
        assertThat(last(report).isValid()).as(last(report).reasons().toString()).isTrue();
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INVALID);
    }

    @Test
    void validateShouldMeasureTheSignedPageBeforeLookingUnderALaterSignature() throws Exception {
        // The signed page's content inflates to 64 MB of "0 " operands, which PDFBox's engine would collect in one
        // list: measured first, past the content budget the changes after the signature are undefined.
        java.io.ByteArrayOutputStream zeros = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(zeros,
                new java.util.zip.Deflater(9))) {
            byte[] block = "0 ".repeat(32 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) {
                zlib.write(block);
            }
        }
        byte[] bomb = pdfWithPageContent(zeros.toByteArray(), true);
        byte[] once = DocumentSigner.signPdf(bomb, pki.official, options());
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options().visibleIn(OVER_TEXT));

        SignatureResult earlier = first(validate(twice));

        assertThat(earlier.isValid()).isFalse();
        assertThat(earlier.coverage().changesAfter()).anySatisfy(c -> assertThat(c.description())
                .contains("inflates to more than " + vn.mailgw.validation.filetype.PdfContentBudget.DEFAULT_BYTES));
    }

    @Test
    void validateShouldPlaceAnInlineImageUnderALaterSignatureWithoutDecodingIt() throws Exception {
        // The signed page draws an inline image whose Flate data inflates to 1 GB: PDFBox's own BI operator decodes it
        // whole (PDInlineImage), which ran this 1 GB test JVM out of memory; its place is all the check needs.
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.write("q 400 0 0 300 80 450 cm BI /W 100 /H 100 /BPC 8 /CS /G /F /Fl ID ".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(
                new java.io.FilterOutputStream(content) {
                    @Override
                    public void close() {
                        // keep the content open for the end of the image
                    }
                }, new java.util.zip.Deflater(9))) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                zlib.write(block);
            }
        }
        content.write("\nEI Q\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] once = DocumentSigner.signPdf(pdfWithPageContent(content.toByteArray(), false), pki.official, options());
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options().visibleIn(OVER_TEXT));

        SignatureResult earlier = first(validate(twice));

        assertThat(earlier.has(ReasonCode.SIGNATURE_APPEARANCE_OVERLAPS_CONTENT)).as(earlier.reasons().toString()).isTrue();
        assertThat(earlier.reasons()).anySatisfy(r -> assertThat(r.detail()).contains("an image drawn by the page"));
    }

    /** An A4 page whose content stream is {@code content} (already Flate data when {@code flate}, else as it is). */
    private static byte[] pdfWithPageContent(byte[] content, boolean flate) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(PDRectangle.A4);
            document.addPage(page);
            org.apache.pdfbox.cos.COSStream stream = document.getDocument().createCOSStream();
            try (java.io.OutputStream raw = stream.createRawOutputStream()) {
                raw.write(content);
            }
            if (flate) {
                stream.setItem(org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
            }
            page.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.CONTENTS, stream);
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void validateShouldKeepEarlierSignatureValidWhenLaterSignatureSitsInEmptyMargin() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options().visibleIn(IN_MARGIN));

        DocumentValidationReport report = validate(twice);

        assertThat(report.signatures()).as(CorpusIntegrityTest.describe(report)).hasSize(2)
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SignatureOutcome.VALID));
        assertThat(first(report).coverage().changesAfter()).anySatisfy(
                c -> assertThat(c.kind()).isEqualTo(Change.Kind.SIGNATURE_ADDED));
    }

    @Test
    void validateShouldInvalidateEarlierSignatureWhenLaterSignatureCoversEarlierVisibleSignature() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options().visibleIn(IN_MARGIN));
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options().visibleIn(
                new SignatureBox(1, 400, 750, 150, 40, "Da ky: So Tai chinh")));

        SignatureResult earlier = first(validate(twice));

        assertThat(earlier.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(earlier.has(ReasonCode.SIGNATURE_APPEARANCE_OVERLAPS_CONTENT)).as(earlier.reasons().toString()).isTrue();
        assertThat(earlier.reasons()).anySatisfy(r -> assertThat(r.detail()).contains("Widget annotation"));
    }

    @Test
    void validateShouldInvalidateEarlierSignatureWhenLaterAppearanceBBoxAndMatrixPaintOverPage() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        // A prepared signature field: a small widget in the empty margin, but an appearance as large as the
        // page, shifted onto it. Then the next signer signs in a field of its own.
        byte[] prepared = PostSigningEdits.addSignatureFieldWithAppearance(once, "ChuKy2",
                new PDRectangle(400, 40, 150, 50), PDRectangle.A4, Matrix.getTranslateInstance(-10, -10));
        byte[] twice = DocumentSigner.signPdf(prepared, pki.agency, options());

        DocumentValidationReport report = validate(twice);

        assertThat(report.signatures()).as(CorpusIntegrityTest.describe(report)).hasSize(2);
        SignatureResult earlier = first(report);
        assertThat(earlier.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(earlier.has(ReasonCode.APPEARANCE_OUTSIDE_FIELD)).as(earlier.reasons().toString()).isTrue();
        assertThat(earlier.has(ReasonCode.SIGNATURE_APPEARANCE_OVERLAPS_CONTENT)).isFalse();
        assertThat(last(report).isValid()).as(last(report).reasons().toString()).isTrue();
    }

    @Test
    void validateShouldInvalidateSignatureWhenEmptyFieldWithOversizedAppearanceAddedAfterIt() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        byte[] prepared = PostSigningEdits.addSignatureFieldWithAppearance(once, "ChuKy2",
                new PDRectangle(400, 40, 150, 50), new PDRectangle(0, 0, 600, 200), new Matrix());

        SignatureResult sig = validate(prepared).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.APPEARANCE_OUTSIDE_FIELD)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldInvalidateCertificationWhenP1DocumentSignedAgain() {
        byte[] certified = DocumentSigner.signPdf(unsigned, pki.official,
                options().certifying(CertificationPermission.NO_CHANGE_PERMITTED));
        byte[] twice = DocumentSigner.signPdf(certified, pki.agency, options().visibleIn(IN_MARGIN));

        DocumentValidationReport report = validate(twice);

        SignatureResult certification = first(report);
        assertThat(certification.certification()).contains(1);
        assertThat(certification.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.INVALID);
        assertThat(certification.has(ReasonCode.CERTIFICATION_PERMISSIONS_VIOLATED))
                .as(certification.reasons().toString()).isTrue();
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INVALID);
    }

    @Test
    void validateShouldAllowSignatureInMarginWhenCertifiedP2() {
        byte[] certified = DocumentSigner.signPdf(unsigned, pki.official,
                options().certifying(CertificationPermission.MINIMAL_CHANGES_PERMITTED));
        byte[] twice = DocumentSigner.signPdf(certified, pki.agency, options().visibleIn(IN_MARGIN));

        DocumentValidationReport report = validate(twice);

        assertThat(first(report).certification()).contains(2);
        assertThat(report.signatures()).as(CorpusIntegrityTest.describe(report))
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SignatureOutcome.VALID));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void judgeShouldCountContentItCannotWalkToTheEndAsCovered() throws Exception {
        // The signed page draws a form of text 1 000 000 times (28 kB of PDF): walked to the end it is ~10^9 glyphs.
        // The form's text is in the top half; the later widget sits in the bottom margin, so only the limit can answer.
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(
                vn.mailgw.validation.filetype.DrawingBombs.formDrawn(1_000_000, true))) {
            org.apache.pdfbox.cos.COSDictionary widget = new org.apache.pdfbox.cos.COSDictionary();
            widget.setItem(org.apache.pdfbox.cos.COSName.RECT, new PDRectangle(72, 40, 200, 60).getCOSArray());
            java.util.List<Change> changes = LaterSignatureAppearance.judge(widget,
                    document.getPage(0).getCOSObject(), "test");
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo(Change.Kind.SIGNATURE_APPEARANCE_OVERLAP);
                assertThat(change.description()).contains("could not be checked");
            });
        }
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(
                vn.mailgw.validation.filetype.DrawingBombs.formDrawn(3, true))) {
            org.apache.pdfbox.cos.COSDictionary widget = new org.apache.pdfbox.cos.COSDictionary();
            widget.setItem(org.apache.pdfbox.cos.COSName.RECT, new PDRectangle(72, 40, 200, 60).getCOSArray());
            assertThat(LaterSignatureAppearance.judge(widget, document.getPage(0).getCOSObject(), "test")).isEmpty();
        }
    }
}
