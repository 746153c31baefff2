package vn.mailgw.gateway.audit;

import java.time.Duration;
import java.util.Locale;

/**
 * How many records a search matches, as the auditor sees it. Counting is bounded twice, so it never holds the search
 * page beyond its goal (under 200 ms at p95 over a million records, issue 6): it stops at {@link #CAP} matches ("more
 * than 10 000"), and it stops when its time budget is spent ("at least n"). The cap equals {@link AuditQuery#MAX_LIMIT},
 * the most one export holds: an exact count tells the auditor the export is complete.
 *
 * @param value     matches counted: all of them ({@code EXACT}), the cap ({@code MORE_THAN_CAP}), or those counted
 *                  before the budget ran out ({@code AT_LEAST})
 * @param precision what {@code value} means
 * @param budget    the time budget, when it stopped the count; else null
 */
public record MatchCount(long value, Precision precision, Duration budget) {

    public static final int CAP = AuditQuery.MAX_LIMIT;
    /**
     * What the auditor's search page allows its search and count together: the goal is 200 ms at p95 over a
     * million records; the rest is for rendering and the network.
     */
    public static final Duration PAGE_GOAL = Duration.ofMillis(150);
    /** The least a count gets after a slow search: narrow searches (a sender, an agency) count in a few ms. */
    public static final Duration MIN_BUDGET = Duration.ofMillis(20);

    public enum Precision { EXACT, MORE_THAN_CAP, AT_LEAST }

    public MatchCount {
        if (value < 0 || value > CAP) {
            throw new IllegalArgumentException("a match count is 0.." + CAP + ": " + value);
        }
        if (precision == Precision.MORE_THAN_CAP && value != CAP) {
            throw new IllegalArgumentException("'more than the cap' is counted at the cap: " + value);
        }
        if ((precision == Precision.AT_LEAST) != (budget != null)) {
            throw new IllegalArgumentException("only a count stopped by its budget names the budget");
        }
    }

    /** The count's budget on the auditor page: what the search left of {@link #PAGE_GOAL}, at least MIN_BUDGET. */
    public static Duration budgetAfter(Duration searchTook) {
        Duration left = PAGE_GOAL.minus(searchTook);
        return left.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : left;
    }

    public static MatchCount exact(long value) {
        return new MatchCount(value, Precision.EXACT, null);
    }

    public static MatchCount moreThanCap() {
        return new MatchCount(CAP, Precision.MORE_THAN_CAP, null);
    }

    public static MatchCount atLeast(long value, Duration budget) {
        return new MatchCount(Math.min(value, CAP), Precision.AT_LEAST, budget);
    }

    /** The count from rows read up to CAP + 1. */
    static MatchCount ofCapped(long rowsRead) {
        return rowsRead > CAP ? moreThanCap() : exact(rowsRead);
    }

    /**
     * A count stopped by its budget is still at least what the caller has seen (the rows of its page, one more when a
     * next page exists); other counts are as they are.
     */
    public MatchCount atLeastSeen(long seen) {
        return precision == Precision.AT_LEAST && seen > value ? atLeast(seen, budget) : this;
    }

    public boolean exact() {
        return precision == Precision.EXACT;
    }

    /** For the auditor page: "1 234 bản ghi khớp", "hơn 10 000 bản ghi khớp", "ít nhất 2 345 bản ghi khớp (...)". */
    public String vietnamese() {
        return switch (precision) {
            case EXACT -> grouped(value) + " bản ghi khớp";
            case MORE_THAN_CAP -> "hơn " + grouped(value) + " bản ghi khớp";
            case AT_LEAST -> "ít nhất " + grouped(value) + " bản ghi khớp (ngừng đếm sau " + budget.toMillis()
                    + " ms để trang không chậm)";
        };
    }

    /** For operators (CLI): "1234 records match", "more than 10000 records match", "at least 2345 ...". */
    public String english() {
        return switch (precision) {
            case EXACT -> value + (value == 1 ? " record matches" : " records match");
            case MORE_THAN_CAP -> "more than " + value + " records match";
            case AT_LEAST -> "at least " + value + " records match (counting stopped after " + budget.toMillis() + " ms)";
        };
    }

    /** 1234567 as "1 234 567": digits grouped by three with spaces. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
