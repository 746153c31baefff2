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
        byte[] docx = LargeDocx.of(40);
        ZipEntries zip = ZipEntries.of(docx);

        DocumentValidationReport report = check.checkPackage(zip, docx.length, "lon.docx", pki.trust(), Instant.now());

        assertThat(report).isInstanceOf(DocumentValidationReport.NotSigned.class);
        assertThat(zip.inflatedBytes()).as("inflated of a 40 MB part").isLessThan(64 * 1024);
    }

    @Test
    void checkShouldDigestEachSignedPartOnceAsItStreams() throws IOException {
        byte[] signed = OfficeSigner.signOoxml(LargeDocx.of(20), pki.agency, SignOptions.at(pki.now.minusSeconds(60)));
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

    /** A .docx whose document.xml is {@code mb} MB of plain paragraphs, with the parts Word and POI need. */
    static final class LargeDocx {
        static byte[] of(int mb) throws IOException {
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            long size = 0;
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(1, true);
            try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(raw, deflater, 1 << 16)) {
                StringBuilder chunk = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                        + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
                for (int i = 0; size < mb * MB; i++) {
                    chunk.append("<w:p><w:r><w:t>Dòng số ").append(i).append(" của văn bản</w:t></w:r></w:p>");
                    if (chunk.length() > 60_000) {
                        byte[] bytes = chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        out.write(bytes);
                        crc.update(bytes);
                        size += bytes.length;
                        chunk.setLength(0);
                    }
                }
                byte[] end = (chunk + "</w:body></w:document>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(end);
                crc.update(end);
                size += end.length;
            } finally {
                deflater.end();
            }
            String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                    + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
                    + "PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "wordprocessingml.document.main+xml\"/></Types>";
            String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                    + "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
            return new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types),
                    HandMadeZip.deflated("_rels/.rels", rels),
                    new HandMadeZip.Entry("word/document.xml", HandMadeZip.DEFLATED, raw.toByteArray(), size, raw.size(),
                            crc.getValue(), 0, true)).finish();
        }
    }
}
