package vn.mailgw.validation.classify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessInputStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import vn.mailgw.validation.filetype.PdfFilterChain;
import vn.mailgw.validation.filetype.PdfTokens;
import vn.mailgw.validation.filetype.PdfContentBudget;
import vn.mailgw.validation.filetype.DecodeBudget;

/**
 * What rendering a page for OCR may cost. PDFBox's renderer allocates the page's pixels at the requested resolution
 * (a 1 kB file may declare a 200-inch page: 1.6 GB of gray pixels at 200 dpi), and decodes every image it draws whole,
 * at its own size, before drawing it (a 2 MB Flate image may inflate to gigabytes). Both ran the JVM out of memory.
 * So a page larger than {@link #MAX_PAGE_PIXELS} is rendered at a lower resolution, and a page is not rendered at all
 * when an image it draws (an image XObject, its masks, an inline image, those of the forms, tiling patterns and Type3
 * glyphs it draws)
 * declares more than {@link #MAX_IMAGE_PIXELS} or decodes to more than {@link #MAX_IMAGE_BYTES}, a mesh shading's data
 * decodes to more than that, a tiling pattern's content to more than the content budget, or when its fonts' programs
 * pass the document's font budget ({@link PdfContentBudget#chargeFont}). Annotations are not rendered. Real scans are far below: an A4 page at
 * 300 dpi is 8.7 megapixels (26 MB in colour).
 */
final class PdfRenderBudget {

    /** A0 at 200 dpi is 31 megapixels. */
    static final long MAX_PAGE_PIXELS = 40_000_000L;
    /** An A3 page scanned at 600 dpi is 70 megapixels. */
    static final long MAX_IMAGE_PIXELS = 80_000_000L;
    /**
     * Images PDFBox reads pixel by pixel through a bit reader ({@link #readPixelByPixel}): ~200 ns each here, so an
     * A4 page scanned at 300 dpi in 4-bit gray (8.7 megapixels) took 1.6-3 s of CPU to render. Capped per page.
     */
    static final long MAX_PIXEL_BY_PIXEL = 16_000_000L;
    /** Decoded bytes of one image's data through filters that are not image codecs (Flate, LZW, ...). */
    static final long MAX_IMAGE_BYTES = 64L * 1024 * 1024;
    /**
     * CPU one page may take to draw ({@link BoundedPageRenderer}): real scans take 0.1-3 s here (a 300 dpi A4 page in
     * 4-bit gray, the slowest seen, 1.6-3 s), and OCR itself gets {@code classify.ocrBudget} after it.
     */
    static final java.time.Duration MAX_RENDER_CPU = java.time.Duration.ofSeconds(10);
    /** Below this a page is not worth rendering for OCR. */
    static final float MIN_DPI = 50;

    private static final int MAX_FORM_DEPTH = 8;
    private static final byte[] BEGIN_INLINE_IMAGE = {'B', 'I'};
    /** Filters whose decoders allocate by the image's declared size, which {@link #MAX_IMAGE_PIXELS} bounds. */
    private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private PdfRenderBudget() {}

    /** The resolution to render at: {@code dpi}, lowered so that the page's pixels stay under the cap. */
    static float dpi(PDPage page, int dpi) {
        PDRectangle box = page.getCropBox();
        double pixels = (double) box.getWidth() * box.getHeight() * dpi * dpi / (72.0 * 72.0);
        return pixels <= MAX_PAGE_PIXELS ? dpi : (float) (dpi * Math.sqrt(MAX_PAGE_PIXELS / pixels));
    }

    /** Why the page must not be rendered, if so; the fonts it draws with are charged to {@code fonts}. */
    static Optional<String> refusal(PDPage page, int dpi, PdfContentBudget fonts) throws IOException {
        if (dpi(page, dpi) < MIN_DPI) {
            return Optional.of("page of " + page.getCropBox().getWidth() + " x " + page.getCropBox().getHeight()
                    + " points is too large to render");
        }
        PageWalk walk = new PageWalk(fonts);
        java.util.Iterator<org.apache.pdfbox.pdmodel.common.PDStream> contents = page.getContentStreams();
        while (contents.hasNext() && walk.problems.isEmpty()) {
            COSStream content = contents.next().getCOSObject();
            if (walk.seen.add(content)) {
                walk.inlineImages(content);
            }
        }
        try {
            if (walk.problems.isEmpty()) {
                walk.resources(page.getResources(), 0);
            }
        } catch (DecodeBudget.Exceeded e) {
            walk.problems.add(e.getMessage());
        }
        return walk.problems.stream().findFirst();
    }

    /**
     * One page's walk: what it has seen (each stream is measured once; PDFBox decodes an image XObject once per page
     * and keeps it), what is wrong, and the pixels of the images it draws so far.
     */
    private static final class PageWalk {

