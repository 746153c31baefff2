package vn.mailgw.validation.filetype;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures, before PDFBox opens a PDF, how large its object streams and cross-reference streams become once
 * inflated. PDFBox decodes such a stream whole into memory the first time it needs an object in it (at load time
 * for a cross-reference stream, at the first page for an object stream holding the page tree): a 1 MB file whose
 * object stream inflates to gigabytes ran the JVM out of memory in classification and validation alike. Page
 * content and images are not decoded at load time (classification counts page content itself).
 *
 * <p>Only streams filtered by FlateDecode alone are measured (what PDF writers use for these); a stream with
 * another filter chain is left to PDFBox, as before.
 */
public final class PdfStructureStreams {

    /** Far above any real document's (object streams of 100-page documents hold a few hundred kB). */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 32L * 1024 * 1024;

    private static final byte[] OBJ_STM = "/ObjStm".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XREF = "/XRef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJ = " obj".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FLATE = "/FlateDecode".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECODE = "Decode".getBytes(StandardCharsets.US_ASCII);
    /** How far a stream's dictionary may reach around its /Type. */
    private static final int DICTIONARY_REACH = 4096;

    private PdfStructureStreams() {}

    /** Says which stream inflates beyond {@code maxInflatedBytes}, if one does. One pass over the file. */
    public static Optional<String> tooLarge(byte[] pdf, long maxInflatedBytes) {
        for (int at = 0; at < pdf.length; at++) {
            if (pdf[at] != '/') {
                continue;
            }
            byte[] type = startsWith(pdf, at, OBJ_STM) ? OBJ_STM : startsWith(pdf, at, XREF) ? XREF : null;
            if (type == null || isNameChar(pdf, at + type.length)) {
                continue; // not a stream type, or "/XRefStm" and the like
            }
            int stream = indexOf(pdf, STREAM, at, Math.min(pdf.length, at + DICTIONARY_REACH));
            if (stream < 0 || (stream >= 3 && pdf[stream - 3] == 'e' && pdf[stream - 2] == 'n')) {
                continue;
            }
            int dictionary = lastIndexOf(pdf, OBJ, Math.max(0, at - DICTIONARY_REACH), at);
            if (dictionary < 0 || !onlyFlate(pdf, dictionary, stream)) {
                continue;
            }
            long inflated = inflatedSize(pdf, dataStart(pdf, stream + STREAM.length), maxInflatedBytes);
            if (inflated > maxInflatedBytes) {
                return Optional.of("a " + new String(type, 1, type.length - 1, StandardCharsets.US_ASCII)
                        + " stream at byte " + stream + " inflates to more than " + maxInflatedBytes + " bytes");
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int at, byte[] word) {
        if (at + word.length > data.length) {
            return false;
        }
        for (int j = 1; j < word.length; j++) {
            if (data[at + j] != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** FlateDecode and no other filter named between the object's start and its stream keyword. */
    private static boolean onlyFlate(byte[] pdf, int from, int to) {
        int flate = indexOf(pdf, FLATE, from, to);
        if (flate < 0) {
            return false;
        }
        int decodes = 0;
        for (int d = indexOf(pdf, DECODE, from, to); d >= 0; d = indexOf(pdf, DECODE, d + 1, to)) {
            decodes++;
        }
        return decodes == 1 || (decodes == 2 && indexOf(pdf, "/DecodeParms".getBytes(StandardCharsets.US_ASCII),
                from, to) >= 0);
    }

    /** After "stream": CRLF or LF (a lone CR is tolerated, as PDFBox does). */
    private static int dataStart(byte[] pdf, int i) {
        if (i < pdf.length && pdf[i] == '\r') {
            i++;
        }
        if (i < pdf.length && pdf[i] == '\n') {
            i++;
        }
        return i;
    }

    /** Inflated size, counted up to one byte past the limit; a damaged stream counts what inflated before the damage. */
    private static long inflatedSize(byte[] pdf, int from, long limit) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(pdf, from, pdf.length - from);
            byte[] scratch = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished() && total <= limit) {
                int n = inflater.inflate(scratch);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (DataFormatException e) {
            return inflater.getBytesWritten();
        } finally {
            inflater.end();
        }
    }

    private static boolean isNameChar(byte[] pdf, int i) {
        return i < pdf.length && (Character.isLetterOrDigit(pdf[i]) || pdf[i] == '_');
    }

    private static int indexOf(byte[] data, byte[] word, int from, int to) {
        outer:
        for (int i = from; i <= to - word.length; i++) {
            if (data[i] != word[0]) {
                continue;
            }
            for (int j = 1; j < word.length; j++) {
                if (data[i + j] != word[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] word, int from, int to) {
        int found = -1;
        for (int i = indexOf(data, word, from, to); i >= 0; i = indexOf(data, word, i + 1, to)) {
            found = i;
        }
        return found;
    }
}
