package vn.mailgw.gateway.audit;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file every second, on its own thread. SQLite would
 * otherwise do it inside the commit that crosses 1000 WAL pages, and with many indexes a group commit crosses
 * that often, so appends (and the 250s waiting on them) paid for the copy and its fsync. A PASSIVE checkpoint
 * never blocks the writer or readers; durability is unchanged (each commit is fsync'd in the WAL).
 */
final class SqliteCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-checkpoint");
        t.setDaemon(true);
        return t;
    });

    SqliteCheckpointer(ConnectionPool pool) {
        timer.scheduleWithFixedDelay(() -> {
            try (ConnectionPool.Lease lease = pool.borrow(); Statement s = lease.connection().createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException | RuntimeException e) {
                LOG.debug("audit WAL checkpoint skipped: {}", e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
