package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count's deadline stops a statement that is still running, in both databases, and the connection serves the next
 * statement normally (it goes back to the pool afterwards).
 */
class CountDeadlineTest {

    @TempDir
    Path dir;

    /**
     * Runs {@code slow} under a 100 ms deadline; returns how long it ran until it was stopped. {@code late}: the
     * statement is handed over after the deadline, so the first cancel reaches it before it runs (and is lost).
     */
    private static Duration stopped(Connection c, String slow, boolean late) throws Exception {
        long t0 = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement(slow); CountDeadline deadline = new CountDeadline(Duration.ofMillis(100))) {
            if (late) {
                Thread.sleep(150);
            }
            deadline.running(p);
            assertThatThrownBy(() -> {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }).isInstanceOf(SQLException.class);
            assertThat(deadline.spent()).isTrue();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static long one(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1"); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void deadlineShouldInterruptARunningSqliteStatementAndLeaveTheConnectionUsable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("d.sqlite"))) {
            // Counts to a billion: minutes, unless interrupted.
            String slow = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000000000)"
                    + " SELECT COUNT(*) FROM n";
            assertThat(stopped(c, slow, false)).isLessThan(Duration.ofSeconds(5));
            assertThat(one(c)).isEqualTo(1);
            assertThat(stopped(c, slow, true)).isLessThan(Duration.ofSeconds(5));
            assertThat(one(c)).isEqualTo(1);
        }
    }

    @Test
    void deadlineShouldCancelARunningPostgresStatementAndLeaveTheConnectionUsable() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThat(stopped(c, "SELECT pg_sleep(30)", false)).isLessThan(Duration.ofSeconds(5));
            assertThat(one(c)).isEqualTo(1);
            // The first cancel comes before the statement runs; the driver drops it, the alarm rings again.
            assertThat(stopped(c, "SELECT pg_sleep(30)", true)).isLessThan(Duration.ofSeconds(5));
            assertThat(one(c)).isEqualTo(1);
        }
    }

    @Test
    void deadlineShouldNotCancelAnythingAfterItIsClosed() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("e.sqlite"))) {
            CountDeadline deadline = new CountDeadline(Duration.ofMillis(20));
            try (PreparedStatement p = c.prepareStatement("SELECT 1")) {
                deadline.running(p);
                deadline.close();
            }
            Thread.sleep(100); // the alarm's time has passed: it must not reach this connection any more
            try (PreparedStatement p = c.prepareStatement("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                    + " FROM n WHERE x < 300000) SELECT COUNT(*) FROM n"); ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(300000);
            }
        }
    }
}
