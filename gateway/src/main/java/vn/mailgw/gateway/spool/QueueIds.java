package vn.mailgw.gateway.spool;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Queue ids: 12 characters, unique within this process, and sortable by creation time as plain
 * strings (so a directory listing or a log grep is in arrival order). The first 9 characters are the
 * millisecond clock, the last 3 a per-millisecond sequence (32768 ids per millisecond), both in
 * Crockford base32, whose alphabet is in ASCII order. When more ids are asked for in one millisecond
 * the generator borrows from the next one instead of repeating.
 */
public final class QueueIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int SEQUENCE_BITS = 15;
    private static final int LENGTH = 12;

    private final LongSupplier clockMillis;
    private final AtomicLong last = new AtomicLong();

    public QueueIds() {
        this(System::currentTimeMillis);
    }

    /** With a given clock, for tests. */
    public QueueIds(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public String next() {
        long candidate = clockMillis.getAsLong() << SEQUENCE_BITS;
        long value = last.updateAndGet(previous -> Math.max(previous + 1, candidate));
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        return new String(out);
    }
}
