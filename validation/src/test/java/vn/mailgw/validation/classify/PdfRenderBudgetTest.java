package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.PdfContentBudget;

/** Pages that would cost the renderer more memory than the gateway has are lowered in resolution or not rendered. */
class PdfRenderBudgetTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @Test
    void aHugePageShouldBeRenderedAtALowerResolutionOrNotAtAll() throws IOException {
        PDPage a4 = new PDPage(PDRectangle.A4);
        assertThat(PdfRenderBudget.dpi(a4, 200)).isEqualTo(200f);
        assertThat(PdfRenderBudget.refusal(a4, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).isEmpty();
        PDPage twiceA0 = new PDPage(new PDRectangle(2 * 2384, 3370));
        float lowered = PdfRenderBudget.dpi(twiceA0, 200);
        assertThat(lowered).isBetween(PdfRenderBudget.MIN_DPI, 199f);
        assertThat((double) twiceA0.getCropBox().getWidth() * twiceA0.getCropBox().getHeight() * lowered * lowered / (72 * 72))
                .isLessThanOrEqualTo(PdfRenderBudget.MAX_PAGE_PIXELS * 1.001);
        // 200 inches square (PDF allows 14 400 points): 1.6 GB of gray pixels at 200 dpi, ran the JVM out of memory
        PDPage poster = new PDPage(new PDRectangle(14_400, 14_400));
        assertThat(PdfRenderBudget.refusal(poster, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).hasValueSatisfying(
                problem -> assertThat(problem).contains("too large to render"));
    }

    @Test
    void anImageDeclaringTooManyPixelsShouldNotBeRendered() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = pageDrawing(document, imageStream(document, 20_000, 20_000, zlib(1024)));
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).hasValueSatisfying(
                    problem -> assertThat(problem).contains("image of 20000 x 20000 pixels"));
        }
    }

    @Test
    void anImageWhoseDataInflatesBeyondTheLimitShouldNotBeRendered() throws IOException {
        try (PDDocument document = new PDDocument()) {
            // 1000 x 1000 gray declared, 100 MB of data: PDFBox inflates it all before it reads a row
            PDPage page = pageDrawing(document, imageStream(document, 1000, 1000, zlib(HUNDRED_MB)));
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).hasValueSatisfying(
                    problem -> assertThat(problem).contains("inflates to more than"));
        }
    }

    @Test
    void anImageInsideAFormShouldBeMeasuredToo() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDFormXObject form = new PDFormXObject(document);
            form.setBBox(PDRectangle.A4);
            form.setResources(new PDResources());
            COSName image = form.getResources().add(new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(imageStream(document, 1000, 1000,
                    zlib(HUNDRED_MB))), null));
            try (OutputStream content = form.getCOSObject().createOutputStream()) {
                content.write(("q 100 0 0 100 0 0 cm /" + image.getName() + " Do Q").getBytes());
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(form);
            }
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).isPresent();
        }
    }

    @Test
    void anInlineImageWhoseDataInflatesBeyondTheLimitShouldNotBeRendered() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            content.write("q 100 0 0 100 0 0 cm BI /W 1000 /H 1000 /BPC 8 /CS /G /F /Fl ID ".getBytes());
            content.write(zlib(HUNDRED_MB));
            content.write("\nEI Q\n".getBytes());
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                content.writeTo(out);
            }
            page.getCOSObject().setItem(COSName.CONTENTS, stream);
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).hasValueSatisfying(
                    problem -> assertThat(problem).contains("inflates to more than"));
        }
    }

    @Test
    void aTilingPatternOrMeshShadingThatDecodesTooFarShouldNotBeRendered() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            page.setResources(new PDResources());
            COSStream tiling = flateStream(document, zlib(HUNDRED_MB));
            tiling.setInt(COSName.PATTERN_TYPE, 1);
            org.apache.pdfbox.cos.COSDictionary patterns = new org.apache.pdfbox.cos.COSDictionary();
            patterns.setItem(COSName.getPDFName("P1"), tiling);
            page.getResources().getCOSObject().setItem(COSName.PATTERN, patterns);
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES)))
                    .hasValueSatisfying(problem -> assertThat(problem).startsWith("content drawn decodes"));

            patterns.removeItem(COSName.getPDFName("P1"));
            COSStream mesh = flateStream(document, zlib(HUNDRED_MB));
            mesh.setInt(COSName.SHADING_TYPE, 4);
            org.apache.pdfbox.cos.COSDictionary shadings = new org.apache.pdfbox.cos.COSDictionary();
            shadings.setItem(COSName.getPDFName("Sh1"), mesh);
            page.getResources().getCOSObject().setItem(COSName.SHADING, shadings);
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES)))
                    .hasValueSatisfying(problem -> assertThat(problem).startsWith("a shading decodes"));
        }
    }

    private static COSStream flateStream(PDDocument document, byte[] zlib) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(zlib);
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return stream;
    }

    @Test
    void anImageDrawnByAType3GlyphShouldBeMeasuredToo() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            page.setResources(new PDResources());
            PDResources glyphResources = new PDResources();
            glyphResources.add(new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(
                    imageStream(document, 20_000, 20_000, zlib(1024))), null));
            org.apache.pdfbox.cos.COSDictionary type3 = new org.apache.pdfbox.cos.COSDictionary();
            type3.setItem(COSName.TYPE, COSName.FONT);
            type3.setItem(COSName.SUBTYPE, COSName.TYPE3);
            type3.setItem(COSName.RESOURCES, glyphResources.getCOSObject());
            org.apache.pdfbox.cos.COSDictionary fonts = new org.apache.pdfbox.cos.COSDictionary();
            fonts.setItem(COSName.getPDFName("T3"), type3);
            page.getResources().getCOSObject().setItem(COSName.FONT, fonts);

            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES)))
                    .hasValueSatisfying(problem -> assertThat(problem).contains("image of 20000 x 20000 pixels"));
        }
    }

    @Test
    void imagesEachUnderTheLimitShouldNotBeRenderedWhenTheyAddUpPastItOnOnePage() throws IOException {
        try (PDDocument document = new PDDocument()) {
            // three 30-megapixel images, each allowed alone (PDFBox decodes each one whole, at its own size)
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                for (int i = 0; i < 3; i++) {
                    COSStream stream = imageStream(document, 6000, 5000, zlib(1024));
                    content.drawImage(new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(stream), null),
                            0, 100 * i, 100, 100);
                }
            }
            assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES)))
                    .hasValueSatisfying(problem -> assertThat(problem).contains("add up to more than 80000000 pixels"));
        }
    }

    @Test
    void imagesPdfBoxReadsPixelByPixelShouldBeCappedLower() throws IOException {
        try (PDDocument document = new PDDocument()) {
            // 20 megapixels of 4-bit gray: PDFBox reads each pixel through a bit reader (an 8.7-megapixel page of
            // it took 1.6-3 s of CPU); the same image in 8 bits is copied row by row and stays allowed
            COSStream fourBits = imageStream(document, 5000, 4000, zlib(1024));
            fourBits.setInt(COSName.BITS_PER_COMPONENT, 4);
            assertThat(PdfRenderBudget.refusal(pageDrawing(document, fourBits), 200,
                    new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).hasValueSatisfying(
                    problem -> assertThat(problem).contains("4 bits per component").contains("16000000 pixels"));
            assertThat(PdfRenderBudget.refusal(pageDrawing(document, imageStream(document, 5000, 4000, zlib(1024))), 200,
                    new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).isEmpty();
        }
        COSStream colourKeyed = new COSStream();
        colourKeyed.setInt(COSName.BITS_PER_COMPONENT, 8);
        colourKeyed.setItem(COSName.MASK, new org.apache.pdfbox.cos.COSArray());
        assertThat(PdfRenderBudget.readPixelByPixel(colourKeyed)).isTrue();
        COSStream stencil = new COSStream();
        stencil.setBoolean(COSName.IMAGE_MASK, true);
        assertThat(PdfRenderBudget.readPixelByPixel(stencil)).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120)
    void aPageThatDrawsTooMuchShouldStopRenderingAtItsCpuBudget() throws IOException {
        // 3 kB of compressed content filling the whole page 300 000 times: nothing any memory limit sees, but PDFBox
        // would draw 300 000 x 3.9 megapixels at 200 dpi (minutes to hours of CPU) with no limit of its own
        byte[] pdf;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            COSStream content = document.getDocument().createCOSStream();
            try (OutputStream raw = content.createOutputStream(COSName.FLATE_DECODE)) {
                byte[] fill = "0 0 595 842 re f\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (int i = 0; i < 300_000; i++) {
                    raw.write(fill);
                }
            }
            page.getCOSObject().setItem(COSName.CONTENTS, content);
            document.save(out);
            pdf = out.toByteArray();
        }
        Extraction extraction = new TextExtractor(ClassifierConfig.DEFAULT, java.time.Duration.ofMillis(300))
                .extract(pdf, vn.mailgw.validation.filetype.FileType.PDF, true);
        assertThat(extraction).isInstanceOfSatisfying(Extraction.Unreadable.class, unreadable -> assertThat(
                unreadable.reason()).contains("not rendered for OCR").contains("more than 300 ms of CPU"));
        // a real scan renders within the default budget, as before
        Path scan = Files.list(Path.of("src/test/resources/classification-corpus")).filter(p -> p.toString().endsWith(".pdf"))
                .filter(p -> {
                    try {
                        return new TextExtractor(ClassifierConfig.DEFAULT).extract(Files.readAllBytes(p),
                                vn.mailgw.validation.filetype.FileType.PDF, false) instanceof Extraction.Scanned;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).findFirst().orElseThrow();
        assertThat(new TextExtractor(ClassifierConfig.DEFAULT).extract(Files.readAllBytes(scan),
                vn.mailgw.validation.filetype.FileType.PDF, true)).as(scan.toString())
                .isInstanceOfSatisfying(Extraction.Scanned.class, scanned -> assertThat(scanned.pages()).hasSize(1));
    }

    @Test
    void theCorpusScansShouldBeRenderedAsBefore() throws IOException {
        int scans = 0;
        Path corpus = Path.of("src/test/resources/classification-corpus");
        for (String row : Files.readAllLines(corpus.resolve("manifest.csv"))) {
            if (row.contains(",SCAN,")) {
                Path file = corpus.resolve(row.substring(0, row.indexOf(',')));
                try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
                    PDPage page = document.getPage(0);
                    assertThat(PdfRenderBudget.refusal(page, 200, new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES))).as(file.toString()).isEmpty();
                    assertThat(PdfRenderBudget.dpi(page, 200)).isEqualTo(200f);
                    scans++;
                }
            }
        }
        assertThat(scans).isGreaterThanOrEqualTo(5);
    }

    private static PDPage pageDrawing(PDDocument document, COSStream imageStream) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDImageXObject image = new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(imageStream), null);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.drawImage(image, 0, 0, 100, 100);
        }
        return page;
    }

    /** A gray 8-bit image XObject of the declared size whose Flate data is {@code data}. */
    private static COSStream imageStream(PDDocument document, int width, int height, byte[] data) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(data);
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        stream.setItem(COSName.TYPE, COSName.XOBJECT);
        stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
        stream.setInt(COSName.WIDTH, width);
        stream.setInt(COSName.HEIGHT, height);
        stream.setInt(COSName.BITS_PER_COMPONENT, 8);
        stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
        return stream;
    }

    private static byte[] zlib(long zeros) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(data, new Deflater(9))) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < zeros; written += block.length) {
                zlib.write(block);
            }
        }
        return data.toByteArray();
    }
}
