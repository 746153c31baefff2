package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdfparser.PDFObjectStreamParser;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a PDF as {@code Loader.loadPDF(byte[])} does (PDFBox's own {@link PDFParser}, lenient, the same checks and
 * repairs), with two differences. The bytes are read through {@link PdfBytes}: the file, and the decoded object
 * streams, which hold the page tree, the pages and the fonts of every PDF written by PDFBox or a recent LibreOffice
 * and were the most expensive thing PDFBox parsed for a classification. And an object stream is decoded into a
 * bounded buffer ({@link PdfFilterChain}): past {@link PdfStructureStreams#DEFAULT_MAX_INFLATED_BYTES} the object
 * asked for throws {@link PdfFilterChain.TooLarge} instead of filling the heap. That covers what the check on the raw
 * bytes cannot see: the object streams of an encrypted file, decrypted by PDFBox before they are decoded.
 *
 * <p>The object streams are still parsed by PDFBox's {@link PDFObjectStreamParser}, whole, at the first object
 * asked of them, and their objects handed out in the same way as {@code COSParser} does; only the bytes it reads
 * come from an array instead of PDFBox's chunked buffer.
 */
public final class PdfLoader {

    private PdfLoader() {}

    /** The document, its object streams decoded when first needed, each within the limit. */
    public static PDDocument load(byte[] pdf) throws IOException {
        RandomAccessRead source = new PdfBytes(pdf);
        try {
            return new Parser(source).parse();
        } catch (IOException e) {
            IOUtils.closeQuietly(source);
            throw e;
        }
    }

    /**
     * Decodes every object stream the cross-references name now (a document's objects are otherwise read lazily), so
     * that a later reader of the same bytes (DSS loads the file again with PDFBox, unbounded) meets no stream beyond
     * the limit. Throws {@link PdfFilterChain.TooLarge} for the first one that is.
     */
    public static void decodeEveryObjectStream(PDDocument document) {
        Map<Long, COSObjectKey> oneObjectPerStream = new HashMap<>();
        document.getDocument().getXrefTable().forEach((key, offset) -> {
            if (offset != null && offset < 0) { // in object stream number -offset
                oneObjectPerStream.putIfAbsent(-offset, key);
            }
        });
        for (COSObjectKey key : oneObjectPerStream.values()) {
            document.getDocument().getObjectFromPool(key).getObject();
        }
    }

    private static final class Parser extends PDFParser {

        private static final Logger LOG = LoggerFactory.getLogger(PdfLoader.class);

        /** Objects of each object stream already parsed and not yet asked for, by object stream number. */
        private final Map<Long, Map<COSObjectKey, COSBase>> waiting = new HashMap<>();

        Parser(RandomAccessRead source) throws IOException {
            super(source, "", null, null, IOUtils.createMemoryOnlyStreamCache());
        }

        /** {@code COSParser.parseObjectStreamObject}'s steps, over the decoded stream in an array. */
        @Override
        protected COSBase parseObjectStreamObject(long objectStreamNumber, COSObjectKey key) throws IOException {
            Map<COSObjectKey, COSBase> parsed = waiting.computeIfAbsent(objectStreamNumber, n -> new HashMap<>());
            COSBase object = parsed.remove(key);
            if (object != null) {
                return object;
            }
            COSBase stream = document.getObjectFromPool(getObjectKey(objectStreamNumber, 0)).getObject();
            if (stream instanceof COSStream objectStream) {
                try {
                    Map<COSObjectKey, COSBase> all =
                            new PDFObjectStreamParser(new DecodedObjectStream(objectStream), document).parseAllObjects();
                    object = all.remove(key);
                    all.forEach(parsed::putIfAbsent);
                } catch (IOException e) {
                    if (!isLenient()) {
                        throw e;
                    }
                    LOG.debug("object stream {} could not be parsed", objectStreamNumber, e);
                }
            }
            return object;
        }
    }

    /**
     * An object stream as {@link PDFObjectStreamParser} reads it (its /N and /First, and its data decoded by PDFBox
     * with the stream's own filters), the data held in an array.
     */
    private static final class DecodedObjectStream extends COSStream {

        private final PdfBytes decoded;

        DecodedObjectStream(COSStream original) throws IOException {
            setItem(COSName.N, original.getItem(COSName.N));
            setItem(COSName.FIRST, original.getItem(COSName.FIRST));
            List<COSName> filters = PdfFilterChain.names(original.getFilters());
            if (filters.isEmpty()) {
                try (RandomAccessRead view = original.createView()) {
                    decoded = new PdfBytes(readAll(view));
                }
            } else {
                decoded = PdfFilterChain.decode(original.createRawInputStream(), filters, original,
                        PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES);
            }
        }

        @Override
        public RandomAccessRead createView() {
            return decoded.fromStart();
        }

        private static byte[] readAll(RandomAccessRead view) throws IOException {
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, view.length()))];
            int filled = 0;
            int n;
            while (filled < bytes.length && (n = view.read(bytes, filled, bytes.length - filled)) > 0) {
                filled += n;
            }
            return filled == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, filled);
        }
    }
}
