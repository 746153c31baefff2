package vn.mailgw.gateway.documents;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.ASiCContainerType;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.ContainerSigner;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SampleOfficeWriter;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.SignatureEvidence;

/**
 * Which engine the inspector runs for each file type, with real signed files: Office packages, ASiC, .p7m, ODF,
 * and the detached .p7s pairing. Revocation is off (offline), so the findings are about dispatch and identity.
 */
class DocumentInspectorTest {

    static final Instant NOW = Instant.now();
    static IssuedCertificate agency;
    static TrustSnapshot trust;
    static DocumentInspector inspector;
    static byte[] docx;

    @BeforeAll
    static void setUp() {
        CertificateProfile validity = CertificateProfile.valid(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)));
        CertificateAuthority root = CertificateAuthority.root(VnSubject.ca("DEMO Root (inspector test)", "mailgw DEMO"),
                validity, CertificateAuthority.seededRandom("inspector-test"));
        agency = root.issue(VnSubject.agency("SỞ TÀI CHÍNH", "Sở Tài chính", "Demo", "stc@demo.gov.vn", "0100000001",
                "1000001"), validity);
        trust = TrustSnapshot.of("inspector test", List.of(TrustedCertificate.of(root.certificate().certificate(),
                AnchorFamily.TEST, "root.pem", true)), NOW);
        inspector = new DocumentInspector(new SignatureValidator(ValidationConfig.offline()), () -> trust,
                Clock.systemUTC());
        docx = SampleOfficeWriter.docx("KẾ HOẠCH", "Tổng kết năm 2026");
    }

    static SignOptions options() {
        return SignOptions.at(NOW.minusSeconds(120));
    }

    static Attachment attachment(String name, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return new Attachment(name, content, sha, FileTypeSniffer.sniff(content));
    }

    static AttachmentFacts only(Attachment... attachments) {
        return inspector.inspect(List.of(attachments)).get(0).facts();
    }

    static String signer(AttachmentFacts facts) {
        assertThat(facts.signatures()).as(facts.toString()).isInstanceOf(SignatureEvidence.Signed.class);
        return ((SignatureEvidence.Signed) facts.signatures()).signatures().get(0).signer().commonName();
    }

    @Test
    void inspectShouldReadThePackageSignatureWhenDocxIsSigned() throws Exception {
        AttachmentFacts facts = only(attachment("ke-hoach.docx", OfficeSigner.signOoxml(docx, agency, options())));

        assertThat(facts.type()).isEqualTo(FileType.DOCX);
        assertThat(signer(facts)).isEqualTo("SỞ TÀI CHÍNH");
    }

    @Test
    void inspectShouldJudgeTheDocxInsideWhenAsicContainerIsSigned() throws Exception {
        byte[] asice = ContainerSigner.signAsic(docx, "ke-hoach.docx", agency, options(), ASiCContainerType.ASiC_E,
                ContainerSigner.Flavour.XADES);

        AttachmentFacts facts = only(attachment("ke-hoach.asice", asice));

        // Editable content: daknong-2012 Art 9.2(a) / tuyenquang-2013 Art 7.2(c) apply to the Word file, not the ZIP.
        assertThat(facts.type()).isEqualTo(FileType.DOCX);
        assertThat(facts.isDocument()).isTrue();
        assertThat(signer(facts)).isEqualTo("SỞ TÀI CHÍNH");
    }

    @Test
    void inspectShouldJudgeThePdfInsideWhenP7mEnvelopesIt() throws Exception {
        byte[] pdf = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-STC", "STC");
        byte[] p7m = ContainerSigner.signEnveloping(pdf, "quyet-dinh.pdf", agency, options());

        AttachmentFacts facts = only(attachment("quyet-dinh.pdf.p7m", p7m));

        assertThat(facts.type()).isEqualTo(FileType.PDF);
        assertThat(signer(facts)).isEqualTo("SỞ TÀI CHÍNH");
    }

    @Test
    void inspectShouldPairDetachedP7sAndLeaveItOutOfTheDocumentsWhenFileTravelsWithIt() throws Exception {
        byte[] p7s = DocumentSigner.signDetached(docx, "ke-hoach.docx", agency, options());

        List<InspectedDocument> inspected = inspector.inspect(List.of(attachment("ke-hoach.docx", docx),
                attachment("ke-hoach.docx.p7s", p7s)));

        assertThat(signer(inspected.get(0).facts())).isEqualTo("SỞ TÀI CHÍNH");
        assertThat(inspected.get(1).facts().type()).isEqualTo(FileType.CMS_SIGNATURE);
        assertThat(inspected.get(1).facts().isDocument()).isFalse();
    }

    @Test
    void inspectShouldCheckSignedOdtAndCallUnsignedOneNotSigned() throws Exception {
        byte[] odt = SampleOfficeWriter.odt("KẾ HOẠCH");
        byte[] signed = ContainerSigner.signOpenDocument(odt, "ke-hoach.odt", agency, options());

        assertThat(only(attachment("ke-hoach.odt", odt)).signatures()).isInstanceOf(SignatureEvidence.NotSigned.class);
        AttachmentFacts facts = only(attachment("ke-hoach.odt", signed));
        assertThat(facts.type()).isEqualTo(FileType.ODT);
        assertThat(signer(facts)).isEqualTo("SỞ TÀI CHÍNH");
    }

    @Test
    void inspectShouldSayNotReadWhenANameClaimsADocumentButTheContentIsNoKnownFormat() throws Exception {
        byte[] noise = new byte[4_000];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = 0x30; // starts like DER, is not

        AttachmentFacts p7m = only(attachment("van-ban.pdf.p7m", noise));
        AttachmentFacts logo = only(attachment("logo.bin", noise));

        // Named like a document: not established what it is, so INDETERMINATE, never quietly "not a document".
        assertThat(p7m.signatures()).isInstanceOf(SignatureEvidence.NotChecked.class);
        assertThat(((SignatureEvidence.NotChecked) p7m.signatures()).cause()).contains(".p7m");
        assertThat(p7m.isDocument()).isTrue();
        assertThat(logo.isDocument()).isFalse();
    }

    @Test
    void inspectShouldSayNotReadWhenTheTransferEncodingWasDamaged() {
        Attachment damaged = Attachment.undecodable("qd.pdf", "0".repeat(64), 120, "DecodingException: BASE64");

        AttachmentFacts facts = inspector.inspect(List.of(damaged)).get(0).facts();

        assertThat(facts.signatures()).isInstanceOf(SignatureEvidence.NotChecked.class);
        assertThat(((SignatureEvidence.NotChecked) facts.signatures()).cause()).contains("base64", "BASE64");
        assertThat(facts.isDocument()).isTrue();
    }

    @Test
    void inspectShouldValidateNoFurtherDocumentOnceTheMessageIsAbandoned() throws Exception {
        byte[] signed = DocumentSigner.signPdf(SamplePdfWriter.vietnameseDecision("5/2026", "STC"), agency, options());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // the pipeline deadline passes while the first document is being validated
        List<InspectedDocument> inspected = inspector.inspect(List.of(attachment("a.pdf", signed),
                attachment("b.pdf", signed), attachment("c.pdf", signed)), () -> asked.getAndIncrement() > 0);
        assertThat(inspected.get(0).facts().signatures()).isInstanceOf(SignatureEvidence.Signed.class);
        for (InspectedDocument left : inspected.subList(1, 3)) {
            assertThat(left.facts().signatures()).isInstanceOfSatisfying(SignatureEvidence.NotChecked.class,
                    notChecked -> assertThat(notChecked.cause()).contains("deadline passed"));
        }
    }
}
