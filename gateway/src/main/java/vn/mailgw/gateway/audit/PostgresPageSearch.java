package vn.mailgw.gateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: the page of a search (newest first) in statements whose cost the planner cannot misjudge.
 *
 * <p>Why. For {@code ... WHERE <filter> ORDER BY recorded_at DESC, id DESC LIMIT 51} the planner may walk the time
 * index from the newest record and stop at the 51st match; it picks that walk when it believes the filter common.
 * For a free text ({@code LIKE} over search_text) or a sender that belief comes from ANALYZE's random sample, and
 * it is often far off: over the bench database (2.9 M records) a sender's free-mail address on 0.02 % of the records
 * was estimated at 1 % whenever the sample put it among the column's histogram bounds (4 of 300 such addresses after
 * one ANALYZE, 2 of 1000 senders likewise), and as its matches were all older than the newest 2 M records the walk
 * read those 2 M rows: 8.5 s (EXPLAIN ANALYZE; the "stalls" of bench/audit). The other way round, a text on 2 % of
 * the records estimated rare got a trigram bitmap over its 16 000 matches, 145 ms, where the walk takes 10.
 *
 * <p>So the choice is made by looking, as the SQLite store does: first the newest rows of the time range are read,
 * a bounded number ({@link #probeRows}), and filtered; when they hold more than a page of matches, those are the page
 * (every other match is older). Otherwise all matches are fetched through the filters' own indexes and the newest
 * sorted out, ordered by {@code recorded_at + 0}, an order no index gives, so the unbounded walk is not a plan the
 * planner can choose. Filters with an index of their own ordered by time (agency, verdict, document type) and the
 * time range alone keep the one plain statement: their walk reads only matching index entries.
 */
final class PostgresPageSearch {

    /** Newest first, in an order no index gives ("+ 0"): the rows are all read, then sorted. */
    private static final String SORTED_NEWEST_FIRST = " ORDER BY recorded_at + 0 DESC, id DESC";

    private final SearchSql.Rows rows;
    private final String columns;
    private int probeRows = SearchSql.TEXT_PROBE_ROWS;
    private int mostProbeRows = SearchSql.MORE_PROBE_ROWS;

    PostgresPageSearch(SearchSql.Rows rows, String columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** Tests: small probes, so that a small log takes each of the ways too. */
    void probeRows(int first, int most) {
        probeRows = first;
        mostProbeRows = most;
    }

    /** The page of {@code q}: its {@code limit} newest matches (after its cursor, from its offset) and one more. */
    List<AuditRecord> search(AuditQuery q) {
        if (!plannerMayWalk(q)) {
            return plain(q);
        }
        if (q.offset() == 0) {
            // An export's page (up to 10 000 records) needs a longer look than the web page's 50: a common text's
            // export would otherwise sort all its matches (a signer on 30 % of 2.9 M records: 4.4 s).
            int first = (int) Math.max(probeRows, 4L * (q.limit() + 1));
            long most = Math.max(mostProbeRows, 10L * first);
            List<AuditRecord> newest = newestContaining(q, first);
            if (newest.size() > q.limit()) {
                return newest;
            }
            // Some matches, too few for the page (a text on a few per cent of the records): read as many newest rows
            // as should hold the page, half again, when that is still a short walk.
            long enough = (long) first * (q.limit() + 1) * 3 / 2 / Math.max(1, newest.size());
            if (!newest.isEmpty() && enough <= most) {
                newest = newestContaining(q, (int) enough);
                if (newest.size() > q.limit()) {
                    return newest;
                }
            }
        }
        return allMatchesSorted(q);
    }

    /**
     * Free text, sender and recipient have no index ordered by time, and their planner estimates come from a sample:
     * the filters for which the planner may choose the unbounded walk.
     */
    static boolean plannerMayWalk(AuditQuery q) {
        return q.text() != null || q.sender() != null || q.recipient() != null;
    }

    private List<AuditRecord> plain(AuditQuery q) {
        SearchSql.Filters f = SearchSql.filters(q, true);
        List<Object> args = new ArrayList<>(f.args());
        return rows.query("SELECT " + columns + " FROM audit_record a" + f.sql() + SearchSql.NEWEST_FIRST
                + limitAndOffset(q, args), args);
    }

    /**
     * The matches among the newest {@code n} rows of the time range (after the cursor): the inner LIMIT bounds the
     * walk, the other filters and the text apply outside it (inside, the planner could again walk past n rows). The
     * outer order is by "+ 0" too: in the inner rows' own order the planner joined a recipient's rows by a nested
     * loop that stops at the page, 2000 x 800 comparisons (600 ms); sorting at most n rows costs nothing.
     */
    private List<AuditRecord> newestContaining(AuditQuery q, int n) {
        SearchSql.Filters time = SearchSql.timeFilters(q, true);
        SearchSql.Filters values = SearchSql.valueFilters(withoutRecipient(q));
        List<Object> args = new ArrayList<>(time.args());
        args.add(n);
        args.addAll(values.args());
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM (SELECT ").append(columns)
                .append(", search_text FROM audit_record a").append(time.sql()).append(SearchSql.NEWEST_FIRST)
                .append(" LIMIT ?) a").append(values.sql());
        if (q.recipient() != null) {
            // Row by row through the recipient table's key (a document has its message's recipients, V6): the id
            // list of the other statements would first collect every record of the recipient (on every message:
            // ubnd@..., a million).
            sql.append(" AND EXISTS (SELECT 1 FROM audit_recipient r WHERE r.record_id = COALESCE(a.parent_id, a.id)"
                    + " AND r.recipient = ?)");
            args.add(q.recipient());
        }
        appendText(q, sql, args);
        sql.append(SORTED_NEWEST_FIRST).append(" LIMIT ?");
        args.add(q.limit() + 1);
        return rows.query(sql.toString(), args);
    }

    private static AuditQuery withoutRecipient(AuditQuery q) {
        return new AuditQuery(q.from(), q.to(), q.sender(), null, q.agency(), q.verdict(), q.documentType(), q.text(),
                q.kind(), q.limit(), q.offset(), q.after());
    }

    /** Every match through the filters' indexes, then the newest: "+ 0" keeps the time index out of the ordering. */
    private List<AuditRecord> allMatchesSorted(AuditQuery q) {
        SearchSql.Filters f = SearchSql.filters(q, true);
        List<Object> args = new ArrayList<>(f.args());
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM audit_record a").append(f.sql());
        appendText(q, sql, args);
        sql.append(SORTED_NEWEST_FIRST);
        return rows.query(sql + limitAndOffset(q, args), args);
    }

    private static void appendText(AuditQuery q, StringBuilder sql, List<Object> args) {
        if (q.text() != null) {
            sql.append(" AND search_text LIKE ? ESCAPE '!'");
            args.add("%" + SearchSql.escapeLike(q.text()) + "%");
        }
    }

    private static String limitAndOffset(AuditQuery q, List<Object> args) {
        args.add(q.limit() + 1);
        if (q.offset() > 0) {
            args.add(q.offset());
            return " LIMIT ? OFFSET ?";
        }
        return " LIMIT ?";
    }
}
