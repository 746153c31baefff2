package vn.mailgw.validation.filetype;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures, before any library opens a zip-based document (.docx, .xlsx, .pptx, .odt, .ods, ASiC), how large its
 * entries become once inflated, by inflating them here and counting the bytes (nothing is kept but nested packages).
 * POI, DSS and {@code ZipInputStream} inflate every entry they pass, and a 1 MB entry can inflate to a gigabyte.
 *
 * <p>The sizes the zip records declare are used only to refuse early (too many entries, declared sizes over the
 * budget); they are never trusted to be small: each entry is measured, and inflating past its declared size is
 * itself a refusal. Entries are measured the two ways readers find them: walking the local headers from the start
 * (streaming readers: POI, DSS, {@code ZipInputStream}) and through the central directory (random-access readers),
 * each entry once. Zips inside entries (an ASiC carrying a .docx, an embedded workbook) are measured too, against the
 * same budget. A damaged archive is measured as far as it can be read and then left to the library to report.
 */
public final class ZipInflationCheck {

    /**
     * @param maxInflatedBytes all entries together, nested packages included
     * @param maxEntries       entries per package (POI and DSS refuse more than 1000 too)
     * @param maxRatio         inflated / compressed size of one entry, checked once it passed {@code ratioFromBytes}
     *                         (POI and DSS refuse 100:1 too; real XML parts compress 5 to 20 times)
     * @param maxDepth         packages inside packages measured (1 = the file itself)
     * @param maxNestedBytes   largest nested package held in memory to measure it
     */
    public record Limits(long maxInflatedBytes, int maxEntries, long maxRatio, long ratioFromBytes, int maxDepth,
                         int maxNestedBytes) {

        /**
         * What is wrong, if anything, once entry {@code name} has produced {@code produced} bytes from {@code read}
         * compressed ones and all entries together {@code total}: the one rule of the check and of {@link ZipEntries}.
         */
        Optional<String> overrun(String name, long total, long produced, long read) {
            if (total > maxInflatedBytes) {
                return Optional.of("inflates to more than " + maxInflatedBytes + " bytes (at " + name + ")");
            }
            if (produced > ratioFromBytes && produced > maxRatio * Math.max(1, read)) {
                return Optional.of(name + " inflates more than " + maxRatio + " times its compressed size (a zip bomb)");
            }
            return Optional.empty();
        }
    }

    /**
     * 256 MB inflated: above what the gateway's heap lets POI parse anyway (its DOM of a 256 MB part needs gigabytes),
     * and inflating that much costs about a third of a second.
     */
    public static final Limits DEFAULT = new Limits(256L * 1024 * 1024, 1000, 100, 1024 * 1024, 3, 64 * 1024 * 1024);

    /** A package whose first four bytes say "zip inside". */
    private static final int NESTED_MAGIC = ZipRecords.LOCAL_HEADER;

    private ZipInflationCheck() {}

    /** Says what exceeds the default budget, if anything does. */
    public static Optional<String> tooLarge(byte[] zip) {
        return tooLarge(zip, DEFAULT);
    }

    /** Says what exceeds {@code limits}, if anything does: the first entry or count found over them. */
    public static Optional<String> tooLarge(byte[] zip, Limits limits) {
        Measure measure = new Measure(limits);
        try {
            measure.pack(zip, "", 1);
            return Optional.empty();
        } catch (OverBudget e) {
            return Optional.of(e.getMessage());
        } finally {
            measure.inflater.end();
        }
    }

    /** Thrown inside the measuring to stop at the first finding. */
    private static final class OverBudget extends Exception {
        OverBudget(String message) {
            super(message, null, false, false);
        }
    }

    /** One measuring run: the budget left and one inflater reused for every entry. */
    private static final class Measure {
        private final Limits limits;
        private final Inflater inflater = new Inflater(true); // zip entries are raw deflate data
        private final byte[] scratch = new byte[64 * 1024];
        private long inflatedTotal;
        /** When set, the local entries of the top-level package are collected, up to {@code maxNames}. */
        private List<ZipEntries.Entry> names;
        private int maxNames;

        Measure(Limits limits) {
            this.limits = limits;
        }

