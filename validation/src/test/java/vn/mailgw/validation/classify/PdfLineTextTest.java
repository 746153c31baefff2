package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;

/** Lines rebuilt by position, whatever order the content stream draws them in and however the page is turned. */
class PdfLineTextTest {

    private static final List<String> LINES = List.of("ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Số: 15/QĐ-UBND", "QUYẾT ĐỊNH",
            "Về việc phê duyệt kế hoạch công tác năm 2025");

    @Test
    void readShouldGiveLinesTopDownWhenTheContentDrawsThemBottomUp() throws IOException {
        byte[] pdf = page(0, false, true);
        assertThat(read(pdf)).containsExactlyElementsOf(LINES);
    }

    @Test
    void readShouldGiveReadableLinesWhenALandscapePageIsDrawnRotated() throws IOException {
        byte[] pdf = page(90, true, false); // text runs upwards in user space, the viewer turns the page
        assertThat(read(pdf)).containsExactlyElementsOf(LINES);
        Classification result = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(),
                "daknong-2012").classify(new ClassificationInput(pdf, "", ""));
        assertThat(result.type()).isEqualTo(DocumentType.QUYET_DINH);
    }

    @Test
    void readShouldGiveTheSameTextWithDictionaryFontsAsWithPdfBoxFontsOnEveryCorpusPdf() throws IOException {
        List<Path> pdfs = corpusPdfs();
        assertThat(pdfs).hasSizeGreaterThanOrEqualTo(60);
        int pages = 0;
        int glyphs = 0;
        for (Path file : pdfs) {
            try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
                PdfLineText light = new PdfLineText();
                PdfLineText full = new PdfLineText(false);
                for (PDPage page : document.getPages()) {
                    assertThat(light.read(page)).as(file.getFileName() + " page " + (pages + 1)).isEqualTo(full.read(page));
                    // Not only the same lines: every glyph at the very same position (the dictionary path does
                    // PDFBox's text positioning itself, without its per-glyph matrices).
                    assertThat(light.glyphGeometry()).as(file.getFileName() + " glyphs of page " + (pages + 1))
                            .isEqualTo(full.glyphGeometry());
                    glyphs += light.glyphGeometry().size();
                    pages++;
                }
            }
        }
        assertThat(pages).isGreaterThanOrEqualTo(pdfs.size());
        assertThat(glyphs).as("glyphs compared").isGreaterThan(50 * pages);
    }

    /** Without this the comparison above could pass by never taking the dictionary path. */
    @Test
    void dictionaryFontShouldReadEveryFontOfTheCorpusTextPdfs() throws IOException {
        List<String> fonts = new ArrayList<>();
        for (Path file : corpusPdfs()) {
            try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
                for (PDPage page : document.getPages()) {
                    PDResources resources = page.getResources();
                    for (COSName name : resources.getFontNames()) {
                        COSDictionary font = resources.getCOSObject().getCOSDictionary(COSName.FONT).getCOSDictionary(name);
                        assertThat(DictionaryFont.of(font)).as(file.getFileName() + " " + font).isPresent();
                        fonts.add(font.getNameAsString(COSName.SUBTYPE));
                    }
                }
            }
        }
        assertThat(fonts).contains("Type0", "TrueType"); // PDFBox's and LibreOffice's exports
    }

    @Test
    void canShowShouldRefuseWhatTheDictionaryCannotAnswerSoPdfBoxShowsIt() throws IOException {
        try (PDDocument document = Loader.loadPDF(page(0, false, false))) {
            PDResources resources = document.getPage(0).getResources();
            COSName name = resources.getFontNames().iterator().next();
            DictionaryFont font = DictionaryFont.of(resources.getCOSObject().getCOSDictionary(COSName.FONT)
                    .getCOSDictionary(name)).orElseThrow();
            byte[] drawn = font.fullFont().encode("Số");
            assertThat(font.canShow(drawn)).isTrue();
            assertThat(font.toUnicode(((drawn[0] & 0xFF) << 8) | (drawn[1] & 0xFF))).isEqualTo("S");
            assertThat(font.canShow(new byte[] {drawn[0]})).as("half a 2-byte code").isFalse();
            assertThat(font.canShow(new byte[] {(byte) 0xFF, (byte) 0xF0})).as("a glyph the subset never drew").isFalse();
        }
    }

    @Test
    void dictionaryFontShouldBeRefusedForFontsItDoesNotModel() throws IOException {
        COSDictionary type3 = new COSDictionary();
        type3.setItem(COSName.SUBTYPE, COSName.TYPE3);
        assertThat(DictionaryFont.of(type3)).isEmpty();
        try (PDDocument document = Loader.loadPDF(page(0, false, false))) {
            PDResources resources = document.getPage(0).getResources();
            COSDictionary font = resources.getCOSObject().getCOSDictionary(COSName.FONT)
                    .getCOSDictionary(resources.getFontNames().iterator().next());
            font.setItem(COSName.ENCODING, COSName.IDENTITY_V);
            assertThat(DictionaryFont.of(font)).as("vertical writing").isEmpty();
            font.setItem(COSName.ENCODING, COSName.IDENTITY_H);
            font.removeItem(COSName.TO_UNICODE);
            assertThat(DictionaryFont.of(font)).as("no ToUnicode CMap").isEmpty();
        }
    }

    private static List<Path> corpusPdfs() throws IOException {
        try (Stream<Path> files = Files.list(ClassificationCorpusTest.CORPUS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }

    private static List<String> read(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PdfLineText().read(document.getPage(0)).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    /** One page with {@link #LINES} left-aligned from the top, optionally drawn in reverse order or rotated. */
    private static byte[] page(int rotation, boolean rotatedFrame, boolean reverse) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            page.setRotation(rotation);
            document.addPage(page);
            PDFont font = PDType0Font.load(document, ClassificationCorpusGenerator.FONT.toFile());
            float width = PDRectangle.A4.getWidth();
            float top = rotatedFrame ? width - 60 : PDRectangle.A4.getHeight() - 60;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                if (rotatedFrame) {
                    content.transform(new Matrix(0, 1, -1, 0, width, 0)); // landscape frame on a portrait sheet
                }
                for (int k = 0; k < LINES.size(); k++) {
                    int i = reverse ? LINES.size() - 1 - k : k;
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(60, top - 18 * i);
                    content.showText(LINES.get(i));
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aFormDrawnOverAndOverShouldStopTheReaderAtItsLimits() throws Exception {
        // 1.4 kB drawing a form of 20 text lines 10 000 times cost 5.8 s and kept ten million glyphs; a million
        // draws would run for tens of minutes and out of memory
        Extraction text = new TextExtractor(ClassifierConfig.DEFAULT).extract(
                vn.mailgw.validation.filetype.DrawingBombs.formDrawn(1_000_000, true),
                vn.mailgw.validation.filetype.FileType.PDF, false);
        assertThat(text).isInstanceOfSatisfying(Extraction.Unreadable.class, unreadable -> assertThat(unreadable.reason())
                .contains("more than " + PdfLineText.MAX_GLYPHS + " glyphs"));
        // without text: operators only (100 paths per draw, 300 000 draws)
        Extraction paths = new TextExtractor(ClassifierConfig.DEFAULT).extract(
                vn.mailgw.validation.filetype.DrawingBombs.formDrawn(300_000, false),
                vn.mailgw.validation.filetype.FileType.PDF, false);
        assertThat(paths).isInstanceOfSatisfying(Extraction.Unreadable.class, unreadable -> assertThat(unreadable.reason())
                .contains("more than " + PdfLineText.MAX_OPERATORS + " operators"));
        // the same form drawn a few times reads as usual
        assertThat(new TextExtractor(ClassifierConfig.DEFAULT).extract(
                vn.mailgw.validation.filetype.DrawingBombs.formDrawn(3, true),
                vn.mailgw.validation.filetype.FileType.PDF, false)).isInstanceOfSatisfying(Extraction.Text.class,
                read -> assertThat(read.text()).contains("Noi").contains("trang")); // the three draws overlap
    }
}
