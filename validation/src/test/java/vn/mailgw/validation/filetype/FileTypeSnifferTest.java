package vn.mailgw.validation.filetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FileTypeSnifferTest {

    @Test
    void sniffShouldFindPdfInRealSignedCorpusFile() throws IOException {
        Path corpus = Path.of(System.getProperty("shared.dir", "../../shared"), "corpus/signed-pdf/dss-pdf-signed-original.pdf");
        assertThat(FileTypeSniffer.sniff(Files.readAllBytes(corpus))).isEqualTo(FileType.PDF);
    }

    @Test
    void sniffShouldFindPdfWhenHeaderIsPrecededByJunk() {
        byte[] bytes = ("garbage-before\n%PDF-1.7\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(FileTypeSniffer.sniff(bytes)).isEqualTo(FileType.PDF);
    }

    @Test
    void sniffShouldIgnoreFileNameAndSeeGarbageAsUnknown() {
        assertThat(FileTypeSniffer.sniff(new byte[] {0, 1, 2, 3, 4, 5})).isEqualTo(FileType.UNKNOWN);
        assertThat(FileTypeSniffer.sniff(new byte[0])).isEqualTo(FileType.UNKNOWN);
    }

    @Test
    void sniffShouldTellDocxFromXlsxFromAsicFromOdt() throws IOException {
        assertThat(FileTypeSniffer.sniff(zip("[Content_Types].xml", "x", "word/document.xml", "x"))).isEqualTo(FileType.DOCX);
        assertThat(FileTypeSniffer.sniff(zip("[Content_Types].xml", "x", "xl/workbook.xml", "x"))).isEqualTo(FileType.XLSX);
        assertThat(FileTypeSniffer.sniff(zip("mimetype", "application/vnd.etsi.asic-e+zip", "META-INF/signatures001.xml", "x")))
                .isEqualTo(FileType.ASIC);
        assertThat(FileTypeSniffer.sniff(zip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "x")))
                .isEqualTo(FileType.ODT);
        assertThat(FileTypeSniffer.sniff(zip("a.txt", "x"))).isEqualTo(FileType.ZIP);
        assertThat(FileType.DOCX.editable()).isTrue();
        assertThat(FileType.PDF.editable()).isFalse();
    }

    @Test
    void sniffShouldListEntriesWithoutInflatingThem() {
        // The first part's data is not deflate data at all: a reader that inflates entries to pass them (ZipInputStream)
        // fails there and the package looked like a plain ZIP. The names come from the zip records instead.
        byte[] damagedPart = new HandMadeZip().add(new HandMadeZip.Entry("[Content_Types].xml", HandMadeZip.DEFLATED,
                new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}, 200, 5, 0, 0, true),
                HandMadeZip.deflated("word/document.xml", "<w:document/>")).finish();
        // A gigabyte-sized part whose sizes follow the data: sniffed as what it claims to be, not inflated.
        byte[] bomb = new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", "<Types/>"),
                HandMadeZip.zeros("xl/worksheets/sheet1.xml", 1L << 30).withSizesAfterData(),
                HandMadeZip.deflated("xl/workbook.xml", "<workbook/>")).finish();

        assertThat(FileTypeSniffer.sniff(damagedPart)).isEqualTo(FileType.DOCX);
        assertThat(FileTypeSniffer.sniff(bomb)).isEqualTo(FileType.XLSX);
    }

    @Test
    void sniffShouldReadLocalHeadersOfAPackageCutBeforeItsDirectory() throws IOException {
        byte[] docx = zip("[Content_Types].xml", "x", "word/document.xml", "x");
        byte[] cut = java.util.Arrays.copyOf(docx, docx.length - 150);
        byte[] asicWithoutDirectory = new HandMadeZip().add(HandMadeZip.stored("mimetype", "application/vnd.etsi.asic-s+zip"),
                HandMadeZip.deflated("ke-hoach.docx", "x")).finishWithoutDirectory();

        assertThat(FileTypeSniffer.sniff(cut)).isEqualTo(FileType.DOCX);
        assertThat(FileTypeSniffer.sniff(asicWithoutDirectory)).isEqualTo(FileType.ASIC);
    }

    @Test
    void sniffShouldFindDerSignedData() {
        byte[] derPrefix = {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7,
                0x0D, 0x01, 0x07, 0x02, (byte) 0xA0, 0x00};
        assertThat(FileTypeSniffer.sniff(derPrefix)).isEqualTo(FileType.CMS_SIGNATURE);
    }

    @Test
    void sniffShouldTellTextCalendarAndHtml() {
        assertThat(FileTypeSniffer.sniff("Số: 12/2025/QĐ-UBND".getBytes(StandardCharsets.UTF_8))).isEqualTo(FileType.TEXT);
        assertThat(FileTypeSniffer.sniff("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileType.CALENDAR);
        assertThat(FileTypeSniffer.sniff("<!DOCTYPE html><html>".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileType.HTML);
        // TCVN3 bytes are not valid UTF-8 but are still text.
        assertThat(FileTypeSniffer.sniff(new byte[] {(byte) 0xB8, 'n', 'g', ' ', (byte) 0xAE})).isEqualTo(FileType.TEXT);
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