        /** Measures one package (the file, or a package nested {@code depth - 1} levels inside it). */
        void pack(byte[] zip, String path, int depth) throws OverBudget {
            Optional<ZipRecords.CentralDirectory> directory = ZipRecords.centralDirectory(zip, limits.maxEntries() + 1);
            Map<Long, ZipRecords.CentralEntry> byOffset = new HashMap<>();
            if (directory.isPresent()) {
                Optional<String> over = overByDirectory(directory.get(), limits, inflatedTotal, path);
                if (over.isPresent()) {
                    throw new OverBudget(over.get());
                }
                directory.get().entries().forEach(e -> byOffset.putIfAbsent(e.localHeaderOffset(), e));
            }
            Set<Long> measured = new HashSet<>();
            // Streaming readers: local header after local header, each entry's data ending where its deflate stream
            // ends (its sizes may only follow the data).
            long at = 0;
            int entries = 0;
            Optional<ZipRecords.LocalHeader> header;
            while ((header = ZipRecords.localHeaderAt(zip, at)).isPresent() && measured.add(at)) {
                if (names != null) {
                    if (names.size() >= maxNames) {
                        return;
                    }
                    ZipRecords.LocalHeader h = header.get();
                    names.add(new ZipEntries.Entry(h.name(), h.method(), h.compressedSize(), h.size(), at));
                }
                if (++entries > limits.maxEntries()) {
                    throw new OverBudget(path + "more than " + limits.maxEntries() + " entries");
                }
                long end = entry(zip, header.get(), byOffset.get(at), path, depth);
                if (end < 0) {
                    break; // damaged or of unknown length here: streaming readers stop here too
                }
                at = afterDescriptor(zip, end, header.get());
            }
            // Random-access readers: what the central directory points at and the walk did not reach.
            for (ZipRecords.CentralEntry listed : directory.map(ZipRecords.CentralDirectory::entries).orElse(List.of())) {
                if (measured.add(listed.localHeaderOffset())) {
                    Optional<ZipRecords.LocalHeader> local = ZipRecords.localHeaderAt(zip, listed.localHeaderOffset());
                    if (local.isPresent()) {
                        entry(zip, local.get(), listed, path, depth);
                    }
                }
            }
        }

        /**
         * Measures one entry: its inflated bytes count against the budget; a nested package is measured in turn.
         * Returns where the entry's data ends, or -1 when that cannot be told (damaged, truncated, encrypted
         * without sizes).
         */
        private long entry(byte[] zip, ZipRecords.LocalHeader header, ZipRecords.CentralEntry listed, String path,
                           int depth) throws OverBudget {
            String name = path + header.name();
            long declaredSize = header.size() != ZipRecords.UNKNOWN ? header.size()
                    : listed != null ? listed.size() : ZipRecords.UNKNOWN;
            long declaredCompressed = header.compressedSize() != ZipRecords.UNKNOWN ? header.compressedSize()
                    : listed != null ? listed.compressedSize() : ZipRecords.UNKNOWN;
            if (header.encrypted()) {
                return storedEnd(zip, header, declaredCompressed); // cannot be inflated by anyone without the password
            }
            if (header.method() == ZipRecords.STORED) {
                long end = storedEnd(zip, header, declaredCompressed);
                if (end >= 0) {
                    int length = (int) (end - header.dataStart());
                    charge(name, length, 0, length);
                    if (depth < limits.maxDepth() && startsWithZip(zip, (int) header.dataStart(), length)) {
                        byte[] nested = java.util.Arrays.copyOfRange(zip, (int) header.dataStart(), (int) end);
                        pack(nested, name + "!/", depth + 1);
                    }
                }
                return end;
            }
            if (header.method() != ZipRecords.DEFLATED) {
                // POI's reader (commons-compress) inflates more methods than these two; no Office or ODF writer uses them.
                throw new OverBudget(name + ": compression method " + header.method() + " is not accepted");
            }
            return inflate(zip, header, name, declaredSize, depth);
        }

