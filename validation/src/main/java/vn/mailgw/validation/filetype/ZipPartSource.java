package vn.mailgw.validation.filetype;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * POI's view of a package ({@link ZipEntrySource}, for {@code OPCPackage.open(ZipEntrySource)}) backed by
 * {@link ZipEntries}: a part is inflated when POI reads it, as far as POI reads it, within the zip budget. POI's own
 * {@code OPCPackage.open(InputStream)} copies every part into memory first (a 95 MB document.xml: 0.2-2.5 s and
 * ~100 MB of heap before the first part was looked at), and its file-based reader would need the bytes on disk.
 *
 * <p>As POI's stream reader does, a package with two entries of the same name is refused: which one counts would
 * depend on the reader.
 */
public final class ZipPartSource implements ZipEntrySource {

    private final ZipEntries zip;
    private final List<PartEntry> entries;
    private boolean closed;

    public ZipPartSource(ZipEntries zip) throws IOException {
        this.zip = zip;
        Set<String> names = new HashSet<>();
        for (ZipEntries.Entry e : zip.list()) {
            if (!names.add(e.name())) {
                throw new IOException("the package holds more than one entry named " + e.name());
            }
        }
        this.entries = zip.list().stream().map(PartEntry::new).toList();
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return Collections.enumeration(entries);
    }

    /** By exact name first, then ignoring case (OPC part names are case-insensitive), as POI's readers look up. */
    @Override
    public ZipArchiveEntry getEntry(String path) {
        String name = path.replace('\\', '/');
        for (PartEntry e : entries) {
            if (e.getName().equals(name)) {
                return e;
            }
        }
        for (PartEntry e : entries) {
            if (e.getName().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        if (!(entry instanceof PartEntry part)) {
            throw new IOException("not an entry of this package: " + entry.getName());
        }
        return zip.open(part.entry);
    }

    @Override
    public void close() {
        closed = true; // nothing to release: the bytes belong to the caller
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Commons Compress's entry type, which the interface requires, carrying ours. */
    private static final class PartEntry extends ZipArchiveEntry {
        private final ZipEntries.Entry entry;

        PartEntry(ZipEntries.Entry entry) {
            super(entry.name());
            this.entry = entry;
            setMethod(entry.method());
            if (entry.size() >= 0) {
                setSize(entry.size());
            }
            if (entry.compressedSize() >= 0) {
                setCompressedSize(entry.compressedSize());
            }
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
