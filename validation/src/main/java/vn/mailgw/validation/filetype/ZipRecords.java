package vn.mailgw.validation.filetype;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few records of the zip format (PKWARE APPNOTE 6.3, sections 4.3 and 4.5) read straight from the bytes, without
 * inflating anything: a local file header at an offset, and the central directory at the end of the file. Damaged or
 * truncated records give an empty answer, never an exception. Sizes a record does not state (a local header whose
 * sizes follow the data, general purpose flag bit 3) are {@link #UNKNOWN}.
 */
final class ZipRecords {

    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int DATA_DESCRIPTOR = 0x08074b50;
    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final long UNKNOWN = -1;

    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int ZIP64_END_OF_DIRECTORY = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int LOCAL_HEADER_LENGTH = 30;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int END_OF_DIRECTORY_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final long MARKER_32 = 0xFFFFFFFFL;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_SIZES_AFTER_DATA = 1 << 3;
    private static final int FLAG_UTF8_NAME = 1 << 11;

    private ZipRecords() {}

    /** A local file header; {@code dataStart} is where the entry's (compressed) data begins. */
    record LocalHeader(String name, int flags, int method, long compressedSize, long size, long dataStart) {
        boolean encrypted() {
            return (flags & FLAG_ENCRYPTED) != 0;
        }

        boolean sizesAfterData() {
            return (flags & FLAG_SIZES_AFTER_DATA) != 0;
        }
    }

    /** One entry of the central directory, as it describes the entry: sizes and where its local header is. */
    record CentralEntry(String name, int method, long compressedSize, long size, long localHeaderOffset) {}

    /**
     * The central directory: the entry count its end record declares, and the first entries it lists (at most as many
     * as asked for; reading stops early at a damaged record).
     */
    record CentralDirectory(long declaredEntries, List<CentralEntry> entries) {}

    static Optional<LocalHeader> localHeaderAt(byte[] zip, long offset) {
        if (offset < 0 || offset > zip.length - LOCAL_HEADER_LENGTH || intAt(zip, (int) offset) != LOCAL_HEADER) {
            return Optional.empty();
        }
        int at = (int) offset;
        int flags = shortAt(zip, at + 6);
        int method = shortAt(zip, at + 8);
        long compressed = uintAt(zip, at + 18);
        long size = uintAt(zip, at + 22);
        int nameLength = shortAt(zip, at + 26);
        int extraLength = shortAt(zip, at + 28);
        int name = at + LOCAL_HEADER_LENGTH;
        long dataStart = (long) name + nameLength + extraLength;
        if (dataStart > zip.length) {
            return Optional.empty();
        }
        long[] sizes = zip64Sizes(zip, name + nameLength, extraLength, size, compressed, 0);
        size = sizes[0];
        compressed = sizes[1];
        if ((flags & FLAG_SIZES_AFTER_DATA) != 0 && size == 0 && compressed == 0) {
            size = UNKNOWN;
            compressed = UNKNOWN;
        }
        return Optional.of(new LocalHeader(nameOf(zip, name, nameLength, flags), flags, method, compressed, size,
                dataStart));
    }

    /** The central directory, or empty when the file has no end-of-directory record pointing at a readable one. */
    static Optional<CentralDirectory> centralDirectory(byte[] zip, int maxEntriesRead) {
        int end = endOfDirectory(zip);
        if (end < 0) {
            return Optional.empty();
        }
        long declared = shortAt(zip, end + 10);
        long directorySize = uintAt(zip, end + 12);
        long directoryOffset = uintAt(zip, end + 16);
        if (declared == 0xFFFF || directoryOffset == MARKER_32 || directorySize == MARKER_32) {
            int locator = end - 20;
            if (locator >= 0 && intAt(zip, locator) == ZIP64_LOCATOR) {
                long zip64End = longAt(zip, locator + 8);
                if (zip64End >= 0 && zip64End <= zip.length - 56 && intAt(zip, (int) zip64End) == ZIP64_END_OF_DIRECTORY) {
                    declared = longAt(zip, (int) zip64End + 32);
                    directorySize = longAt(zip, (int) zip64End + 40);
                    directoryOffset = longAt(zip, (int) zip64End + 48);
                }
            }
        }
        long at = directoryOffset;
        if (!centralHeaderAt(zip, at)) {
            at = end - directorySize; // data prepended to the archive (a self-extractor): offsets are shifted
            if (!centralHeaderAt(zip, at)) {
                return Optional.empty();
            }
        }
        List<CentralEntry> entries = new ArrayList<>();
        while (entries.size() < maxEntriesRead && centralHeaderAt(zip, at) && at + CENTRAL_HEADER_LENGTH <= zip.length) {
            int h = (int) at;
            int flags = shortAt(zip, h + 8);
            int method = shortAt(zip, h + 10);
            long compressed = uintAt(zip, h + 20);
            long size = uintAt(zip, h + 24);
            int nameLength = shortAt(zip, h + 28);
            int extraLength = shortAt(zip, h + 30);
            int commentLength = shortAt(zip, h + 32);
            long offset = uintAt(zip, h + 42);
            int name = h + CENTRAL_HEADER_LENGTH;
            if ((long) name + nameLength + extraLength + commentLength > zip.length) {
                break;
            }
            long[] sizes = zip64Sizes(zip, name + nameLength, extraLength, size, compressed, offset);
            entries.add(new CentralEntry(nameOf(zip, name, nameLength, flags), method, sizes[1], sizes[0], sizes[2]));
            at = (long) name + nameLength + extraLength + commentLength;
        }
        return Optional.of(new CentralDirectory(declared, List.copyOf(entries)));
    }

    /**
     * The sizes (and offset) a ZIP64 extra field gives for the 32-bit fields set to 0xFFFFFFFF, in the order the format
     * fixes: size, compressed size, local header offset. Returns {size, compressed, offset}.
     */
    private static long[] zip64Sizes(byte[] zip, int extra, int extraLength, long size, long compressed, long offset) {
        long[] out = {size, compressed, offset};
        if (size != MARKER_32 && compressed != MARKER_32 && offset != MARKER_32) {
            return out;
        }
        int at = extra;
        int end = Math.min(zip.length, extra + extraLength);
        while (at + 4 <= end) {
            int id = shortAt(zip, at);
            int length = shortAt(zip, at + 2);
            int field = at + 4;
            if (id == ZIP64_EXTRA) {
                for (int i = 0; i < 3; i++) {
                    if (out[i] == MARKER_32 && field + 8 <= Math.min(end, at + 4 + length)) {
                        out[i] = longAt(zip, field);
                        field += 8;
                    }
                }
                break;
            }
            at = field + length;
        }
        return out;
    }

    /**
     * The end-of-central-directory record, searched backwards over the longest possible archive comment: the one whose
     * comment ends the file (a signature inside a comment is not it), else the last one found (bytes appended).
     */
    private static int endOfDirectory(byte[] zip) {
        int lowest = Math.max(0, zip.length - END_OF_DIRECTORY_LENGTH - MAX_COMMENT);
        int last = -1;
        for (int at = zip.length - END_OF_DIRECTORY_LENGTH; at >= lowest; at--) {
            if (zip[at] == 'P' && intAt(zip, at) == END_OF_DIRECTORY) {
                if (at + END_OF_DIRECTORY_LENGTH + shortAt(zip, at + 20) == zip.length) {
                    return at;
                }
                last = last < 0 ? at : last;
            }
        }
        return last;
    }

    private static boolean centralHeaderAt(byte[] zip, long at) {
        return at >= 0 && at <= zip.length - 4 && intAt(zip, (int) at) == CENTRAL_HEADER;
    }

    /** Names are UTF-8 when flag bit 11 says so, else IBM 437; ISO-8859-1 keeps the ASCII names this code compares. */
    private static String nameOf(byte[] zip, int from, int length, int flags) {
        return new String(zip, from, length,
                (flags & FLAG_UTF8_NAME) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    static int intAt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static int shortAt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long uintAt(byte[] b, int at) {
        return intAt(b, at) & MARKER_32;
    }

    private static long longAt(byte[] b, int at) {
        return uintAt(b, at) | uintAt(b, at + 4) << 32;
    }
}
