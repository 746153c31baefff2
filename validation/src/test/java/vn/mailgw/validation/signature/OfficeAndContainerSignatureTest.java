package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.europa.esig.dss.enumerations.ASiCContainerType;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyKind;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.trust.registry.CertificateIdentity;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.policy.ProfileLoader;
import vn.mailgw.validation.signing.ContainerSigner;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SampleOfficeWriter;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderAuthentication;
import vn.mailgw.validation.verdict.SenderFacts;
import vn.mailgw.validation.verdict.SignatureEvidenceMapper;
import vn.mailgw.validation.verdict.Verdict;
import vn.mailgw.validation.verdict.VerdictEngine;

/**
 * Signed Office files and signature containers, made here with the demo PKI and checked by the libraries that
 * verify them: Apache POI (OOXML package signatures) and DSS (the signer's certificate, ASiC, .p7m, ODF).
 * Revocation is fetched for real from the loopback OCSP/CRL server, as for PDFs.
 */
class OfficeAndContainerSignatureTest {

    private static DemoPki pki;
    private static SignatureValidator validator;
    private static byte[] docx;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new DemoPki();
        validator = new SignatureValidator(ValidationConfig.DEFAULT);
        docx = SampleOfficeWriter.docx("KẾ HOẠCH", "Tổ chức hội nghị tổng kết công tác năm 2026");
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    private static SignOptions options() {
        return SignOptions.at(pki.now.minusSeconds(60));
    }

    private static DocumentValidationReport office(byte[] file) {
        return validator.validateOfficePackage(file, "ke-hoach.docx", pki.trust(), Instant.now());
    }

    private static DocumentValidationReport container(byte[] file, String name) {
        return validator.validateContainer(file, name, FileTypeSniffer.sniff(file), pki.trust(), Instant.now());
    }

