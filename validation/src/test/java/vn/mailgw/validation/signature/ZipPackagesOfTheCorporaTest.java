package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.ZipInflationCheck;
import vn.mailgw.validation.signing.ContainerSigner;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SampleOfficeWriter;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;

/**
 * Every real zip-based file the project has (the classification corpus, anything zip-shaped in the test resources and
 * the shared corpus) and every kind the signers write (signed .docx/.xlsx, ASiC-S/-E with CAdES/XAdES, signed .odt,
 * a .docx carrying an embedded workbook): within the zip budget, sniffed as the former ZipInputStream-based sniffer
 * did, and judged by the signature engine as before (signed ones VALID, unsigned ones NOT signed).
 */
class ZipPackagesOfTheCorporaTest {

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

    @Test
    void realPackagesShouldStayWithinTheBudgetAndBeSniffedAsBefore() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path root : new Path[] {Path.of("src/test/resources"), CorpusFiles.SHARED.resolve("corpus")}) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] content = Files.readAllBytes(p);
                    if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
                        files.put(p.toString(), content);
                    }
                }
            }
        }
        assertThat(files).as("zip-based files in the corpora").hasSizeGreaterThan(20);
        files.putAll(generatedUnsigned());

        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertThat(ZipInflationCheck.tooLarge(f.getValue())).as(f.getKey()).isEmpty();
            assertThat(FileTypeSniffer.sniff(f.getValue())).as(f.getKey()).isEqualTo(formerSniff(f.getValue()));
            DocumentValidationReport report = validator.validateFile(f.getValue(), "x", pki.trust(), Instant.now());
            assertThat(report).as(f.getKey() + ": " + CorpusIntegrityTest.describe(report))
                    .isInstanceOf(DocumentValidationReport.NotSigned.class);
        }
    }

    @Test
    void signedPackagesShouldStayValid() throws Exception {
        SignOptions options = SignOptions.at(pki.now.minusSeconds(60));
        byte[] docx = SampleOfficeWriter.docx("KẾ HOẠCH", "Tổ chức hội nghị tổng kết công tác năm 2026");
        byte[] pdf = SamplePdfWriter.vietnameseDecision("15/2026/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH DEMO");
        Map<String, byte[]> signed = new LinkedHashMap<>();
        signed.put("signed docx", OfficeSigner.signOoxml(docx, pki.agency, options));
        signed.put("signed xlsx", OfficeSigner.signOoxml(workbook(), pki.agency, options));
        signed.put("signed docx with an embedded workbook", OfficeSigner.signOoxml(withEmbeddedWorkbook("Biểu đồ kinh phí"), pki.agency,
                options));
        signed.put("signed odt", ContainerSigner.signOpenDocument(SampleOfficeWriter.odt("KẾ HOẠCH"), "ke-hoach.odt",
                pki.agency, options));
        signed.put("docx in a p7m", ContainerSigner.signEnveloping(docx, "ke-hoach.docx", pki.agency, options));
        for (ASiCContainerType type : ASiCContainerType.values()) {
            for (ContainerSigner.Flavour flavour : ContainerSigner.Flavour.values()) {
                signed.put(type + "/" + flavour + " over a docx",
                        ContainerSigner.signAsic(docx, "ke-hoach.docx", pki.agency, options, type, flavour));
                signed.put(type + "/" + flavour + " over a pdf",
                        ContainerSigner.signAsic(pdf, "quyet-dinh.pdf", pki.agency, options, type, flavour));
            }
        }

        for (Map.Entry<String, byte[]> f : signed.entrySet()) {
            if (FileTypeSniffer.sniff(f.getValue()) != FileType.CMS_SIGNATURE) {
                assertThat(ZipInflationCheck.tooLarge(f.getValue())).as(f.getKey()).isEmpty();
                assertThat(FileTypeSniffer.sniff(f.getValue())).as(f.getKey()).isEqualTo(formerSniff(f.getValue()));
            }
            DocumentValidationReport report = validator.validateFile(f.getValue(), "x", pki.trust(), Instant.now());
            assertThat(report.outcome()).as(f.getKey() + ": " + CorpusIntegrityTest.describe(report))
                    .isEqualTo(SignatureOutcome.VALID);
        }
    }

    private static Map<String, byte[]> generatedUnsigned() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] docx = SampleOfficeWriter.docx("KẾ HOẠCH", "Số: 22/KH-STC");
        files.put("generated docx", docx);
        files.put("generated odt", SampleOfficeWriter.odt("KẾ HOẠCH", "Số: 22/KH-STC"));
        files.put("generated xlsx", workbook());
        files.put("docx with an embedded workbook", withEmbeddedWorkbook("Biểu đồ kinh phí"));
        return files;
    }

    private static byte[] workbook() throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Dự toán").createRow(0).createCell(0).setCellValue("Kinh phí năm 2026: 1.000.000.000 đồng");
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A .docx with an embedded workbook (as Word stores a chart's data): a zip inside the zip, measured too. */
    private static byte[] withEmbeddedWorkbook(String text) throws Exception {
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            var name = org.apache.poi.openxml4j.opc.PackagingURIHelper.createPartName(
                    "/word/embeddings/Microsoft_Excel_Worksheet.xlsx");
            var part = doc.getPackage().createPart(name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            try (var os = part.getOutputStream()) {
                os.write(workbook());
            }
            doc.getPackagePart().addRelationship(name, org.apache.poi.openxml4j.opc.TargetMode.INTERNAL,
                    org.apache.poi.ooxml.POIXMLDocument.PACK_OBJECT_REL_TYPE);
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** The sniffer's zip rule as it was written with ZipInputStream (the reference the new listing must match). */
    private static FileType formerSniff(byte[] content) {
        boolean word = false, excel = false, powerpoint = false, contentTypes = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < 64) {
                String name = entry.getName();
                if (seen == 1 && name.equals("mimetype")) {
                    String mimetype = new String(zip.readNBytes(128), StandardCharsets.US_ASCII).trim();
                    if (mimetype.startsWith("application/vnd.etsi.asic")) return FileType.ASIC;
                    if (mimetype.equals("application/vnd.oasis.opendocument.text")) return FileType.ODT;
                    if (mimetype.equals("application/vnd.oasis.opendocument.spreadsheet")) return FileType.ODS;
                }
                contentTypes |= name.equals("[Content_Types].xml");
                word |= name.startsWith("word/");
                excel |= name.startsWith("xl/");
                powerpoint |= name.startsWith("ppt/");
            }
        } catch (IOException | IllegalArgumentException e) {
            return FileType.ZIP;
        }
        if (contentTypes && word) return FileType.DOCX;
        if (contentTypes && excel) return FileType.XLSX;
        if (contentTypes && powerpoint) return FileType.PPTX;
        return FileType.ZIP;
    }
}
