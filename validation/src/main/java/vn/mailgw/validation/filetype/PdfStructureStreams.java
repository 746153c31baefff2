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
 * <p>Streams whose dictionary names FlateDecode are measured (what PDF writers use for these); when the data is not
 * zlib data (another filter comes first, e.g. ASCII85), or no filter is FlateDecode, the stream is left to PDFBox.
 */
public final class PdfStructureStreams {

    /** Far above any real document's (object streams of 100-page documents hold a few hundred kB). */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 32L * 1024 * 1024;

    private static final byte[] OBJ_STM = "/ObjStm".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XREF = "/XRef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJ = " obj".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FLATE = "/FlateDecode".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LENGTH = "/Length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_STREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
    /** How far a stream's dictionary may reach around its /Type. */
    private static final int DICTIONARY_REACH = 4096;
    /** Deflate cannot expand data more than ~1032 times (a 258-byte match per ~2 bits); with margin. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private PdfStructureStreams() {}

    /** Says which stream inflates beyond {@code maxInflatedBytes}, if one does. One pass over the file. */
    public static Optional<String> tooLarge(byte[] pdf, long maxInflatedBytes) {
        Inflater inflater = null; // made at the first stream that must be measured, reused for the others
        byte[] scratch = null;
        try {
            for (int at = PdfTokens.nextOf(pdf, 0, (byte) '/', (byte) '/'); at >= 0;
                    at = PdfTokens.nextOf(pdf, at + 1, (byte) '/', (byte) '/')) {
                byte[] type = PdfTokens.startsWith(pdf, at, OBJ_STM) ? OBJ_STM
                        : PdfTokens.startsWith(pdf, at, XREF) ? XREF : null;
                if (type == null || PdfTokens.isNameChar(pdf, at + type.length)) {
                    continue; // not a stream type, or "/XRefStm" and the like
                }
                int stream = PdfTokens.indexOf(pdf, STREAM, at, Math.min(pdf.length, at + DICTIONARY_REACH));
                if (stream < 0 || (stream >= 3 && pdf[stream - 3] == 'e' && pdf[stream - 2] == 'n')) {
                    continue;
                }
                // The object's start bounds its dictionary; without " obj" (a line break there instead) the window
                // reaches back to other objects' keys, and then no /Length in it is trusted.
                int header = PdfTokens.lastIndexOf(pdf, OBJ, Math.max(0, at - DICTIONARY_REACH), at);
                int dictionary = header >= 0 ? header : Math.max(0, at - DICTIONARY_REACH);
                if (PdfTokens.indexOf(pdf, FLATE, dictionary, stream) < 0) {
                    continue; // unfiltered, or only other filters: not measured here (see the class comment)
                }
                int data = dataStart(pdf, stream + STREAM.length);
                // Data that is not zlib (ASCII85 before Flate) stops the inflater at once: counted as nothing.
                long declared = header >= 0 ? declaredLength(pdf, dictionary, stream, data) : -1;
                if (declared >= 0 && declared * MAX_DEFLATE_RATIO <= maxInflatedBytes) {
                    continue; // too short to inflate beyond the limit: nothing to measure (most object streams)
                }
                if (inflater == null) {
                    inflater = new Inflater();
                    scratch = new byte[64 * 1024];
                } else {
                    inflater.reset();
                }
                if (inflatedSize(inflater, scratch, pdf, data, maxInflatedBytes) > maxInflatedBytes) {
                    return Optional.of("a " + new String(type, 1, type.length - 1, StandardCharsets.US_ASCII)
                            + " stream at byte " + stream + " inflates to more than " + maxInflatedBytes + " bytes");
                }
            }
            return Optional.empty();
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }


    /**
     * The stream's /Length when the dictionary names one /Length only, as a direct number, and "endstream" follows
     * exactly there: then PDFBox decodes that many bytes (it checks a /Length the same way, laxer about whitespace) or,
     * finding no valid length of its own, stops at the first "endstream", which is no further. Otherwise -1. Two
     * /Length keys (one in a nested dictionary) are not guessed between.
     */
    private static long declaredLength(byte[] pdf, int from, int to, int data) {
        int key = PdfTokens.indexOf(pdf, LENGTH, from, to);
        if (key < 0 || PdfTokens.indexOf(pdf, LENGTH, key + 1, to) >= 0) {
            return -1;
        }
        int i = key + LENGTH.length;
        while (i < to && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t')) {
            i++;
        }
        long length = 0;
        int digits = 0;
        while (i < to && pdf[i] >= '0' && pdf[i] <= '9' && digits < 12) {
            length = length * 10 + (pdf[i++] - '0');
            digits++;
        }
        if (digits == 0 || (i < to && indirectReferenceFollows(pdf, i, to))) {
            return -1;
        }
        long end = data + length;
        if (end > pdf.length) {
            return -1;
        }
        int e = (int) end;
        if (e < pdf.length && pdf[e] == '\r') {
            e++;
        }
        if (e < pdf.length && pdf[e] == '\n') {
            e++;
        }
        return PdfTokens.startsWith(pdf, e, END_STREAM) ? length : -1;
    }

    /** " 0 R" after a number: the number was an object number, not the length. */
    private static boolean indirectReferenceFollows(byte[] pdf, int i, int to) {
        int j = i;
        while (j < to && pdf[j] == ' ') {
            j++;
        }
        while (j < to && pdf[j] >= '0' && pdf[j] <= '9') {
            j++;
        }
        while (j < to && pdf[j] == ' ') {
            j++;
        }
        return j > i && j < to && pdf[j] == 'R';
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
    private static long inflatedSize(Inflater inflater, byte[] scratch, byte[] pdf, int from, long limit) {
        inflater.setInput(pdf, from, pdf.length - from);
        long total = 0;
        try {
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
        }
    }



}