        /** Inflates one deflated entry, counting; returns where its deflate data ends (-1: damaged or truncated). */
        private long inflate(byte[] zip, ZipRecords.LocalHeader header, String name, long declaredSize, int depth)
                throws OverBudget {
            int start = (int) header.dataStart();
            inflater.reset();
            inflater.setInput(zip, start, zip.length - start);
            long inflated = 0;
            // Kept only when the entry is itself a zip (its first four bytes say so) and may be measured in turn.
            ByteArrayOutputStream kept = depth < limits.maxDepth() ? new ByteArrayOutputStream() : null;
            ByteArrayOutputStream nested = null;
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(scratch);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return -1; // truncated
                    }
                    int copied = 0;
                    if (kept != null) {
                        copied = Math.min(n, 4 - kept.size());
                        kept.write(scratch, 0, copied);
                        if (kept.size() == 4) {
                            nested = ZipRecords.intAt(kept.toByteArray(), 0) == NESTED_MAGIC ? kept : null;
                            kept = null;
                        }
                    }
                    inflated += n;
                    if (declaredSize != ZipRecords.UNKNOWN && inflated > declaredSize) {
                        throw new OverBudget(name + " inflates beyond the " + declaredSize + " bytes its zip records declare");
                    }
                    charge(name, n, inflated, inflater.getBytesRead());
                    if (nested != null) {
                        if (inflated > limits.maxNestedBytes()) {
                            throw new OverBudget(name + ": a package inside of more than " + limits.maxNestedBytes()
                                    + " bytes");
                        }
                        nested.write(scratch, copied, n - copied);
                    }
                }
            } catch (DataFormatException e) {
                return -1; // not deflate data: what inflated before the damage is counted, the library reports it
            }
            long end = start + inflater.getBytesRead(); // read before the nested package reuses the inflater
            if (nested != null) {
                pack(nested.toByteArray(), name + "!/", depth + 1);
            }
            return end;
        }

        /** Counts {@code n} more bytes of entry {@code name}, which has now inflated {@code inflated} from {@code read}. */
        private void charge(String name, long n, long inflated, long read) throws OverBudget {
            inflatedTotal += n;
            Optional<String> overrun = limits.overrun(name, inflatedTotal, inflated, read);
            if (overrun.isPresent()) {
                throw new OverBudget(overrun.get());
            }
        }

        private static long storedEnd(byte[] zip, ZipRecords.LocalHeader header, long compressed) {
            if (compressed == ZipRecords.UNKNOWN || header.dataStart() + compressed > zip.length) {
                return -1;
            }
            return header.dataStart() + compressed;
        }

        private static boolean startsWithZip(byte[] zip, int from, int length) {
            return length >= 4 && ZipRecords.intAt(zip, from) == NESTED_MAGIC;
        }

        /**
         * After an entry whose sizes follow its data: the data descriptor (CRC and the two sizes, 4 or 8 bytes each,
         * optionally signed), recognised by the record that must follow it.
         */
        private static long afterDescriptor(byte[] zip, long end, ZipRecords.LocalHeader header) {
            if (!header.sizesAfterData()) {
                return end;
            }
            for (long length : new long[] {16, 12, 24, 20}) {
                long next = end + length;
                if (next <= zip.length - 4 && (length % 8 == 4) == !hasSignature(zip, end)) {
                    int record = ZipRecords.intAt(zip, (int) next);
                    if (record == ZipRecords.LOCAL_HEADER || record == ZipRecords.CENTRAL_HEADER) {
                        return next;
                    }
                }
            }
            return end + (hasSignature(zip, end) ? 16 : 12);
        }

        private static boolean hasSignature(byte[] zip, long at) {
            return at <= zip.length - 4 && ZipRecords.intAt(zip, (int) at) == ZipRecords.DATA_DESCRIPTOR;
        }
    }

    /**
     * What the central directory alone shows to be over {@code limits} (too many entries, declared sizes over what is
     * left of the budget after {@code inflatedSoFar}), if anything; {@code path} names a nested package.
     */
    static Optional<String> overByDirectory(ZipRecords.CentralDirectory directory, Limits limits, long inflatedSoFar,
                                            String path) {
        if (directory.declaredEntries() > limits.maxEntries() || directory.declaredEntries() < 0
                || directory.entries().size() > limits.maxEntries()) {
            return Optional.of(path + "the central directory lists " + directory.declaredEntries()
                    + " entries, more than " + limits.maxEntries());
        }
        long declared = 0;
        for (ZipRecords.CentralEntry e : directory.entries()) {
            declared += Math.max(0, e.size());
            if (e.size() < 0 || declared > limits.maxInflatedBytes() - inflatedSoFar) {
                return Optional.of(path + "entries declare more than " + limits.maxInflatedBytes() + " bytes inflated");
            }
        }
        return Optional.empty();
    }

    /**
     * The names of a package's first {@code max} entries in local-header order, for a package without a readable central
     * directory (damaged, truncated): entries whose sizes follow their data are inflated to find their end, within the
     * default budget; the walk stops at the first finding or damage.
     */
    static List<String> localEntryNames(byte[] zip, int max) {
        return localEntries(zip, max).stream().map(ZipEntries.Entry::name).toList();
    }

    /**
     * A package's first {@code max} entries in local-header order, for a package without a readable central directory
     * (sizes a local header leaves to its data descriptor are {@code -1}); found as {@link #localEntryNames} finds them.
     */
    static List<ZipEntries.Entry> localEntries(byte[] zip, int max) {
        Measure measure = new Measure(DEFAULT);
        measure.names = new ArrayList<>();
        measure.maxNames = max;
        try {
            measure.pack(zip, "", DEFAULT.maxDepth()); // at the deepest level: nothing nested is opened
        } catch (OverBudget e) {
            // the names seen before the finding are still the package's first names
        } finally {
            measure.inflater.end();
        }
        return measure.names;
    }
}
