package vn.mailgw.validation.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vn.mailgw.validation.filetype.PdfTokens;

/**
 * Reads the classic cross-reference sections ({@code xref ... trailer}) that incremental updates
 * after a signed revision declare, independently of PDFBox (which silently repairs what it cannot
 * parse), and checks that each in-use entry points at the object it names. An entry for object 8
 * that points at "6 0 obj" is the shadow attack's redirection ("hide via referenced object").
 * Cross-reference streams are left to PDFBox's comparison.
 */
final class XrefUpdateScanner {

    /** One in-use entry: object number, generation, byte offset. */
    record Entry(long number, int generation, long offset) {}

    private static final int MAX_ENTRIES = 1_000_000;

    private static final byte[] XREF = "xref".getBytes(StandardCharsets.US_ASCII);

    private XrefUpdateScanner() {}

    static List<Entry> entriesAfter(byte[] pdf, int from) {
        List<Entry> entries = new ArrayList<>();
        int i = from;
        while (i >= 0 && i < pdf.length && entries.size() < MAX_ENTRIES) {
            int at = PdfTokens.indexOf(pdf, XREF, i, pdf.length);
            if (at < 0) {
                break;
            }
            boolean keyword = (at == 0 || isEol(pdf[at - 1])) && at + 4 < pdf.length && isWhite(pdf[at + 4]);
            i = at + 4;
            if (keyword) {
                i = readSection(pdf, i, entries);
            }
        }
        return entries;
    }

    /** Entries whose offset does not hold "number generation obj". */
    static List<Change> redirections(byte[] pdf, List<Entry> entries) {
        List<Change> changes = new ArrayList<>();
        for (Entry e : entries) {
            if (e.offset() >= pdf.length) {
                changes.add(new Change(Change.Kind.UNDEFINED, "cross-reference entry for object " + e.number()
                        + " points beyond the end of the file"));
                continue;
            }
            long[] header = objectHeaderAt(pdf, (int) e.offset());
            if (header == null || header[0] != e.number()) {
                changes.add(new Change(Change.Kind.UNDEFINED, "cross-reference entry for object " + e.number()
                        + " redirected to offset " + e.offset() + (header == null ? " (no object there)"
                        : " holding object " + header[0])));
            }
        }
        return changes;
    }

    private static int readSection(byte[] pdf, int i, List<Entry> entries) {
        int[] pos = {i};
        while (entries.size() < MAX_ENTRIES) {
            skipWhite(pdf, pos);
            long start = readNumber(pdf, pos);
            if (start < 0) {
                return pos[0]; // "trailer" or anything else ends the section
            }
            skipWhite(pdf, pos);
            long count = readNumber(pdf, pos);
            if (count < 0) {
                return pos[0];
            }
            for (long k = 0; k < count && entries.size() < MAX_ENTRIES; k++) {
                skipWhite(pdf, pos);
                long offset = readNumber(pdf, pos);
                skipWhite(pdf, pos);
                long generation = readNumber(pdf, pos);
                skipWhite(pdf, pos);
                if (offset < 0 || generation < 0 || pos[0] >= pdf.length) {
                    return pos[0];
                }
                byte type = pdf[pos[0]++];
                if (type == 'n' && start + k != 0) {
                    entries.add(new Entry(start + k, (int) generation, offset));
                }
            }
        }
        return pos[0];
    }

    private static long[] objectHeaderAt(byte[] pdf, int offset) {
        int[] pos = {offset};
        skipWhite(pdf, pos);
        long number = readNumber(pdf, pos);
        skipWhite(pdf, pos);
        long generation = readNumber(pdf, pos);
        skipWhite(pdf, pos);
        if (number < 0 || generation < 0 || pos[0] + 3 > pdf.length
                || !new String(pdf, pos[0], 3, StandardCharsets.US_ASCII).equals("obj")) {
            return null;
        }
        return new long[] {number, generation};
    }

    private static long readNumber(byte[] pdf, int[] pos) {
        int i = pos[0];
        long value = 0;
        int digits = 0;
        while (i < pdf.length && pdf[i] >= '0' && pdf[i] <= '9' && digits < 18) {
            value = value * 10 + (pdf[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        pos[0] = i;
        return value;
    }

    private static void skipWhite(byte[] pdf, int[] pos) {
        while (pos[0] < pdf.length && isWhite(pdf[pos[0]])) {
            pos[0]++;
        }
    }

    private static boolean isWhite(byte b) {
        return b == ' ' || b == '\r' || b == '\n' || b == '\t' || b == '\f' || b == 0;
    }

    private static boolean isEol(byte b) {
        return b == '\r' || b == '\n';
    }

}
