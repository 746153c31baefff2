package vn.mailgw.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports' pre-aggregated counters (tables {@code audit_daily_count} and {@code audit_daily_refusal}, migration
 * V3): per Vietnamese calendar day, updated when records are indexed ({@link SearchIndexer}), so the quarterly/yearly statistics
 * (tuyenquang-2013 Art 13) and the repeat-violator list (cantho-2005 Art 10.2) add up at most a few hundred days
 * of counters instead of counting a million records. A report period that does not start or end at midnight
 * (Vietnam time) counts its partial first and last day from the records themselves.
 */
final class ReportCounters {

    /** Vietnam time is UTC+7 all year (no daylight saving), so a day is a fixed 24 h slice. */
    private static final long OFFSET_MILLIS = Duration.ofHours(7).toMillis();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** Free-mail refusals cite these (upper case), or say FREEMAIL; the migration's SQL uses the same list. */
    private static final List<String> FREE_MAIL_MARKERS = List.of("FREEMAIL", "DAKNONG-2012 ART 9.4",
            "CANTHO-2005 ART 8.5", "SONLA-2005 ART 10");
    static final String FREE_MAIL_SQL = "CASE WHEN " + String.join(" OR ", FREE_MAIL_MARKERS.stream()
            .map(m -> "UPPER(reason_codes) LIKE '%" + m + "%'").toList()) + " THEN 1 ELSE 0 END";

    /** The Vietnamese day of a record in SQL (times are positive, so integer division is floor division). */
    static final String DAY_SQL = "(recorded_at + " + OFFSET_MILLIS + ") / " + DAY_MILLIS;

    private ReportCounters() {}

    static long day(long epochMillis) {
        return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
    }

    static long dayStart(long day) {
        return day * DAY_MILLIS - OFFSET_MILLIS;
    }

