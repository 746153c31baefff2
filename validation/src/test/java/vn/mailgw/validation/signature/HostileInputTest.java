package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.filetype.EncryptedPdfs;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

/** Hostile and broken input (issue 3 point 6): each gets a clear outcome, never an exception, a hang or a pass. */
class HostileInputTest {

    private static final TrustSnapshot TRUST = TrustSnapshot.empty(Instant.now());
    private static SignatureValidator validator;
    private static byte[] signed;

    @BeforeAll
    static void setUp() {
        validator = new SignatureValidator(ValidationConfig.offline()
                .withDocumentBudget(Duration.ofSeconds(20), 8L * 1024 * 1024, 100_000, 1_000));
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.root(VnSubject.ca("DEMO Hostile Root", "DEMO"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))),
                CertificateAuthority.seededRandom("hostile"));
        IssuedCertificate signer = ca.issue(VnSubject.ca("DEMO Signer", "DEMO"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
        signed = DocumentSigner.signPdf(SamplePdfWriter.vietnameseDecision("1/2026", "DEMO"), signer, SignOptions.at(now));
    }

    private static DocumentValidationReport validate(byte[] pdf) {
        return validator.validate(pdf, "hostile.pdf", TRUST, Instant.now());
    }

    private static ReasonCode unreadableReason(DocumentValidationReport report) {
        assertThat(report).as(CorpusIntegrityTest.describe(report)).isInstanceOf(DocumentValidationReport.Unreadable.class);
        return ((DocumentValidationReport.Unreadable) report).reason().code();
    }

    @Test
    void validateShouldSayUnreadableWhenGarbageNamedPdf() {
        byte[] garbage = new byte[50_000];
        new Random(1).nextBytes(garbage);

        assertThat(unreadableReason(validate(garbage))).isEqualTo(ReasonCode.DOCUMENT_UNREADABLE);
    }

    @Test
    void validateShouldNotPassWhenSignedFileTruncated() {
        for (int cut : new int[] {signed.length / 2, signed.length - 200, 100}) {
            DocumentValidationReport report = validate(Arrays.copyOf(signed, cut));
            assertThat(report.isValid()).as(cut + ": " + CorpusIntegrityTest.describe(report)).isFalse();
        }
        // Cut inside the signature's own update: the signature is there but broken, never "not signed".
        DocumentValidationReport report = validate(Arrays.copyOf(signed, signed.length - 200));
        assertThat(report).as(CorpusIntegrityTest.describe(report)).isNotInstanceOf(DocumentValidationReport.NotSigned.class);
    }

    @Test
    void validateShouldSayEncryptedWhenPdfHasUserPassword() throws Exception {
        byte[] encrypted;
        try (PDDocument doc = Loader.loadPDF(SamplePdfWriter.vietnameseDecision("2/2026", "DEMO"));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            encrypted = out.toByteArray();
        }

        assertThat(unreadableReason(validate(encrypted))).isEqualTo(ReasonCode.DOCUMENT_ENCRYPTED);
    }

    @Test
    void validateShouldRefuseEncryptedFileWhoseObjectStreamDecodesBeyondTheLimit() throws Exception {
        // Ciphertext to the raw-byte check; decoded after decryption, bounded, before DSS loads it unbounded.
        DocumentValidationReport report = validate(EncryptedPdfs.withObjectStreamOf(40));
        assertThat(unreadableReason(report)).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
        assertThat(((DocumentValidationReport.Unreadable) report).reason().detail())
                .startsWith("an object stream decodes (FlateDecode) to more than");
        // The array in an object stream of its own, which nothing reads while loading: decoded all the same.
        assertThat(unreadableReason(validate(EncryptedPdfs.withObjectStreamOf(40, 1))))
                .isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
        // The same file within the limit is read (and found unsigned).
        assertThat(validate(EncryptedPdfs.withObjectStreamOf(2))).isInstanceOf(DocumentValidationReport.NotSigned.class);
    }

    @Test
    void validateShouldRefuseSecurityStoreWhoseStreamsDecodeBeyondTheLimit() throws Exception {
        // DSS decodes every certificate, CRL and OCSP response of a /DSS whole: a "CRL" of 200 MB of zeros, added in
        // an update after the signature.
        byte[] withStore;
        try (PDDocument document = Loader.loadPDF(signed); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.pdfbox.cos.COSStream crl = document.getDocument().createCOSStream();
            try (java.io.OutputStream raw = crl.createRawOutputStream();
                 java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(raw,
                         new java.util.zip.Deflater(9))) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 200; i++) {
                    zlib.write(zeros);
                }
            }
            crl.setItem(org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
            org.apache.pdfbox.cos.COSArray crls = new org.apache.pdfbox.cos.COSArray();
            crls.add(crl);
            org.apache.pdfbox.cos.COSDictionary store = new org.apache.pdfbox.cos.COSDictionary();
            store.setItem(org.apache.pdfbox.cos.COSName.getPDFName("CRLs"), crls);
            document.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("DSS"), store);
            document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            store.setNeedToBeUpdated(true);
            crls.setNeedToBeUpdated(true);
            document.saveIncremental(out);
            withStore = out.toByteArray();
        }
        assertThat(new String(withStore, StandardCharsets.ISO_8859_1)).contains("/DSS");

        DocumentValidationReport report = validate(withStore);

        assertThat(unreadableReason(report)).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
        assertThat(((DocumentValidationReport.Unreadable) report).reason().detail())
                .startsWith("document security store streams decode to more than");
    }

    @Test
    void validateShouldAnswerWhenPageTreeIsCyclic() {
        byte[] cyclic = RawPdf.build(List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /Kids [2 0 R] /MediaBox [0 0 10 10] >>"), "");

        DocumentValidationReport report = validate(cyclic);

        assertThat(report.isValid()).isFalse();
        assertThat(report).isInstanceOfAny(DocumentValidationReport.NotSigned.class, DocumentValidationReport.Unreadable.class);
    }

    @Test
    void validateShouldAnswerWhenObjectsNestedVeryDeep() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        byte[] nested = RawPdf.build(List.of("<< /Type /Catalog /Pages 2 0 R /Deep 3 0 R >>",
                "<< /Type /Pages /Kids [] /Count 0 >>", deep), "");

        DocumentValidationReport report = validate(nested);

        assertThat(report.isValid()).isFalse();
        assertThat(report).isInstanceOfAny(DocumentValidationReport.NotSigned.class, DocumentValidationReport.Unreadable.class);
    }

    @Test
    void validateShouldRefuseWhenXrefDeclaresHugeObjectCount() {
        byte[] huge = RawPdf.build(List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"),
                "/Size 50000000");

        assertThat(unreadableReason(validate(huge))).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
    }

    @Test
    void validateShouldRefuseWhenThousandsOfPages() throws Exception {
        byte[] many;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < 3_000; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            many = out.toByteArray();
        }

        DocumentValidationReport report = validate(many);

        assertThat(unreadableReason(report)).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
        assertThat(((DocumentValidationReport.Unreadable) report).reason().detail()).contains("3000");
    }

    @Test
    void validateShouldSayUnreadableSignatureWhenContentsAbsurd() {
        String hex = "AB".repeat(2_000_000);
        String sig = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <"
                + hex + "> >>";
        byte[] absurd = RawPdf.build(List.of("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] /SigFlags 3 >> >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /FT /Sig /T (Sig1) /V 4 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] >>", sig), "");

        DocumentValidationReport report = validate(absurd);

        assertThat(report.isValid()).isFalse();
        assertThat(report).isNotInstanceOf(DocumentValidationReport.NotSigned.class);
    }

    @Test
    void validateShouldRefuseWhenOverSizeBudget() {
        byte[] big = Arrays.copyOf(signed, 9 * 1024 * 1024);

        assertThat(unreadableReason(validate(big))).isEqualTo(ReasonCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void validateShouldTimeOutWhenBudgetTooSmall() {
        SignatureValidator hurried = new SignatureValidator(ValidationConfig.offline()
                .withDocumentBudget(Duration.ofMillis(1), 8L * 1024 * 1024, 100_000, 1_000));

        DocumentValidationReport report = hurried.validate(signed, "slow.pdf", TRUST, Instant.now());

        assertThat(unreadableReason(report)).isEqualTo(ReasonCode.VALIDATION_TIMEOUT);
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INDETERMINATE);
    }

    @Test
    void validateShouldNeverThrowWhenBytesMutated() {
        Random random = new Random(42);
        for (int round = 0; round < 15; round++) {
            byte[] mutated = signed.clone();
            for (int k = 0; k < 20; k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            DocumentValidationReport report = validate(mutated);
            assertThat(report.fileName()).isEqualTo("hostile.pdf");
            if (report.isValid()) {
                throw new AssertionError("a mutated file passed: " + CorpusIntegrityTest.describe(report));
            }
        }
        assertThat(new String(signed, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }
}
