package vn.mailgw.validation.filetype;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What {@link FileTypeSniffer} needs to know of a zip package, read without inflating its entries: the first entry's
 * name and leading bytes (an ASiC or OpenDocument "mimetype"), and the names of the first entries. Walking a package
 * with {@code ZipInputStream} inflates every entry it passes: a second per gigabyte of a zip bomb, for a type sniff.
 */
final class ZipListing {

    private ZipListing() {}

    /** The first entry in the file (its local header at offset 0): name and up to {@code maxBytes} of its content. */
    record FirstEntry(String name, byte[] head) {}

    static Optional<FirstEntry> firstEntry(byte[] zip, int maxBytes) {
        return ZipRecords.localHeaderAt(zip, 0).map(h -> new FirstEntry(h.name(), head(zip, h, maxBytes)));
    }

    /**
     * The names of the first {@code max} entries as the central directory lists them; for a package without a readable
     * one, as its local headers follow each other (bounded by {@link ZipInflationCheck}'s budget).
     */
    static List<String> firstNames(byte[] zip, int max) {
        Optional<ZipRecords.CentralDirectory> directory = ZipRecords.centralDirectory(zip, max);
        if (directory.isPresent() && !directory.get().entries().isEmpty()) {
            return directory.get().entries().stream().map(ZipRecords.CentralEntry::name).toList();
        }
        return ZipInflationCheck.localEntryNames(zip, max);
    }

    private static byte[] head(byte[] zip, ZipRecords.LocalHeader header, int maxBytes) {
        int start = (int) header.dataStart();
        int available = zip.length - start;
        if (header.encrypted()) {
            return new byte[0];
        }
        if (header.method() == ZipRecords.STORED) {
            long size = header.compressedSize() == ZipRecords.UNKNOWN ? available : header.compressedSize();
            return Arrays.copyOfRange(zip, start, start + (int) Math.min(Math.min(size, available), maxBytes));
        }
        if (header.method() != ZipRecords.DEFLATED) {
            return new byte[0];
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, start, available);
            byte[] out = new byte[maxBytes];
            int n = 0;
            while (n < maxBytes && !inflater.finished()) {
                int got = inflater.inflate(out, n, maxBytes - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }
}
