package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.mailgw.validation.filetype.HandMadeZip.deflated;
import static vn.mailgw.validation.filetype.HandMadeZip.stored;
import static vn.mailgw.validation.filetype.HandMadeZip.zeros;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.HandMadeZip;
import vn.mailgw.validation.filetype.ZipEntries;
import vn.mailgw.validation.signing.SampleOfficeWriter;

/**
 * Office and ODF text extraction: packages are read lazily ({@link ZipEntries} counts what was inflated), hostile ones
 * refused by their central directory or stopped while a part is read.
 */
class TextExtractorPackageTest {

    private static final long MB = 1024 * 1024;
    private final TextExtractor extractor = new TextExtractor(ClassifierConfig.DEFAULT);

    @Test
    void extractShouldStopReadingADocxPartThatInflatesBeyondItsDeclaredSize() throws IOException {
        // Well-formed so far (the parser reads on through the spaces), but its sizes lie: 4 kB declared for 64 MB.
        byte[] head = ("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] xml = java.util.Arrays.copyOf(head, (int) (64 * MB));
        java.util.Arrays.fill(xml, head.length, xml.length, (byte) ' ');
        byte[] bomb = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                deflated("word/document.xml", xml).withDeclaredSize(4096)).finish();
        ZipEntries zip = ZipEntries.of(bomb);

        Extraction extraction = extractor.officePackage(zip, FileType.DOCX);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, u -> assertThat(u.reason())
                .contains("DOCX package not read: word/document.xml inflates beyond the 4096 bytes"));
        assertThat(zip.inflatedBytes()).as("inflated before the reading stopped").isLessThan(128 * 1024);
    }

    @Test
    void extractShouldRefuseWorkbookOfThousandsOfParts() {
        HandMadeZip zip = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                deflated("xl/workbook.xml", "<workbook/>"));
        for (int i = 0; i < 3000; i++) {
            zip.add(stored("xl/media/image" + i + ".png", new byte[0]));
        }

        Extraction extraction = extractor.extract(zip.finish(), FileType.XLSX, false);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, u -> assertThat(u.reason())
                .contains("XLSX package not opened: the central directory lists 3002 entries, more than 1000"));
    }

    @Test
    void extractShouldRefuseAWorkbookPartTooLargeToBuildBeforePoiBuildsIt() throws IOException {
        // 20 MB of styles (honest sizes, under every zip limit) would be a ~200 MB object model in POI.
        StringBuilder styles = new StringBuilder("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                + "2006/main\"><numFmts>");
        for (int i = 0; styles.length() < 20 * MB; i++) {
            styles.append("<numFmt numFmtId=\"").append(200 + i).append("\" formatCode=\"0.00 \"đồng\"\"/>");
        }
        byte[] xlsx = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                deflated("xl/workbook.xml", "<workbook/>"),
                deflated("xl/styles.xml", styles.append("</numFmts></styleSheet>").toString())).finish();
        ZipEntries zip = ZipEntries.of(xlsx);

        Extraction extraction = extractor.officePackage(zip, FileType.XLSX);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, u -> assertThat(u.reason())
                .contains("workbook not opened: xl/styles.xml declares").contains("over the 16777216"));
        assertThat(zip.inflatedBytes()).isZero();
    }

    @Test
    void extractShouldReadOdtContentWithoutInflatingTheBombBeforeIt() throws IOException {
        // content.xml comes after a picture that inflates without end: ZipInputStream inflated it to get past it
        // (refused by measuring the whole package first); read from the directory, the picture is never touched.
        byte[] odt = new HandMadeZip().add(stored("mimetype", "application/vnd.oasis.opendocument.text"),
                zeros("Pictures/anh.bmp", 64 * MB).withSizesAfterData(),
                deflated("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:"
                        + "office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
                        + "<office:text><text:p>GIẤY MỜI</text:p></office:text></office:body></office:document-content>"))
                .finish();
        assertThat(FileTypeSniffer.sniff(odt)).isEqualTo(FileType.ODT);
        ZipEntries zip = ZipEntries.of(odt);

        Extraction extraction = extractor.officePackage(zip, FileType.ODT);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Text.class, t -> assertThat(t.text()).isEqualTo("GIẤY MỜI\n"));
        assertThat(zip.inflatedBytes()).as("only content.xml inflated").isLessThan(1024);
    }

    @Test
    void extractShouldReadTheFirstPagesOfAHugeDocumentPartWithoutInflatingTheRest() throws IOException {
        // 95 MB of ordinary paragraphs in a 3.7 MB .docx (26:1, under every zip limit): POI's object model of the part
        // ran 77 s and then out of a 1 GB heap; streamed, the extraction stops after maxChars, and so does the inflating.
        byte[] docx = vn.mailgw.validation.filetype.LargeDocx.of(95);
        ZipEntries zip = ZipEntries.of(docx);

        Extraction extraction = extractor.officePackage(zip, FileTypeSniffer.sniff(docx));

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Text.class, t -> {
            assertThat(t.text()).startsWith("Dòng số 0 của văn bản\nDòng số 1 của văn bản\n");
            assertThat(t.text()).hasSize(ClassifierConfig.DEFAULT.maxChars());
        });
        // 200 000 characters of this text are ~5 MB of its XML; measuring the whole package first inflated all 95 MB.
        assertThat(zip.inflatedBytes()).as("inflated of 95 MB").isLessThan(8 * MB);
    }

    @Test
    void extractShouldFindTheMainDocumentPartThroughThePackageRelationship() {
        // Some writers name the main part otherwise (word/document2.xml); the package relationship says which it is.
        String body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:rPr><w:rFonts "
                + "w:ascii=\".VnTime\"/></w:rPr><w:t>GIẤY MỜI</w:t><w:tab/><w:t>Số: 12/GM-UBND</w:t></w:r></w:p>"
                + "<w:sdt><w:sdtContent><w:p><w:r><w:t>điều khiển nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>"
                + "</w:body></w:document>";
        byte[] docx = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                deflated("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                        + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                        + "officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/>"
                        + "</Relationships>"),
                deflated("word/document.xml", "<w:document/>"), deflated("word/document2.xml", body)).finish();

        Extraction extraction = extractor.extract(docx, FileType.DOCX, false);

        // The paragraph's tab stop is no tab; the body-level content control is not read (as POI's body walk did not).
        assertThat(extraction).isInstanceOfSatisfying(Extraction.Text.class, t -> {
            assertThat(t.text()).isEqualTo("GIẤY MỜI\tSố: 12/GM-UBND\n");
            assertThat(t.fontNames()).containsExactly(".VnTime");
        });
    }

    @Test
    void extractShouldReadDocxTextAndFontsAsPoiReadThem() throws IOException {
        // The streamed reading against POI's object model (the former extraction), on every .docx of the corpus.
        List<Path> documents;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/classification-corpus"))) {
            documents = files.filter(p -> p.toString().endsWith(".docx")).sorted().toList();
        }
        assertThat(documents).hasSizeGreaterThan(10);
        for (Path file : documents) {
            byte[] content = Files.readAllBytes(file);
            StringBuilder text = new StringBuilder();
            java.util.Set<String> fonts = new java.util.LinkedHashSet<>();
            try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(content))) {
                for (var element : doc.getBodyElements()) {
                    List<org.apache.poi.xwpf.usermodel.XWPFParagraph> paragraphs = new java.util.ArrayList<>();
                    if (element instanceof org.apache.poi.xwpf.usermodel.XWPFParagraph p) {
                        paragraphs.add(p);
                    } else if (element instanceof org.apache.poi.xwpf.usermodel.XWPFTable table) {
                        table.getRows().forEach(r -> r.getTableCells().forEach(c -> paragraphs.addAll(c.getParagraphs())));
                    }
                    for (var p : paragraphs) {
                        p.getRuns().stream().map(r -> r.getFontFamily()).filter(java.util.Objects::nonNull).forEach(fonts::add);
                        text.append(p.getText()).append('\n');
                    }
                }
            }

            Extraction extraction = extractor.extract(content, FileType.DOCX, false);

            assertThat(extraction).as(file.getFileName().toString()).isInstanceOfSatisfying(Extraction.Text.class, t -> {
                assertThat(t.text()).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
                assertThat(t.fontNames()).isEqualTo(fonts);
            });
        }
    }

    @Test
    void extractShouldReadWorkbookCellsAsTheObjectModelDid() throws IOException {
        // The event API against XSSFWorkbook (the former extraction): the corpus workbooks and one of several sheets,
        // numbers, dates and blank cells, without formulas (where the two differ on purpose: result vs formula).
        List<byte[]> workbooks = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/classification-corpus"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList()) {
                workbooks.add(Files.readAllBytes(p));
            }
        }
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet("Dự toán");
            var row = sheet.createRow(0);
            row.createCell(0).setCellValue("UBND TỈNH ĐẮK NÔNG");
            row.createCell(2).setCellValue(1_000_000_000.5);
            var date = sheet.createRow(3).createCell(1);
            date.setCellValue(java.time.LocalDate.of(2026, 11, 23));
            var style = book.createCellStyle();
            style.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            date.setCellStyle(style);
            sheet.createRow(4).createCell(0).setCellValue(" ");
            book.createSheet("Phụ lục").createRow(0).createCell(0).setCellValue("KẾ HOẠCH Số: 22/KH-STC");
            book.write(out);
            workbooks.add(out.toByteArray());
        }
        for (byte[] content : workbooks) {
            StringBuilder text = new StringBuilder();
            org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(content))) {
                for (var sheet : book) {
                    for (var row : sheet) {
                        for (var cell : row) {
                            String value = formatter.formatCellValue(cell);
                            if (!value.isBlank()) {
                                text.append(value).append('\t');
                            }
                        }
                        text.append('\n');
                    }
                }
            }

            Extraction extraction = extractor.extract(content, FileType.XLSX, false);

            assertThat(extraction).isInstanceOfSatisfying(Extraction.Text.class, t -> assertThat(t.text())
                    .isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC)));
        }
        assertThat(workbooks).hasSizeGreaterThan(1);
    }

    @Test
    void extractShouldStopReadingASheetAfterMaxChars() throws IOException {
        // XSSFWorkbook built every row first (20 s for a 60 MB sheet); the event API stops after maxChars.
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            rows.append("<row r=\"").append(i).append("\"><c r=\"A").append(i).append("\" t=\"inlineStr\"><is><t>Dòng ")
                    .append(i).append("</t></is></c></row>");
        }
        HandMadeZip zip = new HandMadeZip().add(
                deflated("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                        + "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd."
                        + "openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\""
                        + "application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
                        + "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/"
                        + "worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "spreadsheetml.worksheet+xml\"/></Types>"),
                deflated("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                        + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                        + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
                deflated("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
                        + "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        + "relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
                deflated("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                        + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
                        + "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/"
                        + "sheet1.xml\"/></Relationships>"),
                deflated("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
                        + "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>"));
        byte[] xlsx = zip.finish();
        assertThat(FileTypeSniffer.sniff(xlsx)).isEqualTo(FileType.XLSX);

        ZipEntries read = ZipEntries.of(xlsx);

        Extraction extraction = new TextExtractor(new ClassifierConfig(1, 1000, 1, 200, java.time.Duration.ofSeconds(1), 20))
                .officePackage(read, FileType.XLSX);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Text.class, t -> {
            assertThat(t.text()).startsWith("Dòng 1\t\nDòng 2\t\n");
            assertThat(t.text()).hasSize(1000);
        });
        // POI's opening from bytes inflated the whole sheet (~2.4 MB here) into memory before the first row was read.
        long sheet = read.find("xl/worksheets/sheet1.xml").orElseThrow().size();
        assertThat(sheet).isGreaterThan(MB);
        assertThat(read.inflatedBytes()).as("inflated of a " + sheet + "-byte sheet").isLessThan(256 * 1024);
    }

    @Test
    void extractShouldReadEveryOfficeFileOfTheCorpusAsBefore() throws IOException {
        List<Path> packages;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/classification-corpus"))) {
            packages = files.filter(p -> p.toString().matches(".*\\.(docx|xlsx|odt)$")).sorted().toList();
        }
        assertThat(packages).hasSizeGreaterThan(20);
        for (Path file : packages) {
            byte[] content = Files.readAllBytes(file);
            Extraction extraction = extractor.extract(content, FileTypeSniffer.sniff(content), false);
            assertThat(extraction).as(file.getFileName().toString()).isInstanceOfSatisfying(Extraction.Text.class,
                    t -> assertThat(t.text()).isNotBlank());
        }
        Extraction docx = extractor.extract(SampleOfficeWriter.docx("KẾ HOẠCH", "Số: 22/KH-STC"), FileType.DOCX, false);
        Extraction odt = extractor.extract(SampleOfficeWriter.odt("KẾ HOẠCH", "Số: 22/KH-STC"), FileType.ODT, false);
        assertThat(docx).isInstanceOfSatisfying(Extraction.Text.class, t -> assertThat(t.text()).contains("Số: 22/KH-STC"));
        assertThat(odt).isInstanceOfSatisfying(Extraction.Text.class, t -> assertThat(t.text()).contains("Số: 22/KH-STC"));
    }
}
