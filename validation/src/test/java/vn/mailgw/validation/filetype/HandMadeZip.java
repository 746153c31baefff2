package vn.mailgw.validation.filetype;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip packages record by record (PKWARE APPNOTE 4.3), including what no zip library writes: sizes that lie,
 * entries the central directory does not list (or lists twice), a directory that miscounts, unknown methods.
 * ZipOutputStream would also deflate a gigabyte again where this takes the deflated bytes as they are.
 */
public final class HandMadeZip {

    public static final int STORED = 0;
    public static final int DEFLATED = 8;
    /** General purpose flag bit 3: CRC and sizes follow the data (in a data descriptor). */
    public static final int SIZES_AFTER_DATA = 1 << 3;

    /**
     * One entry as written: {@code data} are the bytes stored in the archive (already deflated for DEFLATED);
     * {@code size} and {@code compressedSize} are what the records declare.
     */
    public record Entry(String name, int method, byte[] data, long size, long compressedSize, long crc, int flags,
                        boolean listed) {
        public Entry withDeclaredSize(long declared) {
            return new Entry(name, method, data, declared, compressedSize, crc, flags, listed);
        }

        public Entry withSizesAfterData() {
            return new Entry(name, method, data, size, compressedSize, crc, flags | SIZES_AFTER_DATA, listed);
        }

        /** Present in the local headers only; random-access readers never see it. */
        public Entry unlisted() {
            return new Entry(name, method, data, size, compressedSize, crc, flags, false);
        }

        public Entry withMethod(int other) {
            return new Entry(name, other, data, size, compressedSize, crc, flags, listed);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private int listedEntries;

    public static Entry stored(String name, byte[] content) {
        return new Entry(name, STORED, content, content.length, content.length, crc(content), 0, true);
    }

    public static Entry stored(String name, String text) {
        return stored(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Entry deflated(String name, byte[] content) {
        byte[] raw = deflate(content, 1);
        return new Entry(name, DEFLATED, raw, content.length, raw.length, crc(content), 0, true);
    }

    public static Entry deflated(String name, String text) {
        return deflated(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry of {@code size} zero bytes deflated (about 1 kB per MB), sizes declared honestly. */
    public static Entry zeros(String name, long size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        byte[] buffer = new byte[64 * 1024];
        CRC32 crc = new CRC32();
        for (long left = size; left > 0; left -= block.length) {
            int n = (int) Math.min(left, block.length);
            crc.update(block, 0, n);
            deflater.setInput(block, 0, n);
            while (!deflater.needsInput()) {
                raw.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            raw.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] data = raw.toByteArray();
        return new Entry(name, DEFLATED, data, size, data.length, crc.getValue(), 0, true);
    }

    public HandMadeZip add(Entry... entries) {
        for (Entry e : entries) {
            write(e);
        }
        return this;
    }

    /** The archive with its central directory, counting the listed entries honestly. */
    public byte[] finish() {
        return finish(listedEntries);
    }

    /** The archive with a central directory whose end record declares {@code declaredEntries}. */
    public byte[] finish(int declaredEntries) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        int start = all.size();
        byte[] directory = central.toByteArray();
        all.writeBytes(directory);
        le(all, 0x06054b50, 4);
        le(all, 0, 4);
        le(all, declaredEntries, 2);
        le(all, declaredEntries, 2);
        le(all, directory.length, 4);
        le(all, start, 4);
        le(all, 0, 2);
        return all.toByteArray();
    }

    /** Local entries only, as a stream cut before its central directory leaves them. */
    public byte[] finishWithoutDirectory() {
        return out.toByteArray();
    }

    private void write(Entry e) {
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        boolean after = (e.flags() & SIZES_AFTER_DATA) != 0;
        int offset = out.size();
        le(out, 0x04034b50, 4);
        le(out, 20, 2);
        le(out, e.flags() | (1 << 11), 2);
        le(out, e.method(), 2);
        le(out, 0, 4);
        le(out, after ? 0 : e.crc(), 4);
        le(out, after ? 0 : e.compressedSize(), 4);
        le(out, after ? 0 : e.size(), 4);
        le(out, name.length, 2);
        le(out, 0, 2);
        out.writeBytes(name);
        out.writeBytes(e.data());
        if (after) {
            le(out, 0x08074b50, 4);
            le(out, e.crc(), 4);
            le(out, e.compressedSize(), 4);
            le(out, e.size(), 4);
        }
        if (!e.listed()) {
            return;
        }
        le(central, 0x02014b50, 4);
        le(central, 20, 2);
        le(central, 20, 2);
        le(central, e.flags() | (1 << 11), 2);
        le(central, e.method(), 2);
        le(central, 0, 4);
        le(central, e.crc(), 4);
        le(central, e.compressedSize(), 4);
        le(central, e.size(), 4);
        le(central, name.length, 2);
        le(central, 0, 2 + 2 + 2 + 2 + 4); // extra, comment, disk, internal (2 each) and external attributes (4)
        le(central, offset, 4);
        central.writeBytes(name);
        listedEntries++;
    }

    public static byte[] deflate(byte[] content, int level) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            raw.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return raw.toByteArray();
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
