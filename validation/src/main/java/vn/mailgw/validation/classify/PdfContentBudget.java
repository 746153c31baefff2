package vn.mailgw.validation.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import vn.mailgw.validation.filetype.PdfBytes;

/**
 * Bounds the decompressed content the text reader will parse. A PDF of a few hundred kB can hold a page whose
 * flate-compressed content inflates to gigabytes (deflate reaches about 1:1000); PDFBox's content parser collects the
 * operands before each operator in a list, so a page of "0 0 0 ..." filled the heap of the whole gateway. Before a
 * page is read, its content streams and those of the form XObjects it can draw are inflated once, counting, stopping
 * at the budget: a real page's text is a few hundred kB, a vector-heavy map a few MB. Only the page's own content
 * stream is kept, up to {@link #KEEP_BYTES}, for the reader to parse instead of inflating it again; anything larger
 * is counted into nothing and left to PDFBox, which reads it in steps.
 */
final class PdfContentBudget {

    /** Decompressed content streams read per document (all pages read together). */
    static final long DEFAULT_BYTES = 16L * 1024 * 1024;

    /** Forms inside forms deeper than this are not followed (PDFBox itself stops at recursion, not depth). */
    private static final int MAX_FORM_DEPTH = 8;

    /** The largest expansion of a PDF filter other than Flate (LZW: a 12-bit code can stand for 4096 bytes). */
    private static final long WORST_EXPANSION = 3000;

    private final long budget;
    private long used;
    private final Set<COSStream> counted = Collections.newSetFromMap(new IdentityHashMap<>());

    PdfContentBudget(long budget) {
        this.budget = budget;
    }

    /** Inflated page content larger than this is not kept: PDFBox then inflates it again as it reads, in steps. */
    static final int KEEP_BYTES = 1024 * 1024;

    /**
     * Charges the page's content and forms; throws when the document's budget is spent. Returns the page's content
     * inflated, when it is the one Flate stream that PDFBox itself would inflate as a whole stream
     * ({@code PDPage.getContentsForStreamParsing}: a single stream whose /Filter is the name /FlateDecode) and it
     * inflated without error to at most {@link #KEEP_BYTES}; else null. The reader then parses these bytes instead
     * of inflating the same stream a second time.
     */
    PdfBytes charge(PDPage page) throws IOException {
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
     * chain is left to PDFBox only when even the worst expansion of its filters (LZW, about 1:2700) fits the budget.
     */
    private void charge(COSStream stream) throws IOException {
        if (!counted.add(stream)) {
            return;
        }
        List<COSName> filters = filters(stream);
        if (filters.isEmpty()) {
            add(stream.getLength());
        } else if (filters.equals(List.of(COSName.FLATE_DECODE))) {
            try (InputStream raw = stream.createRawInputStream();
                 InputStream inflated = new InflaterInputStream(raw)) {
                count(inflated);
            } catch (java.util.zip.ZipException damaged) {
                return; // PDFBox reads what it can of a damaged stream; its size is bounded by what inflated so far
            }
        } else if (stream.getLength() * WORST_EXPANSION > budget - used) {
            throw new IOException("content stream with filters " + filters + " of " + stream.getLength()
                    + " bytes could inflate past " + budget + " bytes");
        } else {
            try (InputStream decoded = stream.createInputStream()) {
                count(decoded);
            }
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase filters = stream.getFilters();
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                names.add(array.getObject(i) instanceof COSName name ? name : COSName.getPDFName("?"));
            }
        }
        return names;
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
