package vn.mailgw.validation.classify;

import java.io.IOException;
import java.util.HashMap;
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
 * Loads a PDF for classification exactly as {@code Loader.loadPDF(byte[])} does (PDFBox's own {@link PDFParser},
 * lenient, the same checks and repairs), with the bytes read through {@link PdfBytes}: the file, and the decoded
 * object streams, which hold the page tree, the pages and the fonts of every PDF written by PDFBox or a recent
 * LibreOffice and were the most expensive thing PDFBox parsed for a classification.
 *
 * <p>The object streams are still parsed by PDFBox's {@link PDFObjectStreamParser}, whole, at the first object
 * asked of them, and their objects handed out in the same way as {@code COSParser} does; only the bytes it reads
 * come from an array instead of PDFBox's chunked buffer.
 */
final class PdfLoader {

    private PdfLoader() {}

    static PDDocument load(byte[] pdf) throws IOException {
        RandomAccessRead source = new PdfBytes(pdf);
        try {
            return new Parser(source).parse();
        } catch (IOException e) {
            IOUtils.closeQuietly(source);
            throw e;
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

        private final byte[] decoded;

        DecodedObjectStream(COSStream original) throws IOException {
            setItem(COSName.N, original.getItem(COSName.N));
            setItem(COSName.FIRST, original.getItem(COSName.FIRST));
            try (RandomAccessRead view = original.createView()) {
                decoded = readAll(view);
            }
        }

        @Override
        public RandomAccessRead createView() {
            return new PdfBytes(decoded);
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
