package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.mailgw.validation.filetype.HandMadeZip.deflated;
import static vn.mailgw.validation.filetype.HandMadeZip.stored;
import static vn.mailgw.validation.filetype.HandMadeZip.zeros;

import java.time.Instant;
import java.util.List;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.HandMadeZip;
import vn.mailgw.validation.signing.ContainerSigner;
import vn.mailgw.validation.signing.SignOptions;

/**
 * Zip bombs and packages of thousands of entries through the signature engine (.docx, ASiC, .odt, .p7m): each is
 * {@code DOCUMENT_TOO_COMPLEX} (INDETERMINATE, never VALID), named by the entry and the limit, refused before POI or
 * DSS inflates it.
 */
class HostilePackageSignatureTest {

    private static final long MB = 1024 * 1024;
    private static DemoPki pki;
    private static SignatureValidator validator;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new DemoPki();
        validator = new SignatureValidator(ValidationConfig.DEFAULT);
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    private static byte[] docxBomb() {
        // The sizes lie (4 kB declared for 64 MB): POI would size its buffer by them and inflate on.
        return new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                zeros("word/document.xml", 64 * MB).withDeclaredSize(4096)).finish();
    }

    private static void assertTooComplex(DocumentValidationReport report, String expected) {
        assertThat(report).as(CorpusIntegrityTest.describe(report)).isInstanceOfSatisfying(
                DocumentValidationReport.Unreadable.class, u -> {
                    assertThat(u.reason().code()).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
                    assertThat(u.reason().detail()).contains(expected);
                });
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INDETERMINATE);
    }

    @Test
    void validateOfficePackageShouldRefuseDocxBombAsTooComplex() {
        byte[] bomb = docxBomb();
        assertThat(FileTypeSniffer.sniff(bomb)).isEqualTo(FileType.DOCX);

        assertTooComplex(validator.validateOfficePackage(bomb, "bom.docx", pki.trust(), Instant.now()),
                "package not opened: word/document.xml inflates beyond the 4096 bytes its zip records declare");
    }

    @Test
    void validateOfficePackageShouldRefuseDocxOfThousandsOfEntriesAsTooComplex() {
        HandMadeZip zip = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                deflated("word/document.xml", "<w:document/>"));
        for (int i = 0; i < 20_000; i++) {
            zip.add(stored("word/media/e" + i, new byte[0]));
        }

        assertTooComplex(validator.validateOfficePackage(zip.finish(), "nhieu-muc.docx", pki.trust(), Instant.now()),
                "the central directory lists 20002 entries, more than 1000");
    }

    @Test
    void validateContainerShouldRefuseAsicCarryingADocxBomb() {
        byte[] asic = new HandMadeZip().add(stored("mimetype", "application/vnd.etsi.asic-e+zip"),
                stored("ke-hoach.docx", docxBomb()), deflated("META-INF/signature001.p7s", "not a CMS")).finish();
        assertThat(FileTypeSniffer.sniff(asic)).isEqualTo(FileType.ASIC);

        assertTooComplex(validator.validateContainer(asic, "van-ban.asice", FileType.ASIC, pki.trust(), Instant.now()),
                "ke-hoach.docx!/word/document.xml inflates beyond the 4096 bytes");
    }

    @Test
    void validateContainerShouldRefuseOdtBomb() {
        byte[] odt = new HandMadeZip().add(stored("mimetype", "application/vnd.oasis.opendocument.text"),
                zeros("content.xml", 64 * MB).withSizesAfterData(),
                deflated("META-INF/documentsignatures.xml", "<document-signatures/>")).finish();

        assertTooComplex(validator.validateContainer(odt, "ke-hoach.odt", FileType.ODT, pki.trust(), Instant.now()),
                "content.xml inflates more than 100 times its compressed size");
    }

    @Test
    void validateContainerShouldRefuseValidP7mEnvelopingADocxBomb() {
        // The envelope's signature is genuine; the file inside is what the clerk would open.
        byte[] p7m = ContainerSigner.signEnveloping(docxBomb(), "bom.docx", pki.agency,
                SignOptions.at(pki.now.minusSeconds(60)));

        assertTooComplex(validator.validateContainer(p7m, "bom.docx.p7m", FileType.CMS_SIGNATURE, pki.trust(),
                Instant.now()), "not opened: word/document.xml inflates beyond the 4096 bytes");
    }

    @Test
    void dssShouldHandBackTheFileInsideAP7mAsItsBytesNeverInflated() throws Exception {
        // What DSS does with the enveloped file before our measuring: the eContent's bytes as they are, so its cost is
        // bounded by the envelope's size (and the measuring of them runs before DSS validates the envelope).
        byte[] bomb = docxBomb();
        byte[] p7m = ContainerSigner.signEnveloping(bomb, "bom.docx", pki.agency, SignOptions.at(pki.now.minusSeconds(60)));
        SignedDocumentValidator dss = SignedDocumentValidator.fromDocument(new InMemoryDocument(p7m, "bom.docx.p7m"));
        dss.setCertificateVerifier(new CommonCertificateVerifier());

        List<DSSDocument> originals = dss.getOriginalDocuments(dss.getSignatures().get(0).getId());

        assertThat(originals).hasSize(1);
        try (var in = originals.get(0).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(bomb);
        }
        assertThat(p7m.length).isGreaterThan(bomb.length);
    }
}
