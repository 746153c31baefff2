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
        for (String sql : counterUpserts("audit_pending")) {
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
        List<String> counters = counterUpserts("moved");
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

    /**
     * Adds the records of {@code source} to the day counters: the same sums {@link ReportCounters#recount} computes,
     * added to what is there. Rows are written in key order so two PostgreSQL nodes lock shared rows in one order.
     */
    private static List<String> counterUpserts(String source) {
        String day = ReportCounters.DAY_SQL;
        return List.of("INSERT INTO audit_daily_count (day, agency, kind, outcome, verdict, records)"
                        + " SELECT " + day + ", COALESCE(agency, ''), kind, COALESCE(outcome, ''), COALESCE(verdict, ''),"
                        + " COUNT(*) FROM " + source + " WHERE true GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
                        + " ON CONFLICT (day, agency, kind, outcome, verdict)"
                        + " DO UPDATE SET records = audit_daily_count.records + excluded.records",
                "INSERT INTO audit_daily_refusal"
                        + " (day, envelope_sender, agency, refusals, free_mail, first_at, last_at)"
                        + " SELECT " + day + ", envelope_sender, MAX(agency), COUNT(*), SUM(" + ReportCounters.FREE_MAIL_SQL
                        + "), MIN(recorded_at), MAX(recorded_at) FROM " + source
                        + " WHERE kind = 'MESSAGE' AND outcome = 'REFUSED' GROUP BY 1, 2 ORDER BY 1, 2"
                        + " ON CONFLICT (day, envelope_sender) DO UPDATE SET"
                        + " refusals = audit_daily_refusal.refusals + excluded.refusals,"
                        + " free_mail = audit_daily_refusal.free_mail + excluded.free_mail,"
                        + " first_at = CASE WHEN excluded.first_at < audit_daily_refusal.first_at"
                        + " THEN excluded.first_at ELSE audit_daily_refusal.first_at END,"
                        + " last_at = CASE WHEN excluded.last_at > audit_daily_refusal.last_at"
                        + " THEN excluded.last_at ELSE audit_daily_refusal.last_at END,"
                        + " agency = CASE WHEN excluded.agency IS NULL THEN audit_daily_refusal.agency"
                        + " WHEN audit_daily_refusal.agency IS NULL OR excluded.agency > audit_daily_refusal.agency"
                        + " THEN excluded.agency ELSE audit_daily_refusal.agency END");
    }
}
