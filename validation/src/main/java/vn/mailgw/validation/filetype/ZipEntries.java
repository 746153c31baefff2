package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip package read lazily from its bytes: the entry list comes from the central directory (as Word, LibreOffice and
 * every random-access reader see the package), and an entry is inflated only when it is read, only as far as it is
 * read. POI's {@code OPCPackage.open(InputStream)} and {@code ZipInputStream} inflate every entry they pass: a .docx of
 * 95 MB of XML held a pipeline worker for seconds and the heap for ~100 MB before anything looked at it.
 *
 * <p>What is read stays within {@link ZipInflationCheck.Limits}: opening refuses what the central directory alone
 * shows to be over them (too many entries, declared sizes over the budget), and each entry read is counted while it
 * inflates: past its declared size, past the ratio, or past the budget of all entries read together, the read fails
 * with {@link Refused}. {@link #inflatedBytes()} says how much was inflated, so a caller (and a test) can tell that a
 * large part was not read.
 *
 * <p>A package without a readable central directory (truncated, damaged) is listed by walking its local headers, as
 * streaming readers would.
 */
public final class ZipEntries {

    /** One entry: its name, how it is stored, its declared sizes ({@code -1} when unknown) and its local header. */
    public record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {}

    /** A read or an opening that would exceed the limits; the message names the entry and the limit. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final byte[] zip;
    private final ZipInflationCheck.Limits limits;
    private final List<Entry> entries;
    private final Map<String, Entry> firstByName = new LinkedHashMap<>();
    /** Bytes produced so far by every entry read through this package (stored entries count as they are read). */
    private long inflated;
    /** The first read that failed: a library may swallow the exception, the caller still learns why. */
    private IOException firstFailure;

    private ZipEntries(byte[] zip, ZipInflationCheck.Limits limits, List<Entry> entries) {
        this.zip = zip;
        this.limits = limits;
        this.entries = entries;
        entries.forEach(e -> firstByName.putIfAbsent(e.name(), e));
    }

    /** Lists a package within {@link ZipInflationCheck#DEFAULT}. */
    public static ZipEntries of(byte[] zip) throws Refused {
        return of(zip, ZipInflationCheck.DEFAULT);
    }

    /** Lists a package; refuses it when its central directory alone exceeds {@code limits}. Inflates nothing. */
    public static ZipEntries of(byte[] zip, ZipInflationCheck.Limits limits) throws Refused {
        Optional<ZipRecords.CentralDirectory> directory = ZipRecords.centralDirectory(zip, limits.maxEntries() + 1);
        if (directory.isPresent() && !directory.get().entries().isEmpty()) {
            Optional<String> over = ZipInflationCheck.overByDirectory(directory.get(), limits, 0, "");
            if (over.isPresent()) {
                throw new Refused(over.get());
            }
            List<Entry> listed = directory.get().entries().stream()
                    .map(e -> new Entry(e.name(), e.method(), e.compressedSize(), e.size(), e.localHeaderOffset()))
                    .toList();
            return new ZipEntries(zip, limits, listed);
        }
        List<Entry> walked = ZipInflationCheck.localEntries(zip, limits.maxEntries() + 1);
        if (walked.size() > limits.maxEntries()) {
            throw new Refused("more than " + limits.maxEntries() + " entries");
        }
        return new ZipEntries(zip, limits, walked);
    }

    public List<Entry> list() {
        return entries;
    }

    /** The first entry of that name (a leading "/" is ignored: OPC part names start with one, zip names do not). */
    public Optional<Entry> find(String name) {
        return Optional.ofNullable(firstByName.get(name.startsWith("/") ? name.substring(1) : name));
    }

    /** Bytes inflated (or read from stored entries) so far through this package. */
    public long inflatedBytes() {
        return inflated;
    }

    /**
     * The first failed read (a {@link Refused} one when a limit was hit), if any: libraries reading through this
     * package (POI verifying a digest) may catch the exception and answer "invalid" instead of "could not read".
     */
    public Optional<IOException> firstFailure() {
        return Optional.ofNullable(firstFailure);
    }

    /**
     * The entry's content, inflated as it is read. Fails with {@link Refused} past the entry's declared size, the
     * ratio or the budget, and with an {@link IOException} when the entry is damaged, truncated or encrypted.
     */
    public InputStream open(Entry entry) throws IOException {
        try {
            return opened(entry);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private IOException failed(IOException e) {
        if (firstFailure == null) {
            firstFailure = e;
        }
        return e;
    }

    private InputStream opened(Entry entry) throws IOException {
        ZipRecords.LocalHeader local = ZipRecords.localHeaderAt(zip, entry.localHeaderOffset())
                .orElseThrow(() -> new IOException(entry.name() + ": no local header where the directory points"));
        if (local.encrypted()) {
            throw new IOException(entry.name() + " is encrypted");
        }
        long declared = entry.size() != ZipRecords.UNKNOWN ? entry.size() : local.size();
        if (local.method() == ZipRecords.STORED) {
            long length = entry.compressedSize() != ZipRecords.UNKNOWN ? entry.compressedSize() : local.compressedSize();
            if (length == ZipRecords.UNKNOWN || local.dataStart() + length > zip.length) {
                throw new IOException(entry.name() + " is truncated");
            }
            return new Stored(entry.name(), (int) local.dataStart(), (int) length);
        }
        if (local.method() != ZipRecords.DEFLATED) {
            throw new Refused(entry.name() + ": compression method " + local.method() + " is not accepted");
        }
        return new Inflating(entry.name(), (int) local.dataStart(), declared);
    }

    /** Counts {@code n} more bytes of entry {@code name}, which has produced {@code produced} from {@code read}. */
    private void charge(String name, long n, long produced, long read, long declared) throws Refused {
        inflated += n;
        if (declared != ZipRecords.UNKNOWN && produced > declared) {
            throw new Refused(name + " inflates beyond the " + declared + " bytes its zip records declare");
        }
        Optional<String> overrun = limits.overrun(name, inflated, produced, read);
        if (overrun.isPresent()) {
            throw new Refused(overrun.get());
        }
    }

    /** An entry's stream whose reading is done in bulk: a single byte is read as a bulk read of one. */
    private abstract static class BulkInputStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public final int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** A stored entry: its bytes as they are, counted against the budget as they are read. */
    private final class Stored extends BulkInputStream {
        private final String name;
        private final int end;
        private final int start;
        private int at;

        Stored(String name, int start, int length) {
            this.name = name;
            this.start = start;
            this.at = start;
            this.end = start + length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (at >= end) {
                return -1;
            }
            int n = Math.min(len, end - at);
            System.arraycopy(zip, at, b, off, n);
            at += n;
            try {
                charge(name, n, at - start, at - start, ZipRecords.UNKNOWN);
            } catch (Refused e) {
                throw failed(e);
            }
            return n;
        }

        @Override
        public int available() {
            return end - at;
        }
    }

    /** A deflated entry, inflated into the caller's buffer; the compressed data is read where it lies in the file. */
    private final class Inflating extends BulkInputStream {
        private final String name;
        private final long declared;
        private final Inflater inflater = new Inflater(true); // zip entries are raw deflate data
        private long produced;
        private boolean closed;

        Inflating(String name, int start, long declared) {
            this.name = name;
            this.declared = declared;
            inflater.setInput(zip, start, zip.length - start);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException(name + ": stream closed");
            }
            if (len == 0) {
                return 0;
            }
            try {
                return inflate(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private int inflate(byte[] b, int off, int len) throws IOException {
            try {
                while (true) {
                    if (inflater.finished()) {
                        return -1;
                    }
                    int n = inflater.inflate(b, off, len);
                    if (n > 0) {
                        produced += n;
                        charge(name, n, produced, inflater.getBytesRead(), declared);
                        return n;
                    }
                    if (inflater.needsInput()) {
                        throw new IOException(name + " is truncated");
                    }
                    if (inflater.needsDictionary()) {
                        throw new IOException(name + ": damaged deflate data (asks for a dictionary)");
                    }
                }
            } catch (DataFormatException e) {
                throw new IOException(name + ": damaged deflate data: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inflater.end();
            }
        }
    }
}