        final Set<COSStream> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<String> problems = new ArrayList<>();
        final PdfContentBudget fonts;
        /** Declared pixels of every image the page draws (inline images each time they occur). */
        long pixels;
        /** Of those, the pixels PDFBox reads one by one ({@link #readPixelByPixel}). */
        long pixelByPixel;

        PageWalk(PdfContentBudget fonts) {
            this.fonts = fonts;
        }

        void resources(PDResources resources, int depth) throws IOException {
            if (resources == null || depth > MAX_FORM_DEPTH) {
                return;
            }
            COSDictionary fontDictionaries = resources.getCOSObject().getCOSDictionary(COSName.FONT);
            for (COSName name : fontDictionaries == null ? Set.<COSName>of() : fontDictionaries.keySet()) {
                if (fontDictionaries.getDictionaryObject(name) instanceof COSDictionary font) {
                    fonts.chargeFont(font, false); // the renderer loads every font program it draws with
                    COSDictionary glyphResources = font.getCOSDictionary(COSName.RESOURCES);
                    if (COSName.TYPE3.equals(font.getCOSName(COSName.SUBTYPE)) && glyphResources != null) {
                        // a Type3 glyph is a content stream: the images and forms it draws are drawn too
                        resources(new PDResources(glyphResources), depth + 1);
                    }
                }
            }
            for (COSName name : resources.getXObjectNames()) {
                if (!problems.isEmpty()) {
                    return;
                }
                COSBase object = resources.getCOSObject().getCOSDictionary(COSName.XOBJECT).getDictionaryObject(name);
                if (!(object instanceof COSStream stream) || !seen.add(stream)) {
                    continue;
                }
                if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    image(stream, stream.createRawInputStream());
                } else if (COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    drawnContent(stream, depth);
                }
            }
            COSDictionary patterns = resources.getCOSObject().getCOSDictionary(COSName.PATTERN);
            for (COSName name : patterns == null ? Set.<COSName>of() : patterns.keySet()) {
                COSBase pattern = patterns.getDictionaryObject(name);
                if (problems.isEmpty() && pattern instanceof COSStream tiling && seen.add(tiling)) {
                    drawnContent(tiling, depth); // a tiling pattern draws like a form
                } else if (pattern instanceof COSDictionary shadingPattern) {
                    shading(shadingPattern.getDictionaryObject(COSName.SHADING));
                }
            }
            COSDictionary shadings = resources.getCOSObject().getCOSDictionary(COSName.SHADING);
            for (COSName name : shadings == null ? Set.<COSName>of() : shadings.keySet()) {
                shading(shadings.getDictionaryObject(name));
            }
        }

        /** A mesh shading's data is a stream the renderer decodes whole. */
        void shading(COSBase shading) throws IOException {
            if (!problems.isEmpty() || !(shading instanceof COSStream mesh) || !seen.add(mesh)) {
                return;
            }
            try (InputStream raw = mesh.createRawInputStream()) {
                List<COSName> filters = PdfFilterChain.names(mesh.getFilters());
                if (!filters.isEmpty()) {
                    PdfFilterChain.decode(raw, filters, mesh, MAX_IMAGE_BYTES);
                }
            } catch (PdfFilterChain.TooLarge e) {
                problems.add("a shading " + e.getMessage());
            } catch (IOException damaged) {
                // PDFBox cannot decode it either
            }
        }

        /** A form's or a tiling pattern's own content and resources. */
        void drawnContent(COSStream stream, int depth) throws IOException {
            inlineImages(stream);
            COSDictionary own = stream.getCOSDictionary(COSName.RESOURCES);
            resources(own == null ? null : new PDResources(own), depth + 1);
        }

