package vn.mailgw.gateway.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Moves acknowledged records from {@code audit_pending} into the searched table {@code audit_record}, with what
 * search and reports derive from them: the free-text rows (SQLite FTS5; PostgreSQL's trigram index is on
 * audit_record itself), one row per recipient and the day counters (see {@link ReportCounters}). Migration V5
 * explains why: the commit a 250 waits for writes only the chained records into a small table; this later
 * transaction does the index work for many groups at once and needs no fsync of its own (if it is lost in a crash,
 * the records are still pending and the next start moves them again).
 *
 * <p>All of it is SQL run inside the database (no row goes through JDBC twice), in the caller's transaction.
 */
final class SearchIndexer {

    static final String COLUMNS = "id, node_id, seq, kind, parent_id, recorded_at, queue_id, message_id,"
            + " envelope_sender, header_from, recipients, client_ip, helo, size_bytes, auth_results, agency, profile,"
            + " outcome, smtp_reply, verdict, reason_codes, document_name, document_sha256, file_type, document_type,"
            + " rules_applied, signatures, errors, prev_hash, hash, search_text";

    private SearchIndexer() {}

    /** Moves every pending record (all nodes) in the caller's open transaction; returns how many it moved. */
    static int movePending(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            return dialect == SqlDialect.SQLITE ? moveSqlite(s) : movePostgres(s);
        }
    }

    /** SQLite: the transaction holds the file's write lock, so nothing is added to the pending table meanwhile. */
    private static int moveSqlite(Statement s) throws SQLException {
        s.executeUpdate("INSERT INTO audit_record (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM audit_pending ORDER BY node_id, seq");
        s.executeUpdate("INSERT INTO audit_text (record_id, search_text) SELECT id, search_text FROM audit_pending");
        s.executeUpdate("INSERT INTO audit_recipient (record_id, recipient, recorded_at)"
                + " SELECT DISTINCT p.id, r.value, p.recorded_at FROM audit_pending p, json_each(p.recipients) r");
        for (String sql : ReportCounters.addSql("audit_pending")) {
            s.executeUpdate(sql);
        }
        return s.executeUpdate("DELETE FROM audit_pending");
    }

    /**
     * PostgreSQL: several nodes share the pending table and may move at the same time, so the rows moved are exactly
     * the rows this statement deleted (a row another node is deleting is waited for, then skipped): one statement
     * whose parts all read the DELETE's RETURNING.
     */
    private static int movePostgres(Statement s) throws SQLException {
        List<String> counters = ReportCounters.addSql("moved");
        try (var rs = s.executeQuery("WITH moved AS (DELETE FROM audit_pending RETURNING *),"
                + " rec AS (INSERT INTO audit_record (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM moved ORDER BY node_id, seq),"
                + " rcpt AS (INSERT INTO audit_recipient (record_id, recipient, recorded_at)"
                + " SELECT DISTINCT m.id, r.value, m.recorded_at FROM moved m,"
                + " jsonb_array_elements_text(m.recipients::jsonb) AS r(value)),"
                + " cnt AS (" + counters.get(0) + "),"
                + " ref AS (" + counters.get(1) + ")"
                + " SELECT COUNT(*) FROM moved")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * PostgreSQL keeps deleted rows until a vacuum, and autovacuum looks at a table once a minute: the pending table,
     * filled and emptied many times a second, would grow by every record appended meanwhile, and each move scan all
     * of it. A vacuum of the few live rows right after each move keeps it small. Runs outside a transaction.
     */
    static void reclaimPendingSpace(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM audit_pending");
        }
    }

    /** PostgreSQL: merges the trigram index's pending list (new entries) into the index. */
    static void mergeTextIndex(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT gin_clean_pending_list('audit_record_text_trgm'::regclass)");
        }
    }
}
