package vn.mailgw.validation.signature;

import java.util.List;
import java.util.Objects;

/**
 * What part of the file a signature covers.
 *
 * @param revision      1-based number of the signed revision (1 = the original document)
 * @param revisionCount how many revisions the file has (incremental updates + 1); 1 for a detached file
 * @param byteRange     the PDF /ByteRange (offset, length, offset, length); empty for detached CAdES
 * @param signedLength  bytes up to the end of the signed revision
 * @param fileLength    bytes in the whole file
 * @param changesAfter  everything the later incremental updates changed, allowed or not
 */
public record Coverage(int revision, int revisionCount, List<Long> byteRange, long signedLength, long fileLength,
                       List<Change> changesAfter) {

    public Coverage {
        if (revision < 1 || revisionCount < revision) {
            throw new IllegalArgumentException("revision " + revision + " of " + revisionCount);
        }
        byteRange = List.copyOf(byteRange);
        if (!byteRange.isEmpty() && byteRange.size() != 4) {
            throw new IllegalArgumentException("a byte range has 4 numbers: " + byteRange);
        }
        if (signedLength < 0 || fileLength < signedLength) {
            throw new IllegalArgumentException("signed " + signedLength + " of " + fileLength + " bytes");
        }
        changesAfter = List.copyOf(changesAfter);
    }

    /** A detached signature (CAdES .p7s) over a whole file. */
    public static Coverage wholeDetachedFile(long fileLength) {
        return new Coverage(1, 1, List.of(), fileLength, fileLength, List.of());
    }

    public boolean coversWholeFile() {
        return signedLength == fileLength;
    }

    public List<Change> disallowedChanges() {
        return changesAfter.stream().filter(c -> !c.allowed()).toList();
    }

    /** "whole file", or "revision 1 of 3 (12345 of 20000 bytes)". */
    public String describe() {
        if (coversWholeFile()) {
            return "whole file (" + fileLength + " bytes)";
        }
        return "revision " + revision + " of " + revisionCount + " (" + signedLength + " of " + fileLength + " bytes)";
    }
}
