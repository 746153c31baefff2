package vn.mailgw.gateway.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The bytes a delivery sends after the added header fields: a file (the spool file), an array in memory, or a
 * stamped message as the stamp's own bytes around a range of the spool file ({@link Spliced}), which saves writing,
 * reading back and deleting a stamped copy of every message.
 */
public sealed interface MessageContent {

    long size();

    InputStream open() throws IOException;

    /** Appends all the bytes to {@code target} (file to file through the kernel where the bytes are in a file). */
    void writeTo(FileChannel target) throws IOException;

    static MessageContent file(Path file, long size) {
        return new InFile(file, size);
    }

    static MessageContent bytes(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** {@code head}, then {@code file} from {@code from} to {@code to}, then {@code tail}. */
    static MessageContent spliced(byte[] head, Path file, long from, long to, byte[] tail) {
        return new Spliced(head, file, from, to, tail);
    }

    record InFile(Path file, long size) implements MessageContent {
        public InFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void writeTo(FileChannel target) throws IOException {
            transferRange(file, 0, size, target);
        }
    }

    /** Not copied: the producer hands over an array it no longer touches. */
    record InMemory(byte[] bytes) implements MessageContent {
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void writeTo(FileChannel target) throws IOException {
            writeFully(bytes, target);
        }
    }

    /** A message made of bytes in memory around {@code file[from, to)}, which must not change meanwhile. */
    record Spliced(byte[] head, Path file, long from, long to, byte[] tail) implements MessageContent {
        public Spliced {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(tail, "tail");
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range " + from + ".." + to);
            }
        }

        @Override
        public long size() {
            return head.length + (to - from) + tail.length;
        }

        @Override
        public InputStream open() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(from);
            InputStream range = new RangeInputStream(Channels.newInputStream(channel), to - from);
            return new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(head), range, new ByteArrayInputStream(tail))));
        }

        @Override
        public void writeTo(FileChannel target) throws IOException {
            writeFully(head, target);
            transferRange(file, from, to, target);
            writeFully(tail, target);
        }
    }

    private static void writeFully(byte[] bytes, FileChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            target.write(buffer);
        }
    }

    /**
     * Copies {@code file[from, to)} to the end of {@code target} with {@link FileChannel#transferTo}: on Linux the
     * kernel copies file to file, no bytes pass through the Java heap. Fails when the file is shorter than the range.
     */
    private static void transferRange(Path file, long from, long to, FileChannel target) throws IOException {
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = from;
            while (at < to) {
                long n = source.transferTo(at, to - at, target);
                if (n <= 0) { // the file is shorter than the range (never spin on a transfer that makes no progress)
                    throw new IOException(file + ": no bytes at " + at + " of " + to + " (size " + source.size() + ")");
                }
                at += n;
            }
        }
    }
}