    @Test
    void validateOfficePackageShouldBeValidWithIdentityWhenAgencySignedDocx() {
        byte[] signed = OfficeSigner.signOoxml(docx, pki.agency, options());
        assertThat(FileTypeSniffer.sniff(signed)).isEqualTo(FileType.DOCX);

        DocumentValidationReport report = office(signed);

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.VALID);
        SignatureResult sig = report.signatures().get(0);
        assertThat(sig.integrityIntact()).isTrue();
        assertThat(sig.signer().commonName()).contains("Sở Tài chính");
        assertThat(sig.signer().uid("MST")).contains("0100000001");
        assertThat(sig.signer().uid("MNS")).contains("1000001");
        assertThat(sig.signer().email()).contains("stc@demo.gov.vn");
        assertThat(sig.issuer().commonName()).contains("DEMO CA phục vụ các cơ quan Nhà nước");
        assertThat(sig.issuer().family()).contains(AnchorFamily.GOVERNMENT);
        assertThat(sig.signingTime().claimed()).isPresent();
        assertThat(sig.signingTime().claimed().get()).isBetween(pki.now.minusSeconds(62), pki.now.minusSeconds(58));
        assertThat(((DocumentValidationReport.Signed) report).machineReport().simpleReportXml()).contains("PASSED");
    }

    @Test
    void validateOfficePackageShouldReportBothSignersWhenSignedTwice() {
        byte[] twice = OfficeSigner.signOoxml(OfficeSigner.signOoxml(docx, pki.official, options()), pki.agency, options());

        DocumentValidationReport report = office(twice);

        assertThat(report.signatures()).hasSize(2);
        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.VALID);
        assertThat(report.signatures()).extracting(s -> s.signer().commonName().orElse(""))
                .containsExactlyInAnyOrder("Nguyễn Văn An", "Sở Tài chính");
    }

    @Test
    void validateOfficePackageShouldBeNotIntactWhenTextChangedAfterSigning() {
        byte[] signed = OfficeSigner.signOoxml(docx, pki.agency, options());
        byte[] tampered = rewriteEntry(signed, "word/document.xml",
                (name, xml) -> xml.replace("năm 2026", "năm 2027"));

        DocumentValidationReport report = office(tampered);

        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INVALID);
        SignatureResult sig = report.signatures().get(0);
        assertThat(sig.integrityIntact()).isFalse();
        assertThat(sig.has(ReasonCode.SIGNATURE_INVALID)).as(sig.reasons().toString()).isTrue();
        // Who signed is still shown (from the signature's KeyInfo), so the clerk knows whose file was altered.
        assertThat(sig.signer().commonName()).contains("Sở Tài chính");
    }

    @Test
    void validateOfficePackageShouldReportUncoveredPartWhenPartAddedAfterSigning() {
        byte[] signed = OfficeSigner.signOoxml(docx, pki.agency, options());
        byte[] extended = addEntry(signed, "word/them-sau-khi-ky.xml", "<?xml version=\"1.0\"?><x>thêm</x>");

        DocumentValidationReport report = office(extended);

        SignatureResult sig = report.signatures().get(0);
        assertThat(sig.has(ReasonCode.CONTENT_NOT_COVERED)).as(sig.reasons().toString()).isTrue();
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INVALID);
    }

    @Test
    void validateOfficePackageShouldBeUntrustedWhenSignedByRogueCa() {
        DocumentValidationReport report = office(OfficeSigner.signOoxml(docx, pki.untrusted, options()));

        SignatureResult sig = report.signatures().get(0);
        assertThat(report.outcome()).isNotEqualTo(SignatureOutcome.VALID);
        assertThat(sig.has(ReasonCode.UNTRUSTED_CHAIN)).as(sig.reasons().toString()).isTrue();
        assertThat(sig.integrityIntact()).isTrue();
        assertThat(sig.issuer().family()).isEmpty();
    }

    @Test
    void validateOfficePackageShouldBeInvalidWhenSignerRevoked() {
        DocumentValidationReport report = office(OfficeSigner.signOoxml(docx, pki.revoked, options()));

        SignatureResult sig = report.signatures().get(0);
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.CERT_REVOKED)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateOfficePackageShouldBeInvalidWhenCertificateExpired() {
        DocumentValidationReport report = office(OfficeSigner.signOoxml(docx, pki.expired,
                SignOptions.at(pki.now.minusSeconds(86400 * 5))));

        SignatureResult sig = report.signatures().get(0);
        assertThat(report.outcome()).isNotEqualTo(SignatureOutcome.VALID);
        assertThat(sig.has(ReasonCode.CERT_EXPIRED_AT_SIGNING)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateOfficePackageShouldVerifySignedWorkbookAndRejectChangedCell() throws Exception {
        byte[] xlsx;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Dự toán").createRow(0).createCell(0).setCellValue("Kinh phí năm 2026: 1.000.000.000 đồng");
            book.write(out);
            xlsx = out.toByteArray();
        }
        byte[] signed = OfficeSigner.signOoxml(xlsx, pki.agency, options());
        assertThat(FileTypeSniffer.sniff(signed)).isEqualTo(FileType.XLSX);

        DocumentValidationReport good = office(signed);
        DocumentValidationReport bad = office(rewriteEntry(signed, "xl/sharedStrings.xml",
                (name, xml) -> xml.replace("1.000.000.000", "9.000.000.000")));

        assertThat(good.outcome()).as(CorpusIntegrityTest.describe(good)).isEqualTo(SignatureOutcome.VALID);
        assertThat(bad.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(bad.signatures().get(0).has(ReasonCode.SIGNATURE_INVALID)).isTrue();
    }

    @Test
    void validateOfficePackageShouldRefuseZipBombWithinBudget() {
        // 200 MB of zeros as word/document.xml, about 200 kB compressed: POI's inflate-ratio guard must stop it.
        byte[] bomb;
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
            zip.finish();
            bomb = bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }

        DocumentValidationReport report = office(bomb);

        assertThat(report).as(CorpusIntegrityTest.describe(report)).isInstanceOf(DocumentValidationReport.Unreadable.class);
        assertThat(report.outcome()).isNotEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void validateOfficePackageShouldBeNotSignedWhenDocxHasNoSignature() {
        assertThat(office(docx)).isInstanceOf(DocumentValidationReport.NotSigned.class);
    }

    @Test
    void validateOfficePackageShouldGiveFindingNotExceptionWhenPackageIsCorrupt() {
        byte[] signed = OfficeSigner.signOoxml(docx, pki.agency, options());
        byte[] truncated = Arrays.copyOf(signed, signed.length / 2);
        byte[] garbage = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);
        byte[] badSignatureXml = rewriteEntry(signed, "_xmlsignatures/sig1.xml", (name, xml) -> "<Signature><<<");

        for (byte[] hostile : List.of(truncated, garbage, badSignatureXml)) {
            DocumentValidationReport report = office(hostile);
            assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isNotEqualTo(SignatureOutcome.VALID);
            assertThat(report).isNotInstanceOf(DocumentValidationReport.NotSigned.class);
        }
    }

    @Test
    void validateContainerShouldBeValidAndNameTheDocumentInsideWhenAsicSOrAsicE() {
        byte[] pdf = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH DEMO");
        record Case(byte[] content, String name, ASiCContainerType type, ContainerSigner.Flavour flavour,
                    FileType inner) {}
        for (Case c : List.of(
                new Case(docx, "ke-hoach.docx", ASiCContainerType.ASiC_S, ContainerSigner.Flavour.CADES, FileType.DOCX),
                new Case(docx, "ke-hoach.docx", ASiCContainerType.ASiC_E, ContainerSigner.Flavour.XADES, FileType.DOCX),
                new Case(pdf, "quyet-dinh.pdf", ASiCContainerType.ASiC_E, ContainerSigner.Flavour.CADES, FileType.PDF),
                new Case(pdf, "quyet-dinh.pdf", ASiCContainerType.ASiC_S, ContainerSigner.Flavour.XADES, FileType.PDF))) {
            byte[] asic = ContainerSigner.signAsic(c.content(), c.name(), pki.agency, options(), c.type(), c.flavour());
            assertThat(FileTypeSniffer.sniff(asic)).isEqualTo(FileType.ASIC);

            DocumentValidationReport report = container(asic, "van-ban.asice");

            String what = c.type() + "/" + c.flavour() + ": " + CorpusIntegrityTest.describe(report);
            assertThat(report.outcome()).as(what).isEqualTo(SignatureOutcome.VALID);
            assertThat(report.signatures().get(0).signer().uid("MST")).as(what).contains("0100000001");
            assertThat(((DocumentValidationReport.Signed) report).signedContent()).as(what)
                    .extracting(SignedContent::name, SignedContent::type).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(c.name(), c.inner()));
        }
    }

    @Test
    void validateContainerShouldGiveFindingNotExceptionWhenContainerIsCorrupt() {
        byte[] asic = ContainerSigner.signAsic(docx, "ke-hoach.docx", pki.agency, options(), ASiCContainerType.ASiC_E,
                ContainerSigner.Flavour.CADES);
        byte[] p7m = ContainerSigner.signEnveloping(docx, "ke-hoach.docx", pki.agency, options());
        byte[] brokenSignature = rewriteEntry(asic, "META-INF/signature001.p7s", (name, cms) -> "not a CMS");

        for (byte[] hostile : List.of(Arrays.copyOf(asic, asic.length / 2), Arrays.copyOf(p7m, p7m.length / 2),
                brokenSignature)) {
            DocumentValidationReport report = validator.validateContainer(hostile, "hong.asice",
                    FileTypeSniffer.sniff(hostile) == FileType.CMS_SIGNATURE ? FileType.CMS_SIGNATURE : FileType.ASIC,
                    pki.trust(), Instant.now());
            assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isNotEqualTo(SignatureOutcome.VALID);
        }
    }

    @Test
    void validateContainerShouldFailWhenFileAddedToAsicEAfterSigning() {
        byte[] asic = ContainerSigner.signAsic(docx, "ke-hoach.docx", pki.agency, options(), ASiCContainerType.ASiC_E,
                ContainerSigner.Flavour.XADES);
        byte[] extended = addEntry(asic, "phu-luc-them.txt", "Phụ lục thêm sau khi ký");

        DocumentValidationReport report = container(extended, "van-ban.asice");

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isNotEqualTo(SignatureOutcome.VALID);
        assertThat(report.signatures().get(0).has(ReasonCode.CONTENT_NOT_COVERED))
                .as(report.signatures().get(0).reasons().toString()).isTrue();
    }

    @Test
    void validateContainerShouldCheckEnvelopingP7mAndItsContent() {
        byte[] p7m = ContainerSigner.signEnveloping(docx, "ke-hoach.docx", pki.agency, options());
        assertThat(FileTypeSniffer.sniff(p7m)).isEqualTo(FileType.CMS_SIGNATURE);

        DocumentValidationReport good = container(p7m, "ke-hoach.docx.p7m");
        assertThat(good.outcome()).as(CorpusIntegrityTest.describe(good)).isEqualTo(SignatureOutcome.VALID);
        assertThat(((DocumentValidationReport.Signed) good).signedContent()).extracting(SignedContent::type)
                .containsExactly(FileType.DOCX);

        // An enveloped PDF's "%PDF-" sits in the first bytes of the .p7m: it must still be seen as CMS.
        byte[] pdf = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH DEMO");
        byte[] pdfP7m = ContainerSigner.signEnveloping(pdf, "quyet-dinh.pdf", pki.agency, options());
        assertThat(FileTypeSniffer.sniff(pdfP7m)).isEqualTo(FileType.CMS_SIGNATURE);
        DocumentValidationReport pdfInside = container(pdfP7m, "quyet-dinh.pdf.p7m");
        assertThat(pdfInside.outcome()).as(CorpusIntegrityTest.describe(pdfInside)).isEqualTo(SignatureOutcome.VALID);
        assertThat(((DocumentValidationReport.Signed) pdfInside).signedContent()).extracting(SignedContent::type)
                .containsExactly(FileType.PDF);

        byte[] tampered = p7m.clone();
        int at = indexOf(tampered, "word/document.xml".getBytes(StandardCharsets.US_ASCII));
        tampered[at] = 'W';
        DocumentValidationReport bad = container(tampered, "ke-hoach.docx.p7m");
        assertThat(bad.outcome()).as(CorpusIntegrityTest.describe(bad)).isEqualTo(SignatureOutcome.INVALID);
        assertThat(bad.signatures().get(0).integrityIntact()).isFalse();
    }

    @Test
    void validateContainerShouldNotTreatDetachedP7sAloneAsSignedContent() {
        byte[] p7s = vn.mailgw.validation.signing.DocumentSigner.signDetached(docx, "ke-hoach.docx", pki.agency, options());

        DocumentValidationReport report = container(p7s, "ke-hoach.docx.p7s");

        assertThat(report).isInstanceOf(DocumentValidationReport.Unreadable.class);
        assertThat(report.outcome()).isNotEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void validateContainerShouldVerifySignedOdtAndRejectTamperedOne() {
        byte[] odt = SampleOfficeWriter.odt("KẾ HOẠCH", "Tổ chức hội nghị năm 2026");
        assertThat(FileTypeSniffer.sniff(odt)).isEqualTo(FileType.ODT);
        assertThat(container(odt, "ke-hoach.odt")).isInstanceOf(DocumentValidationReport.NotSigned.class);

        byte[] signed = ContainerSigner.signOpenDocument(odt, "ke-hoach.odt", pki.agency, options());
        assertThat(FileTypeSniffer.sniff(signed)).isEqualTo(FileType.ODT);
        DocumentValidationReport report = container(signed, "ke-hoach.odt");
        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.VALID);
        assertThat(((DocumentValidationReport.Signed) report).signedContent()).extracting(SignedContent::type)
                .containsExactly(FileType.ODT);

        byte[] tampered = rewriteEntry(signed, "content.xml", (name, xml) -> xml.replace("2026", "2027"));
        DocumentValidationReport bad = container(tampered, "ke-hoach.odt");
        assertThat(bad.outcome()).as(CorpusIntegrityTest.describe(bad)).isEqualTo(SignatureOutcome.INVALID);
    }

    @Test
    void validateContainerShouldSayPresentButNotVerifiableWhenOdfSignatureUnreadable() {
        byte[] odt = SampleOfficeWriter.odt("KẾ HOẠCH");
        byte[] odd = addEntry(odt, "META-INF/documentsignatures.xml",
                "<?xml version=\"1.0\"?><document-signatures xmlns=\"urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0\">"
                        + "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">hỏng</Signature></document-signatures>");

        DocumentValidationReport report = container(odd, "ke-hoach.odt");

        // Never "not signed" (the file claims a signature) and never valid: undecided, with the reason why.
        assertThat(report).as(CorpusIntegrityTest.describe(report)).isInstanceOf(DocumentValidationReport.Unreadable.class);
        assertThat(((DocumentValidationReport.Unreadable) report).reason().code())
                .isEqualTo(ReasonCode.SIGNATURE_FORMAT_UNSUPPORTED);
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.INDETERMINATE);
    }

    /** daknong-2012 Art 9.2(a) reachable with a real signed DOCX; tuyenquang-2013 Art 7.2(c) still refuses it. */
    @Test
    void verdictShouldFollowProfileWhenUnitSignedDocxComesFromItsOfficialMailbox() {
        byte[] signed = OfficeSigner.signOoxml(docx, pki.agency, options());
        DocumentValidationReport report = office(signed);
        AgencyRegistry registry = new AgencyRegistry(List.of(new AgencyEntry("stc@demo.gov.vn", "Sở Tài chính", "stc",
                Optional.empty(), "Demo", AgencyKind.UNIT, true,
                new CertificateIdentity(List.of("0100000001"), List.of(), List.of(), List.of()))));
        SenderFacts sender = new SenderFacts("stc@demo.gov.vn", "stc@demo.gov.vn", SenderAuthentication.DMARC_PASS, false);
        AttachmentFacts facts = new AttachmentFacts("ke-hoach.docx", "b".repeat(64), FileType.DOCX,
                SignatureEvidenceMapper.map(report), Optional.empty());

        MessageVerdict daknong = new VerdictEngine(ProfileLoader.load("daknong-2012")).decide(registry, sender, List.of(facts));
        MessageVerdict tuyenquang = new VerdictEngine(ProfileLoader.load("tuyenquang-2013"))
                .decide(registry, sender, List.of(facts));

        assertThat(daknong.verdict()).as(daknong.documents().toString()).isEqualTo(Verdict.PAPER_EQUIVALENT);
        assertThat(tuyenquang.verdict()).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
        assertThat(tuyenquang.documents().get(0).reasons()).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo("EDITABLE_FORMAT");
            assertThat(r.article()).isEqualTo("tuyenquang-2013 Art 7.2(c)");
        });
    }

    // --- helpers that edit a ZIP package the way an attacker would: entry by entry, keeping the rest ---

    private static byte[] rewriteEntry(byte[] zipBytes, String entryName, BiFunction<String, String, String> edit) {
        return copyZip(zipBytes, entryName, edit, null, null);
    }

    private static byte[] addEntry(byte[] zipBytes, String entryName, String text) {
        return copyZip(zipBytes, null, null, entryName, text);
    }

    private static byte[] copyZip(byte[] zipBytes, String editName, BiFunction<String, String, String> edit,
                                  String addName, String addText) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (entry.getName().equals(editName)) {
                    data = edit.apply(entry.getName(), new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                if (entry.getMethod() == ZipEntry.STORED) {
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(data.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
            if (addName != null) {
                out.putNextEntry(new ZipEntry(addName));
                out.write(addText.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