        /** An image's declared size, its data's decoded size, and its masks. */
        void image(COSDictionary image, InputStream data) throws IOException {
            long width = image.getLong(COSName.W, image.getLong(COSName.WIDTH, 0));
            long height = image.getLong(COSName.H, image.getLong(COSName.HEIGHT, 0));
            // A side of zero or less draws nothing (PDFBox skips it) and must not lower the page's sum either.
            long declared = width <= 0 || height <= 0 ? 0
                    : width > MAX_IMAGE_PIXELS || height > MAX_IMAGE_PIXELS ? Long.MAX_VALUE : width * height;
            if (declared > MAX_IMAGE_PIXELS) {
                problems.add("an image of " + width + " x " + height + " pixels is too large to render");
                return;
            }
            pixels += declared;
            if (pixels > MAX_IMAGE_PIXELS) {
                problems.add("the images drawn on the page add up to more than " + MAX_IMAGE_PIXELS + " pixels");
                return;
            }
            if (readPixelByPixel(image)) {
                pixelByPixel += declared;
                if (pixelByPixel > MAX_PIXEL_BY_PIXEL) {
                    problems.add("the images of " + image.getInt(COSName.BPC, image.getInt(COSName.BITS_PER_COMPONENT, 0))
                            + " bits per component or with a colour key drawn on the page add up to more than "
                            + MAX_PIXEL_BY_PIXEL + " pixels");
                    return;
                }
            }
            List<COSName> filters = PdfFilterChain.names(image.getDictionaryObject(COSName.F, COSName.FILTER));
            List<COSName> decodedHere = new ArrayList<>(filters);
            while (!decodedHere.isEmpty() && IMAGE_CODECS.contains(decodedHere.get(decodedHere.size() - 1))) {
                // A codec decodes the region /Width and /Height declare: a JPEG frame header or CCITT /Columns and /Rows
                // naming 40 000 x 40 000 pixels rendered in under 0.1 s (PDFBox 3.0.6, tried). JPX and JBIG2 need ImageIO
                // plugins the gateway does not ship: PDFBox fails on them.
                decodedHere.remove(decodedHere.size() - 1);
            }
            try (InputStream in = data) {
                if (decodedHere.equals(List.of(COSName.FLATE_DECODE))
                        || decodedHere.equals(List.of(COSName.FLATE_DECODE_ABBREVIATION))) {
                    countInflated(in, problems);
                } else if (!decodedHere.isEmpty()) {
                    PdfFilterChain.decode(in, decodedHere, image, MAX_IMAGE_BYTES);
                }
            } catch (PdfFilterChain.TooLarge e) {
                problems.add("an image " + e.getMessage());
                return;
            } catch (IOException damaged) {
                // PDFBox cannot decode it either: nothing to fear from it
            }
            for (COSName mask : List.of(COSName.SMASK, COSName.MASK)) {
                if (image.getDictionaryObject(mask) instanceof COSStream maskImage && seen.add(maskImage)) {
                    image(maskImage, maskImage.createRawInputStream());
                }
            }
        }

        /** Inline images (BI ... ID ... EI) in a content stream, as PDFBox's content parser reads them. */
        void inlineImages(COSStream content) throws IOException {
            // Decoded within the content budget (a tiling pattern's content was not counted before, the page's was).
            byte[] bytes;
            List<COSName> filters = PdfFilterChain.names(content.getFilters());
            try (InputStream raw = content.createRawInputStream();
                 InputStream in = filters.isEmpty() ? raw : new RandomAccessInputStream(
                         PdfFilterChain.decode(raw, filters, content, PdfContentBudget.DEFAULT_BYTES))) {
                bytes = in.readAllBytes();
            } catch (PdfFilterChain.TooLarge e) {
                problems.add("content drawn " + e.getMessage());
                return;
            }
            // Quick look first: most content streams have no inline image at all.
            if (PdfTokens.indexOf(bytes, BEGIN_INLINE_IMAGE, 0, bytes.length) < 0) {
                return;
            }
            PDFStreamParser parser = new PDFStreamParser(bytes);
            for (Object token = parser.parseNextToken(); token != null && problems.isEmpty(); token = parser.parseNextToken()) {
                if (token instanceof Operator operator && OperatorName.BEGIN_INLINE_IMAGE.equals(operator.getName())
                        && operator.getImageParameters() != null && operator.getImageData() != null) {
                    image(operator.getImageParameters(), new ByteArrayInputStream(operator.getImageData()));
                }
            }
        }
    }

    /**
     * Whether PDFBox 3.0.6 decodes this image pixel by pixel ({@code SampledImageReader.fromAny}): anything but one
     * component of 1 bit, or 8 bits with the default /Decode, without a colour-key /Mask. Its 1-bit and 8-bit paths
     * copy rows in bulk.
     */
    static boolean readPixelByPixel(COSDictionary image) {
        if (image.getBoolean(COSName.IM, image.getBoolean(COSName.IMAGE_MASK, false))) {
            return false; // a stencil mask: one component of 1 bit
        }
        if (image.getDictionaryObject(COSName.MASK) instanceof COSArray) {
            return true; // a colour key is compared pixel by pixel
        }
        int bits = image.getInt(COSName.BPC, image.getInt(COSName.BITS_PER_COMPONENT, 8));
        if (bits == 8) {
            return image.getDictionaryObject(COSName.D, COSName.DECODE) != null; // a /Decode that may not be the default
        }
        return bits != 1;
    }

    /** Flate alone (the common case) is counted without holding the bytes. */
    private static void countInflated(InputStream raw, List<String> problems) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream inflated = new InflaterInputStream(raw)) {
            for (int n; (n = inflated.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_IMAGE_BYTES) {
                    problems.add("an image inflates to more than " + MAX_IMAGE_BYTES + " bytes");
                    return;
                }
            }
        }
    }

}
