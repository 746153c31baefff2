package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * Bytes PDFBox is about to decode whole into memory (a font program, a CMap, a CRL in the document security store),
 * charged to a running total before it does. A stream whose worst expansion still fits what is left (deflate cannot
 * expand more than ~1032 times) is charged that worst case without being read, which is most streams: a few kB. Any
 * other is decoded here, counting, within what is left ({@link PdfFilterChain}).
 */
public final class DecodeBudget {

    /** The total went past the limit. Unchecked, so that it leaves PDFBox's engines and lenient parsers. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    private static final long DEFLATE_WORST = 1100;

    private final String what;
    private final long limit;
    private long used;
    private final Set<COSStream> counted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param what what is charged, plural, for the message ("font streams") */
    public DecodeBudget(String what, long limit) {
        this.what = what;
        this.limit = limit;
    }

    /**
     * Charges {@code object} if it is a stream not charged before.
     *
     * @throws Exceeded when the total passes the limit
     * @throws IOException when the stream cannot be decoded (PDFBox could not either)
     */
    public void charge(COSBase object) throws IOException {
        if (!(object instanceof COSStream stream) || !counted.add(stream)) {
            return;
        }
        List<COSName> filters = PdfFilterChain.names(stream.getFilters());
        long length = stream.getLength();
        if (filters.isEmpty()) {
            add(length);
        } else if (filters.equals(List.of(COSName.FLATE_DECODE)) && length * DEFLATE_WORST <= limit - used) {
            add(length * DEFLATE_WORST);
        } else {
            try (InputStream raw = stream.createRawInputStream()) {
                add(PdfFilterChain.decode(raw, filters, stream, limit - used).length());
            } catch (PdfFilterChain.TooLarge e) {
                add(limit + 1);
            }
        }
    }

    /** Each stream of an array (or the one stream) {@code object} holds. */
    public void chargeAll(COSBase object) throws IOException {
        if (object instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                charge(array.getObject(i));
            }
        } else {
            charge(object);
        }
    }

    private void add(long bytes) {
        used += bytes;
        if (used > limit) {
            throw new Exceeded(what + " decode to more than " + limit + " bytes (decompression bomb?)");
        }
    }
}
