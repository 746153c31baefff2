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
import vn.mailgw.validation.signing.SampleOfficeWriter;

/** Office and ODF text extraction: hostile packages are refused before POI or the zip reader inflate them. */
class TextExtractorPackageTest {

    private static final long MB = 1024 * 1024;
    private final TextExtractor extractor = new TextExtractor(ClassifierConfig.DEFAULT);

    @Test
    void extractShouldRefuseDocxBombWithLyingSizesBeforePoiOpensIt() {
        byte[] bomb = new HandMadeZip().add(deflated("[Content_Types].xml", "<Types/>"),
                zeros("word/document.xml", 64 * MB).withDeclaredSize(4096)).finish();

        Extraction extraction = extractor.extract(bomb, FileType.DOCX, false);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, u -> assertThat(u.reason())
                .contains("DOCX package not opened: word/document.xml inflates beyond the 4096 bytes"));
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
    void extractShouldRefuseOdtWhoseEntryBeforeContentIsABomb() {
        // content.xml comes after a picture that inflates without end: reading entry after entry inflates it first.
        byte[] odt = new HandMadeZip().add(stored("mimetype", "application/vnd.oasis.opendocument.text"),
                zeros("Pictures/anh.bmp", 64 * MB).withSizesAfterData(),
                deflated("content.xml", "<office:document-content/>")).finish();
        assertThat(FileTypeSniffer.sniff(odt)).isEqualTo(FileType.ODT);

        Extraction extraction = extractor.extract(odt, FileType.ODT, false);

        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, u -> assertThat(u.reason())
                .contains("ODT package not opened: Pictures/anh.bmp inflates more than 100 times its compressed size"));
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
