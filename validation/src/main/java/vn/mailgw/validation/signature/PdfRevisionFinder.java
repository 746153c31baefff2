package vn.mailgw.validation.signature;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.pades.validation.ByteRange;
import eu.europa.esig.dss.pades.validation.PdfByteRangeDocument;

/**
 * Finds where the revision before a signature ends: the last {@code %%EOF} marker (with the line
 * break after it) that ends before the signature's {@code /Contents}. DSS finds it by reading the
 * whole file byte by byte and copying a buffer on every byte (about 28 ms per MB); only the few
 * kilobytes before the signature matter, so this searches backwards from there, in the array.
 */
final class PdfRevisionFinder {

    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};

    private PdfRevisionFinder() {}

    /**
     * The revision that precedes a signature: the longest {@code %%EOF}-terminated prefix of the
     * file strictly shorter than the signature's first signed part ({@code /ByteRange[0] + [1]},
     * DSS's own rule), or an empty document when the signature is in the first revision.
     */
    static DSSDocument previousRevision(DSSDocument document, byte[] bytes, ByteRange signatureRange) {
        long limit = (long) signatureRange.getFirstPartStart() + signatureRange.getFirstPartEnd();
        int end = lastRevisionEndBefore(bytes, (int) Math.min(limit, bytes.length + 1L));
        if (end <= 0) {
            return eu.europa.esig.dss.model.InMemoryDocument.createEmptyDocument();
        }
        return new PdfByteRangeDocument(document, new ByteRange(new int[] {0, end, end, 0}));
    }

    /**
     * The largest revision end (just after {@code %%EOF} and its line break: LF, CR or CR LF) that is
     * smaller than {@code limit}; -1 when there is none. Ends grow with the marker's position, so the
     * first marker found going backwards whose end fits is the answer.
     */
    static int lastRevisionEndBefore(byte[] bytes, int limit) {
        for (int i = Math.min(limit, bytes.length) - EOF.length; i >= 0; i--) {
            if (bytes[i] == '%' && isEofAt(bytes, i)) {
                int end = endOfLine(bytes, i + EOF.length);
                if (end < limit) {
                    return end;
                }
            }
        }
        return -1;
    }

    private static boolean isEofAt(byte[] bytes, int at) {
        for (int k = 1; k < EOF.length; k++) {
            if (bytes[at + k] != EOF[k]) {
                return false;
            }
        }
        return true;
    }

    private static int endOfLine(byte[] bytes, int at) {
        int i = at;
        if (i < bytes.length && bytes[i] == '\n') {
            return i + 1;
        }
        if (i < bytes.length && bytes[i] == '\r') {
            i++;
            if (i < bytes.length && bytes[i] == '\n') {
                i++;
            }
        }
        return i;
    }
}
