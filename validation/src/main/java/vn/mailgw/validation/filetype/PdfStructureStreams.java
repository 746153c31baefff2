package vn.mailgw.validation.filetype;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;

/**
 * Measures, before PDFBox opens a PDF, how large its object streams and cross-reference streams become once
 * inflated. PDFBox decodes such a stream whole into memory the first time it needs an object in it (at load time
 * for a cross-reference stream, at the first page for an object stream holding the page tree): a 1 MB file whose
 * object stream inflates to gigabytes ran the JVM out of memory in classification and validation alike. Page
 * content and images are not decoded at load time (classification counts page content itself).
 *
 * <p>A stream filtered by FlateDecode alone (what PDF writers use for these) is inflated here, counting, unless its
 * checked /Length is too short to exceed the limit. A chain of other decodable filters (ASCIIHex or ASCII85 before
 * Flate, LZW, RunLength) is decoded stage by stage by PDFBox's own filters into bounded buffers: PDFBox would decode
 * it the same way, whole, into memory. A filter that cannot be measured here (an image codec, Crypt, an indirect or
 * unreadable /Filter) is refused: no PDF writer encodes its object or cross-reference streams that way.
 *
 * <p>Not covered here: the object streams of an encrypted file, whose raw bytes are ciphertext (see
 * {@code PdfLoader}, which bounds what PDFBox decodes after decryption).
 */
public final class PdfStructureStreams {

    /** Far above any real document's (object streams of 100-page documents hold a few hundred kB). */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 32L * 1024 * 1024;

    private static final byte[] OBJ_STM = "/ObjStm".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XREF = "/XRef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJ = " obj".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FILTER = "/Filter".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LENGTH = "/Length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_STREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
    /** How far a stream's dictionary may reach around its /Type. */
    private static final int DICTIONARY_REACH = 4096;
    /** Deflate cannot expand data more than ~1032 times (a 258-byte match per ~2 bits); with margin. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private PdfStructureStreams() {}

    /** Says which stream inflates beyond {@code maxInflatedBytes}, if one does. One pass over the file. */
    public static Optional<String> tooLarge(byte[] pdf, long maxInflatedBytes) {
        int[] names = new int[8];
        int count = 0;
        for (int at = PdfTokens.nextOf(pdf, 0, (byte) '/', (byte) '/'); at >= 0;
                at = PdfTokens.nextOf(pdf, at + 1, (byte) '/', (byte) '/')) {
            if (isTypeName(pdf, at)) {
                if (count == names.length) {
                    names = java.util.Arrays.copyOf(names, 2 * count);
                }
                names[count++] = at;
            }
        }
        return tooLarge(pdf, maxInflatedBytes, java.util.Arrays.copyOf(names, count));
    }

    /** Whether a "/ObjStm" or "/XRef" name (not "/XRefStm" and the like) starts at {@code at}. */
    public static boolean isTypeName(byte[] pdf, int at) {
        return (PdfTokens.startsWith(pdf, at, OBJ_STM) && !PdfTokens.isNameChar(pdf, at + OBJ_STM.length))
                || (PdfTokens.startsWith(pdf, at, XREF) && !PdfTokens.isNameChar(pdf, at + XREF.length));
    }

    /**
     * As {@link #tooLarge(byte[], long)}, for the "/ObjStm" and "/XRef" names a pass over the file already found
     * ({@code typeNames}: their offsets, {@link #isTypeName}), so the signature engine reads the file once.
     */
    public static Optional<String> tooLarge(byte[] pdf, long maxInflatedBytes, int[] typeNames) {
        Inflater inflater = null; // made at the first stream that must be measured, reused for the others
        byte[] scratch = null;
        try {
            for (int at : typeNames) {
                byte[] type = pdf[at + 1] == 'O' ? OBJ_STM : XREF;
                int stream = PdfTokens.indexOf(pdf, STREAM, at, Math.min(pdf.length, at + DICTIONARY_REACH));
                if (stream < 0 || (stream >= 3 && pdf[stream - 3] == 'e' && pdf[stream - 2] == 'n')) {
                    continue;
                }
                // The object's start bounds its dictionary; without " obj" (a line break there instead) the window
                // reaches back to other objects' keys, and then no /Length in it is trusted.
                int header = PdfTokens.lastIndexOf(pdf, OBJ, Math.max(0, at - DICTIONARY_REACH), at);
                int dictionary = header >= 0 ? header : Math.max(0, at - DICTIONARY_REACH);
                String name = new String(type, 1, type.length - 1, StandardCharsets.US_ASCII);
                List<String> filters = filters(pdf, dictionary, stream);
                if (filters == null) {
                    return Optional.of("a " + name + " stream at byte " + stream
                            + " has a /Filter that cannot be read before parsing");
                }
                if (filters.isEmpty()) {
                    continue; // stored as is: no larger in memory than in the file
                }
                int data = dataStart(pdf, stream + STREAM.length);
                long declared = header >= 0 ? declaredLength(pdf, dictionary, stream, data) : -1;
                if (!filters.equals(FLATE_ALONE)) {
                    Optional<String> problem = chainProblem(pdf, data, declared, filters, maxInflatedBytes);
                    if (problem.isPresent()) {
                        return Optional.of("a " + name + " stream at byte " + stream + " " + problem.get());
                    }
                    continue;
                }
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
                    return Optional.of("a " + name + " stream at byte " + stream + " inflates to more than "
                            + maxInflatedBytes + " bytes");
                }
            }
            return Optional.empty();
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }


    private static final List<String> FLATE_ALONE = List.of("FlateDecode");
    /** The filters measured by decoding (PDF's abbreviations as PDFBox reads them, too). */
    private static final Map<String, String> DECODABLE = Map.of("FlateDecode", "FlateDecode", "Fl", "FlateDecode",
            "LZWDecode", "LZWDecode", "LZW", "LZWDecode", "ASCIIHexDecode", "ASCIIHexDecode", "AHx", "ASCIIHexDecode",
            "ASCII85Decode", "ASCII85Decode", "A85", "ASCII85Decode", "RunLengthDecode", "RunLengthDecode",
            "RL", "RunLengthDecode");

    /**
     * The filter names of the dictionary in {@code [from, to)}, in order, each once (PDFBox drops repeated filters
     * too): empty when it has no /Filter; null when its filter cannot be read here (two /Filter keys, one of them
     * perhaps in a nested dictionary; an indirect reference; anything but a name or an array of names).
     */
    static List<String> filters(byte[] pdf, int from, int to) {
        int key = PdfTokens.indexOf(pdf, FILTER, from, to);
        while (key >= 0 && PdfTokens.isNameChar(pdf, key + FILTER.length)) {
            key = PdfTokens.indexOf(pdf, FILTER, key + 1, to); // "/Filters" or the like: another key
        }
        if (key < 0) {
            return List.of();
        }
        for (int other = PdfTokens.indexOf(pdf, FILTER, key + 1, to); other >= 0;
                other = PdfTokens.indexOf(pdf, FILTER, other + 1, to)) {
            if (!PdfTokens.isNameChar(pdf, other + FILTER.length)) {
                return null;
            }
        }
        int i = skipSpace(pdf, key + FILTER.length, to);
        boolean array = i < to && pdf[i] == '[';
        List<String> names = new ArrayList<>();
        if (array) {
            i = skipSpace(pdf, i + 1, to);
        }
        while (i < to && pdf[i] == '/') {
            int end = i + 1;
            while (end < to && PdfTokens.isNameChar(pdf, end)) {
                end++;
            }
            String name = new String(pdf, i + 1, end - i - 1, StandardCharsets.US_ASCII);
            if (!names.contains(DECODABLE.getOrDefault(name, name))) {
                names.add(DECODABLE.getOrDefault(name, name));
            }
            i = skipSpace(pdf, end, to);
            if (!array) {
                return names;
            }
        }
        return array && i < to && pdf[i] == ']' ? names : null;
    }

    private static int skipSpace(byte[] pdf, int i, int to) {
        while (i < to && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t' || pdf[i] == '\f'
                || pdf[i] == 0)) {
            i++;
        }
        return i;
    }

    /**
     * Decodes a chain of filters as PDFBox would ({@link PdfFilterChain}), without the stream's /DecodeParms: a
     * predictor only removes bytes, so the size found is an upper bound. Data a filter cannot decode, PDFBox cannot
     * either: nothing to measure.
     */
    private static Optional<String> chainProblem(byte[] pdf, int data, long declared, List<String> filters,
            long limit) {
        for (String filter : filters) {
            if (!DECODABLE.containsKey(filter)) {
                return Optional.of("is encoded with /" + filter + ", which is not measured before parsing");
            }
        }
        int length = declared >= 0 ? (int) declared : pdf.length - data;
        try {
            PdfFilterChain.decode(new ByteArrayInputStream(pdf, data, length),
                    filters.stream().map(COSName::getPDFName).toList(), new COSDictionary(), limit);
            return Optional.empty();
        } catch (PdfFilterChain.TooLarge e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
