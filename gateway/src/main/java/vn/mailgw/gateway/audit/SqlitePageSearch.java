package vn.mailgw.gateway.audit;

import static vn.mailgw.gateway.audit.SearchSql.MORE_PROBE_ROWS;
import static vn.mailgw.gateway.audit.SearchSql.NEWEST_FIRST;
import static vn.mailgw.gateway.audit.SearchSql.TEXT_PROBE_ROWS;
import static vn.mailgw.gateway.audit.SearchSql.escapeLike;
import static vn.mailgw.gateway.audit.SearchSql.everyTrigram;
import static vn.mailgw.gateway.audit.SearchSql.filters;
import static vn.mailgw.gateway.audit.SearchSql.withDocuments;

import java.util.ArrayList;
import java.util.List;

/**
 * SQLite: the page of a search (newest first, and one more record to tell whether a next page exists). Free text
 * first looks among the newest rows of the time range, which answers a common text without walking its index
 * entries; a rarer one goes through the FTS5 trigram index (message rows, then their documents), with LIKE keeping
 * the true substrings. PostgreSQL looks the same way, with its own statements ({@link PostgresPageSearch}).
 */
final class SqlitePageSearch {

    private final SearchSql.Rows rows;
    private final String columns;

    SqlitePageSearch(SearchSql.Rows rows, String columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** The page of {@code q}: its {@code limit} newest matches (after its cursor, from its offset) and one more. */
    List<AuditRecord> search(AuditQuery q) {
        SearchSql.Filters f = filters(q, true);
        StringBuilder sql = f.sql();
        List<Object> args = f.args();
        if (q.text() != null && q.offset() == 0) {
            List<AuditRecord> newest = newestContaining(sql.toString(), args, q, TEXT_PROBE_ROWS);
            if (newest.size() > q.limit()) {
                return newest;
            }
            // Some matches, too few for the page: a text on a few per cent of the records (a sender's agency). Read as
            // many newest rows as should hold the page (half again, at most MORE_PROBE_ROWS): a short walk by time
            // instead of sorting its thousands of index hits (2 % of 1 M records: 180 ms, bench/audit).
            long enough = (long) TEXT_PROBE_ROWS * (q.limit() + 1) * 3 / 2 / Math.max(1, newest.size());
            if (!newest.isEmpty() && enough <= MORE_PROBE_ROWS) {
                newest = newestContaining(sql.toString(), args, q, (int) enough);
                if (newest.size() > q.limit()) {
                    return newest;
                }
            }
        }
        if (q.text() != null && SearchSql.usesTextIndex(SqlDialect.SQLITE, q.text())) {
            // The index's message rows, read once (MATERIALIZED), for the messages and for their documents.
            sql.insert(0, "WITH text_hits AS MATERIALIZED (" + SearchSql.TEXT_ROWS + ") SELECT " + columns
                    + " FROM audit_record a");
            args.add(0, everyTrigram(q.text()));
            sql.append(" AND a.id IN (").append(withDocuments("SELECT record_id FROM text_hits")).append(")");
        } else {
            sql.insert(0, "SELECT " + columns + " FROM audit_record a");
        }
        if (q.text() != null) {
            sql.append(" AND search_text LIKE ? ESCAPE '!'");
            args.add("%" + escapeLike(q.text()) + "%");
        }
        sql.append(NEWEST_FIRST).append(" LIMIT ?");
        args.add(q.limit() + 1);
        if (q.offset() > 0) {
            sql.append(" OFFSET ?");
            args.add(q.offset());
        }
        return rows.query(sql.toString(), args);
    }

    /**
     * SQLite, free text: the page from the newest {@code newestRows} rows that pass the other filters. When
     * they hold more matches than the page, those are exactly the page (every other match is older) and a common
     * word (a signer on every document) needs no walk over its hundred thousand index entries; otherwise the
     * caller asks the FTS index.
     */
    private List<AuditRecord> newestContaining(String where, List<Object> filterArgs, AuditQuery q, int newestRows) {
        List<Object> args = new ArrayList<>(filterArgs);
        args.add(newestRows);
        args.add("%" + escapeLike(q.text()) + "%");
        args.add(q.limit() + 1);
        return rows.query("SELECT " + columns + " FROM (SELECT " + columns + ", search_text FROM audit_record a" + where
                + NEWEST_FIRST + " LIMIT ?) WHERE search_text LIKE ? ESCAPE '!'" + NEWEST_FIRST + " LIMIT ?", args);
    }
}