    /** Whether a refusal was for free-mail use: what the SQL's LIKE over the stored reason list finds. */
    static boolean isFreeMail(List<String> reasonCodes) {
        for (String code : reasonCodes) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (FREE_MAIL_MARKERS.stream().anyMatch(upper::contains)) {
                return true;
            }
        }
        return false;
    }

    private record Refusals(String agency, long refusals, long freeMail, long first, long last) {
        Refusals plus(Refusals o) {
            return new Refusals(maxAgency(agency, o.agency), refusals + o.refusals, freeMail + o.freeMail,
                    Math.min(first, o.first), Math.max(last, o.last));
        }
    }

    /** After a purge: recounts the days [firstDay, lastDay] from the records that are left (all nodes). */
    static void recount(Connection c, long firstDay, long lastDay) throws SQLException {
        long from = dayStart(firstDay);
        long to = dayStart(lastDay + 1);
        for (String sql : List.of("DELETE FROM audit_daily_count WHERE day >= ? AND day <= ?",
                "DELETE FROM audit_daily_refusal WHERE day >= ? AND day <= ?")) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, firstDay);
                p.setLong(2, lastDay);
                p.executeUpdate();
            }
        }
        // The same sums the indexer adds for new records, over the records of those days.
        for (String sql : addSql("(SELECT * FROM audit_record WHERE recorded_at >= ? AND recorded_at < ?) AS r")) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, from);
                p.setLong(2, to);
                p.executeUpdate();
            }
        }
    }

    /**
     * Adds the records of {@code source} (a table or a parenthesised query with an alias) to the day counters,
     * added to what is there: used by the indexer for new records and by {@link #recount} after it cleared the days.
     * Rows are written in key order so two PostgreSQL nodes lock shared rows in one order.
     */
    static List<String> addSql(String source) {
        String day = DAY_SQL;
        return List.of("INSERT INTO audit_daily_count (day, agency, kind, outcome, verdict, records)"
                        + " SELECT " + day + ", COALESCE(agency, ''), kind, COALESCE(outcome, ''), COALESCE(verdict, ''),"
                        + " COUNT(*) FROM " + source + " WHERE true GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
                        + " ON CONFLICT (day, agency, kind, outcome, verdict)"
                        + " DO UPDATE SET records = audit_daily_count.records + excluded.records",
                "INSERT INTO audit_daily_refusal"
                        + " (day, envelope_sender, agency, refusals, free_mail, first_at, last_at)"
                        + " SELECT " + day + ", envelope_sender, MAX(agency), COUNT(*), SUM(" + FREE_MAIL_SQL
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

    /** A report period split into whole days (read from the counters) and the partial edges (read from records). */
    record Split(long firstDay, long endDay, List<long[]> edges) {
        static Split of(Instant from, Instant to) {
            long f = from.toEpochMilli();
            long t = to.toEpochMilli();
            long firstDay = dayStart(day(f)) == f ? day(f) : day(f) + 1;
            long endDay = day(t);
            List<long[]> edges = new ArrayList<>();
            if (firstDay >= endDay) {
                edges.add(new long[] {f, t});
                return new Split(0, 0, edges);
            }
            if (f < dayStart(firstDay)) {
                edges.add(new long[] {f, dayStart(firstDay)});
            }
            if (dayStart(endDay) < t) {
                edges.add(new long[] {dayStart(endDay), t});
            }
            return new Split(firstDay, endDay, edges);
        }
    }

    static List<AgencyStatistics> statistics(Connection c, Instant from, Instant to) throws SQLException {
        Split split = Split.of(from, to);
        Map<String, AgencyStatistics> byAgency = new HashMap<>();
        if (split.firstDay() < split.endDay()) {
            try (PreparedStatement p = c.prepareStatement("SELECT agency, kind, outcome, verdict, SUM(records)"
                    + " FROM audit_daily_count WHERE day >= ? AND day < ? GROUP BY agency, kind, outcome, verdict")) {
                p.setLong(1, split.firstDay());
                p.setLong(2, split.endDay());
                accumulate(p, byAgency);
            }
        }
        for (long[] edge : split.edges()) {
            try (PreparedStatement p = c.prepareStatement("SELECT agency, kind, outcome, verdict, COUNT(*)"
                    + " FROM audit_record WHERE recorded_at >= ? AND recorded_at < ?"
                    + " GROUP BY agency, kind, outcome, verdict")) {
                p.setLong(1, edge[0]);
                p.setLong(2, edge[1]);
                accumulate(p, byAgency);
            }
        }
        List<AgencyStatistics> out = new ArrayList<>(byAgency.values());
        out.sort((a, b) -> Long.compare(b.messages(), a.messages()));
        return out;
    }

    private static void accumulate(PreparedStatement p, Map<String, AgencyStatistics> byAgency) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String agency = rs.getString(1);
                if (agency != null && agency.isEmpty()) {
                    agency = null;
                }
                boolean message = RecordKind.MESSAGE.name().equals(rs.getString(2));
                String outcome = rs.getString(3);
                String verdict = rs.getString(4);
                long n = rs.getLong(5);
                boolean pe = "PAPER_EQUIVALENT".equals(verdict);
                boolean npe = "NOT_PAPER_EQUIVALENT".equals(verdict);
                AgencyStatistics add = message
                        ? new AgencyStatistics(agency, n, is(outcome, Outcome.DELIVERED) ? n : 0,
                                is(outcome, Outcome.REFUSED) ? n : 0, is(outcome, Outcome.FAILED) ? n : 0, 0, 0, 0, 0)
                        : new AgencyStatistics(agency, 0, 0, 0, 0, n, pe ? n : 0, npe ? n : 0, pe || npe ? 0 : n);
                byAgency.merge(agency == null ? "" : agency, add, AgencyStatistics::plus);
            }
        }
    }

    private static boolean is(String outcome, Outcome o) {
        return o.name().equals(outcome);
    }

    static List<Violator> violators(Connection c, Instant from, Instant to, int limit) throws SQLException {
        Split split = Split.of(from, to);
        Map<String, Refusals> bySender = new HashMap<>();
        if (split.firstDay() < split.endDay()) {
            try (PreparedStatement p = c.prepareStatement("SELECT envelope_sender, MAX(agency), SUM(refusals),"
                    + " SUM(free_mail), MIN(first_at), MAX(last_at) FROM audit_daily_refusal"
                    + " WHERE day >= ? AND day < ? GROUP BY envelope_sender")) {
                p.setLong(1, split.firstDay());
                p.setLong(2, split.endDay());
                accumulateRefusals(p, bySender);
            }
        }
        for (long[] edge : split.edges()) {
            try (PreparedStatement p = c.prepareStatement("SELECT envelope_sender, MAX(agency), COUNT(*),"
                    + " SUM(" + FREE_MAIL_SQL + "), MIN(recorded_at), MAX(recorded_at) FROM audit_record"
                    + " WHERE kind = 'MESSAGE' AND outcome = 'REFUSED' AND recorded_at >= ? AND recorded_at < ?"
                    + " GROUP BY envelope_sender")) {
                p.setLong(1, edge[0]);
                p.setLong(2, edge[1]);
                accumulateRefusals(p, bySender);
            }
        }
        List<Violator> out = new ArrayList<>();
        bySender.forEach((sender, v) -> out.add(new Violator(sender, v.agency(), v.refusals(), v.freeMail(),
                Instant.ofEpochMilli(v.first()), Instant.ofEpochMilli(v.last()))));
        out.sort(Comparator.comparingLong(Violator::refusals).reversed().thenComparing(Violator::sender));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    private static void accumulateRefusals(PreparedStatement p, Map<String, Refusals> bySender) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                bySender.merge(rs.getString(1), new Refusals(rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)), Refusals::plus);
            }
        }
    }

    private static String maxAgency(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
