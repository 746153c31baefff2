package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * Bounds the decompressed content the text reader will parse. A PDF of a few hundred kB can hold a page whose
 * flate-compressed content inflates to gigabytes (deflate reaches about 1:1000); PDFBox's content parser collects the
 * operands before each operator in a list, so a page of "0 0 0 ..." filled the heap of the whole gateway. Before a
 * page is read, its content streams and those of the form XObjects it can draw are inflated once, counting, stopping
 * at the budget: a real page's text is a few hundred kB, a vector-heavy map a few MB. Only the page's own content
 * stream is kept, up to {@link #KEEP_BYTES}, for the reader to parse instead of inflating it again; anything larger
 * is counted into nothing and left to PDFBox, which reads it in steps.
 *
 * <p>Fonts are charged apart ({@link #chargeFont}, {@link #chargeAllFonts}): PDFBox decodes a CMap or a font program
 * whole when it first uses the font. Used by the classifier's text reader and by the signature engine's walk of a
 * signed page under a later signature.
 */
public final class PdfContentBudget {

    /** Decompressed content streams read per document (all pages read together). */
    public static final long DEFAULT_BYTES = 16L * 1024 * 1024;

    /** Forms inside forms deeper than this are not followed (PDFBox itself stops at recursion, not depth). */
    private static final int MAX_FORM_DEPTH = 8;

    /** Font streams decoded per document: a full embedded Vietnamese font is about 1 MB. */
    public static final long DEFAULT_FONT_BYTES = 64L * 1024 * 1024;

    private final long budget;
    private long used;
    private final DecodeBudget fonts;
    private final Set<COSStream> counted = Collections.newSetFromMap(new IdentityHashMap<>());

    public PdfContentBudget(long budget) {
        this(budget, DEFAULT_FONT_BYTES);
    }

    public PdfContentBudget(long budget, long fontBudget) {
        this.budget = budget;
        this.fonts = new DecodeBudget("font streams", fontBudget);
    }

    /** Inflated page content larger than this is not kept: PDFBox then inflates it again as it reads, in steps. */
    public static final int KEEP_BYTES = 1024 * 1024;

    /**
     * Charges the page's content and forms; throws when the document's budget is spent. Returns the page's content
     * inflated, when it is the one Flate stream that PDFBox itself would inflate as a whole stream
     * ({@code PDPage.getContentsForStreamParsing}: a single stream whose /Filter is the name /FlateDecode) and it
     * inflated without error to at most {@link #KEEP_BYTES}; else null. The reader then parses these bytes instead
     * of inflating the same stream a second time.
     */
    public PdfBytes charge(PDPage page) throws IOException {
        COSStream single = page.getCOSObject().getCOSStream(COSName.CONTENTS);
        PdfBytes kept = null;
        if (single != null && COSName.FLATE_DECODE.equals(single.getFilters()) && counted.add(single)) {
            kept = inflate(single);
        }
        java.util.Iterator<org.apache.pdfbox.pdmodel.common.PDStream> streams = page.getContentStreams();
        while (streams.hasNext()) {
            charge(streams.next().getCOSObject());
        }
        chargeForms(page.getResources(), 0);
        return kept;
    }

    private void chargeForms(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDFormXObject form) {
                charge(form.getCOSObject());
                chargeForms(form.getResources(), depth + 1);
            }
        }
    }

    /**
     * Counts one stream's decoded size without holding it: PDFBox 3 decodes a whole stream into memory before the
     * first byte can be read, which is exactly what must not happen to a bomb. FlateDecode alone (what LibreOffice,
     * Word and PDFBox write) is inflated here into nothing; an unfiltered stream counts its length; any other filter
     * chain is decoded by PDFBox's filters into a buffer that stops at what is left of the budget.
     */
    private void charge(COSStream stream) throws IOException {
        if (!counted.add(stream)) {
            return;
        }
        List<COSName> filters = PdfFilterChain.names(stream.getFilters());
        if (filters.isEmpty()) {
            add(stream.getLength());
        } else if (filters.equals(List.of(COSName.FLATE_DECODE))) {
            try (InputStream raw = stream.createRawInputStream();
                 InputStream inflated = new InflaterInputStream(raw)) {
                count(inflated);
            } catch (java.util.zip.ZipException damaged) {
                return; // PDFBox reads what it can of a damaged stream; its size is bounded by what inflated so far
            }
        } else {
            // Other chains (hex before Flate, LZW, LZW before Flate, ...) decoded as PDFBox would, within what is left.
            try (InputStream raw = stream.createRawInputStream()) {
                add(PdfFilterChain.decode(raw, filters, stream, budget - used).length());
            } catch (PdfFilterChain.TooLarge e) {
                throw new IOException("page content " + e.getMessage() + " (decompression bomb?)");
            }
        }
    }

    /**
     * Charges what reading this font decodes, before PDFBox decodes it whole into memory: its ToUnicode CMap, and
     * unless only that is read ({@code cmapOnly}: the classifier's light fonts), its font programs, CMap encoding,
     * CID-to-glyph map and a Type3 font's glyph procedures ({@link DecodeBudget}: most are charged their worst case
     * unread).
     *
     * @throws DecodeBudget.Exceeded when the document's font streams pass the budget
     */
    public void chargeFont(COSDictionary font, boolean cmapOnly) throws IOException {
        fonts.charge(font.getDictionaryObject(COSName.TO_UNICODE));
        if (cmapOnly) {
            return;
        }
        fonts.charge(font.getDictionaryObject(COSName.ENCODING));
        chargeFontPrograms(font.getCOSDictionary(COSName.FONT_DESC));
        COSArray descendants = font.getCOSArray(COSName.DESCENDANT_FONTS);
        for (int i = 0; descendants != null && i < descendants.size(); i++) {
            if (descendants.getObject(i) instanceof COSDictionary descendant) {
                chargeFontPrograms(descendant.getCOSDictionary(COSName.FONT_DESC));
                fonts.charge(descendant.getDictionaryObject(COSName.CID_TO_GID_MAP));
            }
        }
        COSDictionary glyphs = font.getCOSDictionary(COSName.CHAR_PROCS);
        for (COSName glyph : glyphs == null ? List.<COSName>of() : List.copyOf(glyphs.keySet())) {
            fonts.charge(glyphs.getDictionaryObject(glyph));
        }
    }

    /**
     * Charges every font the resources name, and those of the forms they hold, in full: for readers that let PDFBox
     * load each font it meets (a graphics engine walking a page).
     */
    public void chargeAllFonts(PDResources resources) throws IOException {
        chargeAllFonts(resources, 0);
    }

    private void chargeAllFonts(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return;
        }
        COSDictionary fonts = resources.getCOSObject().getCOSDictionary(COSName.FONT);
        for (COSName name : fonts == null ? List.<COSName>of() : List.copyOf(fonts.keySet())) {
            if (fonts.getDictionaryObject(name) instanceof COSDictionary font) {
                chargeFont(font, false);
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                chargeAllFonts(form.getResources(), depth + 1);
            }
        }
    }

    private void chargeFontPrograms(COSDictionary descriptor) throws IOException {
        if (descriptor != null) {
            for (COSName program : List.of(COSName.FONT_FILE, COSName.FONT_FILE2, COSName.FONT_FILE3)) {
                fonts.charge(descriptor.getDictionaryObject(program));
            }
        }
    }

    /**
     * Inflates a Flate stream, counting; returns what it inflated to when that is at most {@link #KEEP_BYTES} and
     * the stream inflated without error, else null (past the limit the bytes are counted, not kept).
     */
    private PdfBytes inflate(COSStream stream) throws IOException {
        byte[] kept = new byte[(int) Math.min(KEEP_BYTES, Math.max(4096, 4 * stream.getLength()))];
        int size = 0;
        try (InputStream raw = stream.createRawInputStream();
             InputStream inflated = new InflaterInputStream(raw)) {
            int n;
            while ((n = inflated.read(kept, size, kept.length - size)) > 0) {
                add(n);
                size += n;
                if (size == kept.length) {
                    if (kept.length == KEEP_BYTES) {
                        count(inflated);
                        return null;
                    }
                    kept = java.util.Arrays.copyOf(kept, Math.min(KEEP_BYTES, 2 * kept.length));
                }
            }
        } catch (java.util.zip.ZipException damaged) {
            return null; // PDFBox reads what it can of a damaged stream; its size is bounded by what inflated so far
        }
        return new PdfBytes(kept, 0, size);
    }

    private void count(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            add(n);
        }
    }

    private void add(long bytes) throws IOException {
        used += bytes;
        if (used > budget) {
            throw new IOException("page content inflates to more than " + budget + " bytes (decompression bomb?)");
        }
    }
}
