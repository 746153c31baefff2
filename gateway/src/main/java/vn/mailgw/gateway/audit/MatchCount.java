package vn.mailgw.gateway.audit;

import java.util.Locale;

/**
 * How many records a search matches: exact up to {@link #CAP}, beyond it only "more than CAP". Counting stops at the
 * cap so a broad search over millions of records costs no more than reading CAP + 1 index entries (the auditor's
 * search answers in under 200 ms at p95, count included, issue 6). The cap equals {@link AuditQuery#MAX_LIMIT}, the
 * most one export holds: an exact count tells the auditor the export is complete, "more than" that it is not.
 *
 * @param value the number of matching records, or {@link #CAP} when there are more
 * @param exact false when more than {@code value} records match
 */
public record MatchCount(long value, boolean exact) {

    public static final int CAP = AuditQuery.MAX_LIMIT;

    public MatchCount {
        if (value < 0 || value > CAP) {
            throw new IllegalArgumentException("a match count is 0.." + CAP + ": " + value);
        }
        if (!exact && value != CAP) {
            throw new IllegalArgumentException("only a count at the cap can be inexact: " + value);
        }
    }

    /** The count from a query that read at most {@code CAP + 1} matching rows. */
    static MatchCount ofCapped(long rowsRead) {
        return rowsRead > CAP ? new MatchCount(CAP, false) : new MatchCount(rowsRead, true);
    }

    /** True when every match fits in one export. */
    public boolean fitsOneExport() {
        return exact;
    }

    /** For the auditor page: "1 234 bản ghi khớp", "hơn 10 000 bản ghi khớp" (Vietnamese groups digits with spaces). */
    public String vietnamese() {
        return (exact ? "" : "hơn ") + grouped(value) + " bản ghi khớp";
    }

    /** For operators (CLI): "1234 records match", "more than 10000 records match". */
    public String english() {
        return (exact ? "" : "more than ") + value + (value == 1 && exact ? " record matches" : " records match");
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
