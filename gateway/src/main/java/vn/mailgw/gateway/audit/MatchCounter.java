package vn.mailgw.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How many records an auditor's search matches ({@link AuditStore#countMatches}), in SQL that reads at most
 * {@link MatchCount#CAP} + 1 matching rows and stops at its {@link CountDeadline}. Free text is the hard part: a
 * text's frequency decides whether the newest rows or the text index find the matches cheaply, so a small sample of the
 * newest rows decides the way (see {@link #count}). Its SQL reads the same filters as a search's page ({@link SearchSql}).
 */
final class MatchCounter {

    /**
     * Free text: how many of the newest rows passing the other filters a count reads when the newest
     * {@link JdbcAuditStore#TEXT_PROBE_ROWS} say the text is that common (SQLite: ~45 ms on 1 M records, bench/audit).
     */
    static final int COUNT_PROBE_ROWS = 50_000;

    private final SqlDialect dialect;
    private int countSampleRows = SearchSql.TEXT_PROBE_ROWS;
    private int countProbeRows = COUNT_PROBE_ROWS;

    MatchCounter(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The count of {@code q} over audit_record, whose filters other than free text are {@code where} with
     * {@code filterArgs}; inside the caller's transaction on {@code c}. Stopped by {@code deadline}: "at least".
     */
    MatchCount count(Connection c, CountDeadline deadline, AuditQuery q, String where, List<Object> filterArgs)
            throws SQLException {
        try {
            return countWithin(c, deadline, q, where, filterArgs);
        } catch (BudgetSpent e) {
            return MatchCount.atLeast(e.counted, deadline.budget());
        }
    }

    private MatchCount countWithin(Connection c, CountDeadline deadline, AuditQuery q, String where,
                                   List<Object> filterArgs) throws SQLException, BudgetSpent {
        int stopAt = MatchCount.CAP + 1;
        if (q.text() == null) {
            return MatchCount.ofCapped(numbers(c, deadline, "SELECT COUNT(*) FROM (SELECT 1 FROM audit_record a" + where
                    + " LIMIT ?) capped", concat(filterArgs, stopAt))[0]);
        }
        String pattern = "%" + SearchSql.escapeLike(q.text()) + "%";
        String like = " AND a.search_text LIKE ? ESCAPE '!'";
        // The newest rows passing the other filters tell how common the text is (and are all of them when the filters
        // are narrow, a sender's): a text on a fifth of the records or more (a signer on every signed document)
        // reaches the cap within the newest COUNT_PROBE_ROWS, far cheaper than its index entries (both stores).
        List<Object> sampleArgs = new ArrayList<>();
        sampleArgs.add(pattern);
        sampleArgs.addAll(filterArgs);
        sampleArgs.add(countSampleRows);
        String newestRows = "SELECT a.search_text FROM audit_record a" + where + SearchSql.NEWEST_FIRST + " LIMIT ?";
        long[] sample = numbers(c, deadline, "SELECT COUNT(*), SUM(CASE WHEN search_text LIKE ? ESCAPE '!' THEN 1"
                + " ELSE 0 END) FROM (" + newestRows + ") newest", sampleArgs);
        if (sample[0] < countSampleRows) {
            return MatchCount.exact(sample[1]);
        }
        if (sample[1] * countProbeRows > (long) MatchCount.CAP * countSampleRows) {
            long newest = numbers(c, deadline, "SELECT COUNT(*) FROM (SELECT 1 FROM (" + newestRows + ") newest"
                    + " WHERE search_text LIKE ? ESCAPE '!' LIMIT ?) capped",
                    concat(filterArgs, countProbeRows, pattern, stopAt))[0];
            if (newest > MatchCount.CAP) {
                return MatchCount.moreThanCap();
            }
        }
        if (!SearchSql.usesTextIndex(dialect, q.text())) {
            // PostgreSQL's trigram index answers the LIKE; a text too short for a trigram is matched by LIKE alone.
            // Streamed and counted here, so that a count stopped by its budget still says how many it found.
            return MatchCount.ofCapped(streamedRows(c, deadline, "SELECT 1 FROM audit_record a" + where + like
                    + " LIMIT ?", concat(filterArgs, pattern, stopAt)));
        }
        // From the text index: its message rows in index order, each message's documents and the message itself
        // checked, stopping at the cap. CROSS JOIN keeps SQLite starting from the index (its record_id is not indexed).
        // Streamed and counted here, so that a count stopped by its budget still says how many it found.
        String trigrams = SearchSql.everyTrigram(q.text());
        String documents = "SELECT 1 FROM audit_text t CROSS JOIN audit_record a ON a.parent_id = t.record_id" + where
                + " AND audit_text MATCH ?" + like;
        String messages = "SELECT 1 FROM audit_text t CROSS JOIN audit_record a ON a.id = t.record_id" + where
                + " AND audit_text MATCH ?" + like;
        List<Object> args = concat(filterArgs, trigrams, pattern);
        args.addAll(concat(filterArgs, trigrams, pattern, stopAt));
        return MatchCount.ofCapped(streamedRows(c, deadline, documents + " UNION ALL " + messages + " LIMIT ?", args));
    }


    /** Tests: small samples, so that counts over a small log take the last way too (text index, trigram LIKE). */
    void countSamples(int sampleRows, int probeRows) {
        countSampleRows = sampleRows;
        countProbeRows = probeRows;
    }

    /** The count stopped at its budget, with how many matches it had. */
    private static final class BudgetSpent extends Exception {
        final long counted;

        BudgetSpent(long counted) {
            super(null, null, false, false);
            this.counted = counted;
        }
    }

    /** One row of numbers (aggregates), or {@link BudgetSpent} when the deadline stopped the statement. */
    private long[] numbers(Connection c, CountDeadline deadline, String sql, List<Object> args)
            throws SQLException, BudgetSpent {
        return run(c, deadline, sql, args, () -> 0, rs -> {
            rs.next();
            long[] row = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getLong(i + 1);
            }
            return row;
        });
    }

    /** Counts {@code sql}'s rows one by one, so that a count stopped by the deadline keeps what it counted. */
    private long streamedRows(Connection c, CountDeadline deadline, String sql, List<Object> args)
            throws SQLException, BudgetSpent {
        long[] rows = {0};
        return run(c, deadline, sql, args, () -> rows[0], rs -> {
            while (rs.next()) {
                // The alarm stops a statement that is still looking; this stops one whose rows keep coming.
                if ((++rows[0] & 255) == 0 && deadline.spent()) {
                    throw new SQLException("count budget spent");
                }
            }
            return rows[0];
        });
    }

    private interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs one statement of a count under its deadline; {@code counted}: what the count has when it is stopped. */
    private <T> T run(Connection c, CountDeadline deadline, String sql, List<Object> args,
                      java.util.function.LongSupplier counted, RowsReader<T> reader)
            throws SQLException, BudgetSpent {
        if (deadline.spent()) {
            throw new BudgetSpent(counted.getAsLong());
        }
        if (dialect == SqlDialect.POSTGRES) {
            // The server stops the statement itself at the deadline: a cancel from here needs a new connection to
            // the server first (25-50 ms late under load, bench/audit). The alarm stays as the second line.
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + deadline.millisLeft());
            }
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            deadline.running(p);
            try (ResultSet rs = p.executeQuery()) {
                return reader.read(rs);
            } catch (SQLException e) {
                if (deadline.spent()) {
                    throw new BudgetSpent(counted.getAsLong());
                }
                throw e;
            } finally {
                deadline.running(null);
            }
        }
    }

    private static List<Object> concat(List<Object> first, Object... more) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
