package vn.mailgw.gateway.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Moves acknowledged records from {@code audit_pending} into the searched table {@code audit_record}, with what
 * search and reports derive from them: one free-text row per message (SQLite FTS5; PostgreSQL's trigram index is on
 * audit_record itself), one row per recipient of each message (migration V6: a document's recipients are its
 * message's) and the day counters (see {@link ReportCounters}). Migration V5
 * explains why: the commit a 250 waits for writes only the chained records into a small table; this later
 * transaction does the index work for many groups at once. PostgreSQL: it needs no fsync of its own (if it is lost
 * in a crash, the records are still pending and the next start moves them again). SQLite (migration V7): the pending
 * records are in a second file, the chain file, so this transaction and the appends' commits run at the same time;
 * it is fsync'd, because the pending copies are deleted from the chain file afterwards.
 *
 * <p>All of it is SQL run inside the database (no row goes through JDBC twice), in the caller's transaction.
 */
final class SearchIndexer {

    /** A record's columns and its derived search text: what the pending and the searched table both hold. */
    static final String COLUMNS = AuditColumns.COLUMNS + ", search_text";

    private SearchIndexer() {}

    /** Moves every pending record (all nodes) in the caller's open transaction; returns how many it moved. */
    static int movePending(ConnectionPool.Lease lease, SqlDialect dialect) throws SQLException {
        return dialect == SqlDialect.SQLITE ? moveSqlite(lease) : movePostgres(lease);
    }

    /**
     * SQLite, migration V7: the pending records are in the chain file and stay there until a later turn has seen
     * them in audit_record (see {@link #forgetIndexedSqlite}), so what this turn moves is the pending rows not yet in
     * audit_record. The chain file's rows do not change under this transaction (it reads one snapshot of it).
     */
    private static final String NOT_YET_INDEXED = "(SELECT * FROM audit_pending p"
            + " WHERE NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.id = p.id))";

    /**
     * SQLite, migration V6: one free-text row per message, its own and its documents' text, under the message id. A
     * message and its documents are committed together (AuditLog), so they are pending together; a document whose
     * message is not (only possible for other writers) still gets a row under its message's id, which is all the
     * search asks for.
     */
    private static final String TEXT_ROW_PER_MESSAGE = "INSERT INTO audit_text (record_id, search_text)"
            + " SELECT COALESCE(parent_id, id), group_concat(search_text, ' ') FROM " + NOT_YET_INDEXED + " AS n"
            + " GROUP BY COALESCE(parent_id, id)";

    /**
     * SQLite: writes only the index file (the caller's transaction on the indexer's connection holds its write lock;
     * the appends meanwhile commit into the chain file). The derived rows first, the records last: every statement
     * picks the same rows, those not yet in audit_record. The first statement writes, so the transaction takes the
     * index file's write lock before it reads anything there.
     */
    private static int moveSqlite(ConnectionPool.Lease lease) throws SQLException {
        lease.prepared(TEXT_ROW_PER_MESSAGE).executeUpdate();
        // OR IGNORE: a recipient listed twice in one message has one row.
        lease.prepared("INSERT OR IGNORE INTO audit_recipient (recipient, recorded_at, record_id)"
                + " SELECT r.value, p.recorded_at, p.id FROM " + NOT_YET_INDEXED + " AS p, json_each(p.recipients) r"
                + " WHERE p.kind = 'MESSAGE'").executeUpdate();
        for (String sql : ReportCounters.addSql(NOT_YET_INDEXED + " AS n")) {
            lease.prepared(sql).executeUpdate();
        }
        return lease.prepared("INSERT INTO audit_record (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM " + NOT_YET_INDEXED + " AS n ORDER BY node_id, seq").executeUpdate();
    }

    /**
     * SQLite: deletes from the chain file the pending rows an earlier turn indexed. Their index-file commit was
     * fsync'd (synchronous=FULL), so they are durable there; and a reader that looks in audit_pending first and then in
     * audit_record (JdbcAuditStore.find) finds a record in one of them at every moment, because it is in audit_record
     * before it leaves audit_pending. Own transaction (autocommit), on the chain file only.
     */
    static int forgetIndexedSqlite(ConnectionPool.Lease lease) throws SQLException {
        return lease.prepared("DELETE FROM audit_pending"
                + " WHERE EXISTS (SELECT 1 FROM audit_record r WHERE r.id = audit_pending.id)").executeUpdate();
    }

    /**
     * PostgreSQL: several nodes share the pending table and may move at the same time, so the rows moved are exactly
     * the rows this statement deleted (a row another node is deleting is waited for, then skipped): one statement
     * whose parts all read the DELETE's RETURNING.
     */
    private static int movePostgres(ConnectionPool.Lease lease) throws SQLException {
        List<String> counters = ReportCounters.addSql("moved");
        try (var rs = lease.prepared("WITH moved AS (DELETE FROM audit_pending RETURNING *),"
                + " rec AS (INSERT INTO audit_record (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM moved ORDER BY node_id, seq),"
                + " rcpt AS (INSERT INTO audit_recipient (record_id, recipient, recorded_at)"
                + " SELECT DISTINCT m.id, r.value, m.recorded_at FROM moved m,"
                + " jsonb_array_elements_text(m.recipients::jsonb) AS r(value) WHERE m.kind = 'MESSAGE'),"
                + " cnt AS (" + counters.get(0) + "),"
                + " ref AS (" + counters.get(1) + ")"
                + " SELECT COUNT(*) FROM moved").executeQuery()) {
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
