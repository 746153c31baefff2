package vn.mailgw.gateway.pipeline;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The array {@link ParseMime} reads a message into, one per pipeline thread and reused from message to message.
 *
 * <p>Why: a message with a 1 MB document is a 1.4 MB array, and at a 1 GB heap G1's regions are 1 MB, so a fresh
 * array per message is a humongous allocation, each of which may start a GC cycle (JFR of the verdict load run: most
 * of the gateway phase's collections were "Humongous Allocation"). A reused array is allocated once per thread.
 *
 * <p>Safe to reuse because a pipeline thread runs one message's steps at a time and nothing keeps a view on the
 * array past its message (the attachments are decoded copies; the stamp and delivery read the spool file). The
 * array is longer than the message: every reader is given the message's length and never looks past it, so bytes
 * of an earlier message beyond it are never read. Held softly: under memory pressure the GC may take it back.
 */
final class MessageBuffer {

    /** At least this much, so messages of slightly different sizes do not each grow the array. */
    private static final int MIN_BYTES = 2 * 1024 * 1024;

    private static final ThreadLocal<SoftReference<byte[]>> BUFFER = new ThreadLocal<>();

    private MessageBuffer() {
    }

    /** This thread's array, at least {@code size} bytes long (up to {@link ParseMime#IN_MEMORY_MAX_BYTES}). */
    static byte[] forThisThread(int size) {
        SoftReference<byte[]> held = BUFFER.get();
        byte[] buffer = held == null ? null : held.get();
        if (buffer == null || buffer.length < size) {
            buffer = new byte[(int) Math.min(ParseMime.IN_MEMORY_MAX_BYTES, Math.max(size, MIN_BYTES))];
            BUFFER.set(new SoftReference<>(buffer));
        }
        return buffer;
    }

    /**
     * Reads {@code file} into the start of {@code buffer}, which must be long enough for the whole file (the spool
     * file is complete and no longer written); returns the number of bytes read.
     */
    static int read(Path file, byte[] buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer into = ByteBuffer.wrap(buffer);
            while (into.hasRemaining() && channel.read(into) >= 0) {
                // read until the end of the file
            }
            if (into.position() == buffer.length && channel.position() < channel.size()) {
                throw new IOException(file + " grew while it was read (" + channel.size() + " bytes)");
            }
            return into.position();
        }
    }
}
