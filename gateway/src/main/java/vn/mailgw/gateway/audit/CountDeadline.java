package vn.mailgw.gateway.audit;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time budget of one match count. When it is spent, the statement running for the count is cancelled (SQLite
 * interrupts it, PostgreSQL's server stops it) and the count stops with what it has: the auditor's page waits for a
 * count no longer than the budget. Synchronized so that no cancel reaches a statement after {@link #close}, when the
 * connection may already serve someone else.
 */
final class CountDeadline implements AutoCloseable {

    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-count-deadline");
        t.setDaemon(true);
        return t;
    });

    private static final long REPEAT_MS = 5;

    private final Duration budget;
    private final long endNanos;
    private final ScheduledFuture<?> alarm;
    private Statement running;
    private boolean closed;

    CountDeadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
        // Repeated until closed: a cancel that reaches a statement before the database has started it is lost
        // (PostgreSQL's driver ignores it, SQLite's interrupt finds nothing running), so the alarm rings again.
        this.alarm = ALARMS.scheduleAtFixedRate(this::cancelRunning, Math.max(1, budget.toNanos()),
                TimeUnit.MILLISECONDS.toNanos(REPEAT_MS), TimeUnit.NANOSECONDS);
    }

    Duration budget() {
        return budget;
    }

    /** Milliseconds until the deadline, rounded up (at least 1): a server-side timeout never fires before it. */
    long millisLeft() {
        long nanos = endNanos - System.nanoTime();
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    boolean spent() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** The statement the count runs now (null: none); cancelled at once when the budget is already spent. */
    synchronized void running(Statement statement) {
        running = statement;
        if (statement != null && spent()) {
            cancel(statement);
        }
    }

    private synchronized void cancelRunning() {
        if (!closed && running != null) {
            cancel(running);
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // The statement ended meanwhile: nothing to stop.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        running = null;
        alarm.cancel(false);
    }
}
