package vn.mailgw.gateway.spool;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message being written to the spool directory as {@code <queueId>.eml}, asynchronously (Vert.x
 * AsyncFile: the writes run on worker threads, never on the event loop). Not thread-safe: used from
 * the owning session's event loop only.
 */
public final class SpoolFile {

    private final Vertx vertx;
    private final Path path;
    private final AsyncFile file;
    /**
     * Bytes are written in pieces of this size (the last one smaller): below the AsyncFile's write queue limit
     * (128 kB), so back-pressure and a failing disk behave as with the small chunks.
     */
    static final int WRITE_BYTES = 64 * 1024;

    /** Bytes appended but not yet written (null until the first append after a write). */
    private Buffer pending;
    /** Every write, so {@link #finish()} waits for all of them and sees any failure. */
    private final List<Future<Void>> writes = new ArrayList<>();
    private Throwable failure;
    /** AsyncFile.close() throws on a closed file, so we remember. */
    private boolean open = true;

    private SpoolFile(Vertx vertx, Path path, AsyncFile file) {
        this.vertx = vertx;
        this.path = path;
        this.file = file;
        file.exceptionHandler(this::noteFailure);
    }

    /** Creates the file; fails if it exists already (CREATE_NEW) or cannot be created. */
    public static Future<SpoolFile> create(Vertx vertx, Path directory, String queueId) {
        Path path = directory.resolve(queueId + ".eml");
        return vertx.fileSystem().open(path.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .map(file -> new SpoolFile(vertx, path, file));
    }

    public Path path() {
        return path;
    }

    /** The first write or close failure, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Appends bytes (copied into the current 64 kB piece, as Vert.x copied each chunk before). Returns true when the write queue is full: the caller
     * pauses its source and resumes it from {@link #whenDrained}.
     */
    public boolean append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    /** Appends {@code bytes[offset, offset + length)}; the bytes are copied before this returns. */
    public boolean append(byte[] bytes, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to) {
            if (pending == null) {
                pending = Buffer.buffer(WRITE_BYTES);
            }
            int n = Math.min(to - from, WRITE_BYTES - pending.length());
            pending.appendBytes(bytes, from, n);
            from += n;
            if (pending.length() == WRITE_BYTES) {
                writePending();
            }
        }
        return file.writeQueueFull();
    }

    /**
     * Writes the collected bytes as one buffer: the chunks arrive in pieces of a few kB, and each write is a task
     * on Vert.x's blocking pool and a system call. The buffer is handed over with the write (which runs later), so
     * the next bytes go to a new one.
     */
    private void writePending() {
        if (pending == null || pending.length() == 0) {
            return;
        }
        Buffer piece = pending;
        pending = null;
        Future<Void> written = file.write(piece);
        written.onFailure(this::noteFailure);
        writes.add(written);
    }

    /** Runs {@code action} once, when the write queue has room again. */
    public void whenDrained(Runnable action) {
        file.drainHandler(v -> {
            file.drainHandler(null);
            action.run();
        });
    }

    /**
     * Waits for every write, then closes. Succeeds only when all bytes were written; a write can
     * fail after its bytes were handed over, so the caller must not judge before this completes.
     */
    public Future<Void> finish() {
        writePending();
        return Future.join(writes)
                .transform(allWritten -> close())
                .transform(closed -> {
                    if (closed.failed()) {
                        noteFailure(closed.cause());
                    }
                    return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
                });
    }

    /** Closes (if still open) and deletes the file; failures to delete are returned, not thrown. */
    public Future<Void> discard() {
        return close().transform(closed -> vertx.fileSystem().delete(path.toString()));
    }

    private Future<Void> close() {
        if (!open) {
            return Future.succeededFuture();
        }
        open = false;
        return file.close();
    }

    private void noteFailure(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }
}
