package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.HandMadeZip;
import vn.mailgw.validation.filetype.ZipEntries;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SampleOfficeWriter;
import vn.mailgw.validation.signing.SignOptions;

/**
 * The Office signature engine reads a package lazily ({@link ZipEntries} counts what was inflated): an unsigned
 * package costs nothing beyond its content types and relationships, a signed one one pass over its signed parts
 * (streamed into their digests), and a signed part that cannot be read within the zip budget is "too complex", not
 * "invalid". POI's opening from bytes inflated every part into memory first, signed or not.
 */
class OoxmlSignatureCheckStreamingTest {

    private static final long MB = 1024 * 1024;
    private static DemoPki pki;
    private static OoxmlSignatureCheck check;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new DemoPki();
        ValidationConfig config = ValidationConfig.DEFAULT;
        check = new OoxmlSignatureCheck(new CertificateChainCheck(new DssSetup(config, Clock.systemUTC())),
                new DssResultMapper(config.revocationUnavailable()));
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    @Test
    void checkShouldJudgeALargeUnsignedPackageWithoutInflatingItsParts() throws IOException {
        byte[] docx = vn.mailgw.validation.filetype.LargeDocx.of(40);
        ZipEntries zip = ZipEntries.of(docx);

        DocumentValidationReport report = check.checkPackage(zip, docx.length, "lon.docx", pki.trust(), Instant.now());

        assertThat(report).isInstanceOf(DocumentValidationReport.NotSigned.class);
        assertThat(zip.inflatedBytes()).as("inflated of a 40 MB part").isLessThan(64 * 1024);
    }

    @Test
    void checkShouldDigestEachSignedPartOnceAsItStreams() throws IOException {
        byte[] signed = OfficeSigner.signOoxml(vn.mailgw.validation.filetype.LargeDocx.of(20), pki.agency, SignOptions.at(pki.now.minusSeconds(60)));
        ZipEntries zip = ZipEntries.of(signed);
        long allParts = zip.list().stream().mapToLong(ZipEntries.Entry::size).sum();

        DocumentValidationReport report = check.checkPackage(zip, signed.length, "lon.docx", pki.trust(), Instant.now());

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.VALID);
        // Every signed part is digested, the large one once: the few kB of relationships and content types are read
        // again for their digests, a second pass over the 20 MB part would show here.
        long large = zip.find("word/document.xml").orElseThrow().size();
        assertThat(zip.inflatedBytes()).isGreaterThanOrEqualTo(large).isLessThan(allParts + MB);
    }

    @Test
    void checkShouldCallASignedPartOverTheBudgetTooComplexNotInvalid() throws IOException {
        byte[] signed = OfficeSigner.signOoxml(SampleOfficeWriter.docx("KẾ HOẠCH", "Số: 22/KH-STC"), pki.agency,
                SignOptions.at(pki.now.minusSeconds(60)));
        // The same package with its main part swapped for 64 MB of zeros whose sizes say 4 kB.
        HandMadeZip bomb = new HandMadeZip();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(signed))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                bomb.add(e.getName().equals("word/document.xml")
                        ? HandMadeZip.zeros(e.getName(), 64 * MB).withDeclaredSize(4096)
                        : HandMadeZip.deflated(e.getName(), in.readAllBytes()));
            }
        }
        byte[] swapped = bomb.finish();
        ZipEntries zip = ZipEntries.of(swapped);

        DocumentValidationReport report = check.checkPackage(zip, swapped.length, "bom.docx", pki.trust(), Instant.now());

        assertThat(report).as(CorpusIntegrityTest.describe(report)).isInstanceOfSatisfying(
                DocumentValidationReport.Unreadable.class, u -> {
                    assertThat(u.reason().code()).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
                    assertThat(u.reason().detail()).contains(
                            "package part not read: word/document.xml inflates beyond the 4096 bytes");
                });
        assertThat(zip.inflatedBytes()).isLessThan(MB);
        // Through the engine's front door the package is measured first and not opened at all.
        DocumentValidationReport measured = check.check(swapped, "bom.docx", pki.trust(), Instant.now());
        assertThat(measured).isInstanceOfSatisfying(DocumentValidationReport.Unreadable.class, u -> assertThat(
                u.reason().detail()).contains("package not opened: word/document.xml inflates beyond the 4096 bytes"));
    }

    @Test
    void checkShouldRefuseASignatureXmlTooLargeToParseBeforePoiParsesIt() throws IOException {
        // 20 MB of signature XML (honest sizes, 50:1, under every zip limit) would be a ~200 MB DOM in POI.
        StringBuilder xml = new StringBuilder("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">");
        while (xml.length() < 20 * MB) {
            xml.append("<Object Id=\"x\">Dòng ").append(xml.length()).append("</Object>");
        }
        byte[] docx = new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", "<Types/>"),
                HandMadeZip.deflated("word/document.xml", "<w:document/>"),
                HandMadeZip.deflated("_xmlsignatures/sig1.xml", xml.append("</Signature>").toString())).finish();
        ZipEntries zip = ZipEntries.of(docx);

        DocumentValidationReport report = check.checkPackage(zip, docx.length, "lon.docx", pki.trust(), Instant.now());

        assertThat(report).isInstanceOfSatisfying(DocumentValidationReport.Unreadable.class, u -> {
            assertThat(u.reason().code()).isEqualTo(ReasonCode.DOCUMENT_TOO_COMPLEX);
            assertThat(u.reason().detail()).contains("_xmlsignatures/sig1.xml declares").contains("over the 16777216");
        });
        assertThat(zip.inflatedBytes()).isZero();
    }
}
