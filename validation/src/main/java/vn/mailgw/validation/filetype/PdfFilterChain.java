package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Decodes a stream's data through its filters the way PDFBox's {@code Filter.decode} does (each filter once, in
 * order, each given the stream's dictionary for its parameters), but into buffers that stop at a limit. PDFBox
 * decodes object and cross-reference streams whole into memory, however large they become.
 */
public final class PdfFilterChain {

    /** More decoded bytes than the limit. Unchecked, so that no filter's or parser's handling of damage takes it. */
    public static final class TooLarge extends RuntimeException {

        TooLarge(List<COSName> filters, long limit) {
            super("decodes (" + String.join(", ", filters.stream().map(COSName::getName).toList()) + ") to more than "
                    + limit + " bytes", null, false, false);
        }
    }

    private PdfFilterChain() {}

    /**
     * The filter names of a stream's /Filter entry (a name, an array of names, or none). Anything but a name in the
     * array becomes a name no filter has, so that decoding fails as it does in PDFBox.
     */
    public static List<COSName> names(COSBase filterEntry) {
        List<COSName> names = new ArrayList<>();
        if (filterEntry instanceof COSName name) {
            names.add(name);
        } else if (filterEntry instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                names.add(array.getObject(i) instanceof COSName name ? name : COSName.getPDFName("?"));
            }
        }
        return names;
    }

    /**
     * The decoded bytes. {@code filters} as the stream names them (repeats are dropped, as PDFBox does); an unknown
     * filter or damaged data throws the IOException PDFBox would; more than {@code limit} bytes after any filter
     * throws {@link TooLarge}.
     */
    public static PdfBytes decode(InputStream encoded, List<COSName> filters, COSDictionary parameters, long limit)
            throws IOException {
        List<Filter> chain = new ArrayList<>(filters.size());
        for (COSName name : filters) {
            Filter filter = FilterFactory.INSTANCE.getFilter(name); // one instance per filter, abbreviations alike
            if (!chain.contains(filter)) {
                chain.add(filter);
            }
        }
        InputStream input = encoded;
        BoundedBuffer output = null;
        for (int i = 0; i < chain.size(); i++) {
            output = new BoundedBuffer(limit);
            try (InputStream in = input) {
                chain.get(i).decode(in, output, parameters, i, DecodeOptions.DEFAULT);
            } catch (IOException | RuntimeException e) {
                if (!output.full) {
                    throw e;
                }
            }
            if (output.full) {
                throw new TooLarge(filters, limit); // whatever the filter made of our refusal to take more
            }
            input = output.asInput();
        }
        return output == null ? new PdfBytes(encoded.readAllBytes()) : output.asBytes();
    }

    /** A byte buffer that refuses to grow past its limit. */
    private static final class BoundedBuffer extends OutputStream {

        private final long limit;
        private byte[] bytes = new byte[8192];
        private int size;
        private boolean full;

        BoundedBuffer(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void room(int len) {
            if (size + (long) len > limit) {
                full = true;
                throw new TooLarge(List.of(), limit);
            }
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + (long) len, 2L * bytes.length)));
            }
        }

        InputStream asInput() {
            return new java.io.ByteArrayInputStream(bytes, 0, size);
        }

        PdfBytes asBytes() {
            return new PdfBytes(bytes, 0, size);
        }
    }
}
