package vn.mailgw.gateway.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The SQL both stores' searches and counts are built from: the WHERE clauses of an auditor's filters, the newest-first
 * order, and free text as a LIKE substring (with SQLite's FTS5 trigram query in front of it). Statements only: running
 * them is the store's ({@link Rows}), choosing among them is {@link SqlitePageSearch}, {@link PostgresPageSearch} and
 * {@link MatchCounter}.
 */
final class SearchSql {

    /** Runs a query and reads its records (the store's connection pool). */
    interface Rows {
        List<AuditRecord> query(String sql, List<Object> args);
    }

    private SearchSql() {}

    /** The WHERE clause of every filter but free text; a search's page also starts after its cursor, a count does not. */
    static Filters filters(AuditQuery q, boolean withCursor) {
        Filters f = timeFilters(q, withCursor);
        Filters values = valueFilters(q);
        f.sql().append(values.sql(), " WHERE 1 = 1".length(), values.sql().length());
        f.args().addAll(values.args());
        return f;
    }

    /** The WHERE clause of the time range and, {@code withCursor}, the keyset cursor: what the time index bounds. */
    static Filters timeFilters(AuditQuery q, boolean withCursor) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at < ?");
            args.add(q.to().toEpochMilli());
        }
        if (withCursor && q.after() != null) {
            // Keyset pagination: the page after the last row shown, by the time index, whatever the page number.
            // "recorded_at <= t" alone bounds the index range (PostgreSQL scanned from the newest row with the
            // equivalent "recorded_at < t OR (recorded_at = t AND id < i)"); the second part breaks ties.
            sql.append(" AND recorded_at <= ? AND (recorded_at < ? OR id < ?)");
            args.add(q.after().recordedAt());
            args.add(q.after().recordedAt());
            args.add(q.after().id());
        }
        return new Filters(sql, args);
    }

    /** The WHERE clause of the filters on a record's values (sender, recipient, agency, verdict, type, kind). */
    static Filters valueFilters(AuditQuery q) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.sender() != null) {
            // Two indexed equalities instead of one OR, so each side can use its index.
            sql.append(" AND (envelope_sender = ? OR header_from = ?)");
            args.add(q.sender());
            args.add(q.sender());
        }
        if (q.recipient() != null) {
            // IN (not EXISTS) lets the database start from the recipient index instead of walking every record.
            // Only messages have recipient rows (V6); a document has its message's recipients: found by parent_id.
            sql.append(" AND a.id IN (").append(withDocuments(RECIPIENT_ROWS)).append(")");
            args.add(q.recipient());
            args.add(q.recipient());
        }
        if (q.agency() != null) {
            sql.append(" AND agency = ?");
            args.add(q.agency());
        }
        if (q.verdict() != null) {
            sql.append(" AND verdict = ?");
            args.add(q.verdict());
        }
        if (q.documentType() != null) {
            // One indexed equality: an OR over two columns made the planner merge both indexes and sort them all.
            sql.append(" AND document_type = ?");
            args.add(q.documentType());
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(q.kind().name());
        }
        return new Filters(sql, args);
    }

    record Filters(StringBuilder sql, List<Object> args) {}

    static final String RECIPIENT_ROWS = "SELECT r.record_id FROM audit_recipient r WHERE r.recipient = ?";
    static final String TEXT_ROWS = "SELECT record_id FROM audit_text WHERE audit_text MATCH ?";
    /**
     * The ids {@code messageIds} selects and the ids of those messages' documents (through the parent index), as one
     * id list: an {@code OR} of two {@code IN}s instead made PostgreSQL walk the time index testing every record
     * (recipient search over 1.7 M records: p95 820 ms).
     */
    static String withDocuments(String messageIds) {
        return messageIds + " UNION ALL SELECT d.id FROM audit_record d WHERE d.parent_id IN (" + messageIds + ")";
    }

    static final String NEWEST_FIRST = " ORDER BY recorded_at DESC, id DESC";

    /** How many of the newest rows a search reads before it asks an index (SQLite: free text; PostgreSQL: see PostgresPageSearch). */
    static final int TEXT_PROBE_ROWS = 2000;
    /** The most newest rows a second look reads when the first held some matches (SQLite ~20 ms on 1 M records). */
    static final int MORE_PROBE_ROWS = 20_000;

    /**
     * Free text is a substring of the record's search text (LIKE), in both stores, found through a trigram index:
     * PostgreSQL's {@code pg_trgm} GIN index answers the LIKE itself; on SQLite the FTS5 index (V4: no positions)
     * first narrows the records to those whose message's row holds every trigram of the text, then LIKE keeps the true
     * substrings.
     * A text shorter than three characters has no trigram, so it is matched by LIKE alone (same result, no index).
     */
    static boolean usesTextIndex(SqlDialect dialect, String text) {
        return dialect == SqlDialect.SQLITE && text.codePointCount(0, text.length()) >= 3;
    }

    /** FTS5 query for rows holding each distinct 3-character slice of the text: "abc" AND "bcd" AND ... */
    static String everyTrigram(String text) {
        int[] cps = text.codePoints().toArray();
        LinkedHashSet<String> trigrams = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= cps.length; i++) {
            trigrams.add("\"" + new String(cps, i, 3).replace("\"", "\"\"") + "\"");
        }
        return String.join(" AND ", trigrams);
    }

    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
