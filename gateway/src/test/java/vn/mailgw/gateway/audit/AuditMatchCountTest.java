package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number of matching records an auditor sees ({@link AuditStore#countMatches}) is the number of records paging
 * through the search returns, on SQLite and on a real PostgreSQL, for every filter, free text, records not yet
 * indexed, and at the cap.
 */
class AuditMatchCountTest {

    /** Time enough for any count here: these tests are about what is counted, not how fast. */
    private static final Duration ENOUGH = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2026-03-29T16:30:00Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** Both stores; {@code indexing} false leaves appended records pending until a search or count indexes them. */
    private Map<String, AuditLog> stores(boolean indexing) throws Exception {
        String db = "count" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        AuditLog lite = new AuditLog(JdbcAuditStore.openSqlite(dir.resolve(db + ".sqlite")), "gw1",
                NodeKey.loadOrCreate(dir, "gw1"), indexing);
        AuditLog pg = new AuditLog(JdbcAuditStore.openPostgres(postgres.getJdbcUrl("postgres", db), "postgres", null),
                "gw1", NodeKey.loadOrCreate(dir, "gw1"), indexing);
        return Map.of("SQLite", lite, "PostgreSQL", pg);
    }

    /** Two days of mixed traffic, one message every 37 minutes. */
    private static List<MessageAudit> traffic(String prefix, int messages) {
        Random random = new Random(5);
        List<MessageAudit> out = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            Instant t = T0.plus(Duration.ofMinutes(37L * i));
            int kind = random.nextInt(10);
            if (kind < 5) {
                out.add(TestAudits.delivered(prefix + i, t, i % 2 == 0 ? "Sở Nội vụ" : "Sở Tài chính"));
            } else if (kind < 9) {
                out.add(TestAudits.freeMailRefusal(prefix + i, t, "nguoi" + random.nextInt(4) + "@gmail.com"));
            } else {
                out.add(TestAudits.failed(prefix + i, t));
            }
        }
        return out;
    }

    private static AuditQuery query(Instant from, Instant to, String sender, String recipient, String agency,
                                    String verdict, String type, String text, RecordKind kind) {
        return new AuditQuery(from, to, sender, recipient, agency, verdict, type, text, kind, 7, 0);
    }

    /** Every record the search returns, page after page (7 a page: a message's records split across pages). */
    private static int pagedThrough(AuditStore store, AuditQuery query) {
        SearchPage page = store.search(query);
        int seen = page.records().size();
        while (page.next() != null) {
            page = store.search(query.after(page.next()));
            seen += page.records().size();
        }
        return seen;
    }

    @Test
    void countShouldEqualTheRecordsPagedThroughForEveryFilterAndFreeTextInBothStores() throws Exception {
        Instant day2 = T0.plus(Duration.ofHours(24));
        List<AuditQuery> queries = List.of(
                AuditQuery.all(),
                query(day2, day2.plus(Duration.ofHours(12)), null, null, null, null, null, null, null),
                query(null, null, "vanthu.snv@daknong.gov.vn", null, null, null, null, null, null),
                query(null, null, "nguoi1@gmail.com", null, null, null, null, null, null),
                query(null, null, null, "stc@daknong.gov.vn", null, null, null, null, null),
                query(T0, day2, null, null, "Sở Nội vụ", null, null, null, null),
                query(null, null, null, null, null, "NOT_PAPER_EQUIVALENT", null, null, null),
                query(null, null, null, null, null, null, "dự thảo", null, null),
                query(null, null, null, null, null, null, null, null, RecordKind.DOCUMENT),
                query(null, null, null, null, null, null, null, "qđ-115", null),
                query(null, null, null, null, null, null, null, "nguyễn văn an", null),
                query(day2, null, null, null, null, null, null, "gmail", null),
                query(null, null, null, "ubnd@daknong.gov.vn", null, null, null, "connection refused", null),
                query(null, null, null, null, null, null, null, "gm", null), // no trigram: LIKE alone
                query(null, null, null, null, null, null, null, "%", null),
                query(null, null, null, null, null, null, null, "không có ở đâu", null),
                query(null, null, "nobody@example.org", null, null, null, null, null, null));
        Map<String, AuditLog> stores = stores(false);
        try {
            for (Map.Entry<String, AuditLog> e : stores.entrySet()) {
                AuditLog log = e.getValue();
                log.appendAll(traffic("A", 90));
                // Never indexed by the writer (indexing off): pending until the first count or search.
                for (MessageAudit m : traffic("P", 30)) {
                    log.append(m);
                }
                AuditStore store = log.store();
                MatchCount everything = store.countMatches(AuditQuery.all(), ENOUGH);
                long inChain = store.count();
                assertThat(everything).as("%s: pending records counted", e.getKey())
                        .isEqualTo(MatchCount.exact(inChain));

                for (AuditQuery q : queries) {
                    MatchCount count = store.countMatches(q, ENOUGH);
                    int paged = pagedThrough(store, q);
                    assertThat(count).as("%s: %s", e.getKey(), q).isEqualTo(MatchCount.exact(paged));
                    if (store instanceof JdbcAuditStore jdbc) {
                        // SQLite: samples of 5 rows send free text through the text index's way, with the same answer.
                        jdbc.countSamples(5, 5);
                        assertThat(store.countMatches(q, ENOUGH)).as("%s, small probe: %s", e.getKey(), q)
                                .isEqualTo(count);
                        jdbc.countSamples(SearchSql.TEXT_PROBE_ROWS, MatchCounter.COUNT_PROBE_ROWS);
                    }
                    // The cursor of a later page does not change what the query matches.
                    SearchPage first = store.search(q);
                    if (first.next() != null) {
                        assertThat(store.countMatches(q.after(first.next()), ENOUGH)).isEqualTo(count);
                    }
                }
            }
            // The same answers in both stores, and the filters are not all trivially empty or full.
            for (AuditQuery q : queries) {
                assertThat(stores.get("SQLite").store().countMatches(q, ENOUGH))
                        .isEqualTo(stores.get("PostgreSQL").store().countMatches(q, ENOUGH));
            }
            AuditStore lite = stores.get("SQLite").store();
            assertThat(lite.countMatches(queries.get(9), ENOUGH).value()).isBetween(1L, lite.count() - 1);
            assertThat(lite.countMatches(queries.get(15), ENOUGH).value()).isZero();
        } finally {
            stores.values().forEach(AuditLog::close);
        }
    }

    @Test
    void countShouldStopAtTheCapAndSayMoreThanBeyondItInBothStores() throws Exception {
        // CAP + 1 one-record messages a minute apart, and a delivered message (3 records) among the oldest.
        List<MessageAudit> refusals = new ArrayList<>();
        for (int i = 0; i <= MatchCount.CAP; i++) {
            refusals.add(TestAudits.freeMailRefusal("R" + i, T0.plus(Duration.ofMinutes(i)), "nguoi@gmail.com"));
        }
        Instant newest = T0.plus(Duration.ofMinutes(MatchCount.CAP));
        Map<String, AuditLog> stores = stores(true);
        try {
            for (Map.Entry<String, AuditLog> e : stores.entrySet()) {
                AuditLog log = e.getValue();
                log.append(TestAudits.delivered("D0", T0.minusSeconds(30), "Sở Nội vụ"));
                for (int i = 0; i < refusals.size(); i += 2000) {
                    log.appendAll(refusals.subList(i, Math.min(refusals.size(), i + 2000)));
                }
                AuditStore store = log.store();
                MatchCount more = MatchCount.moreThanCap();
                String s = e.getKey();
                assertThat(store.countMatches(AuditQuery.all(), ENOUGH)).as(s).isEqualTo(more);
                // Exactly CAP records: the newest refusal left out by the time range's exclusive end.
                assertThat(store.countMatches(query(T0, newest, null, null, null, null, null, null, null), ENOUGH)).as(s)
                        .isEqualTo(MatchCount.exact(MatchCount.CAP));
                assertThat(store.countMatches(query(T0, null, null, null, null, null, null, null, null), ENOUGH)).as(s)
                        .isEqualTo(more);
                // Free text on every refusal (SQLite: settled by the newest rows) and on the one message.
                AuditQuery gmail = query(null, null, null, null, null, null, null, "gmail", null);
                AuditQuery fileName = query(null, null, null, null, null, null, null, "qđ-115", null);
                assertThat(store.countMatches(gmail, ENOUGH)).as(s).isEqualTo(more);
                assertThat(store.countMatches(fileName, ENOUGH)).as(s).isEqualTo(MatchCount.exact(1));
                if (store instanceof JdbcAuditStore jdbc) {
                    jdbc.countSamples(5, 5); // the text index's way, stopping at the cap
                    assertThat(store.countMatches(gmail, ENOUGH)).as(s + ", small probe").isEqualTo(more);
                    assertThat(store.countMatches(fileName, ENOUGH)).as(s + ", small probe")
                            .isEqualTo(MatchCount.exact(1));
                    jdbc.countSamples(SearchSql.TEXT_PROBE_ROWS, MatchCounter.COUNT_PROBE_ROWS);
                }
                assertThat(store.countMatches(query(null, null, "nguoi@gmail.com", null, null, null, null, null,
                        null), ENOUGH)).as(s).isEqualTo(more);
                // What "more than" means: paging through finds more than the cap.
                AuditQuery big = AuditQuery.all().withPage(AuditQuery.MAX_LIMIT, 0);
                assertThat(pagedThrough(store, big)).as(s).isEqualTo(MatchCount.CAP + 4);
            }
        } finally {
            stores.values().forEach(AuditLog::close);
        }
    }

    @Test
    void countShouldSayAtLeastWhatItCountedWhenItsTimeBudgetIsSpent() throws Exception {
        Map<String, AuditLog> stores = stores(true);
        try {
            for (Map.Entry<String, AuditLog> e : stores.entrySet()) {
                e.getValue().appendAll(traffic("A", 20));
                MatchCount stopped = e.getValue().store().countMatches(AuditQuery.all(), Duration.ZERO);
                assertThat(stopped).as(e.getKey()).isEqualTo(MatchCount.atLeast(0, Duration.ZERO));
                // The connection the stopped count used serves the next count normally.
                for (int i = 0; i < 6; i++) {
                    assertThat(e.getValue().store().countMatches(AuditQuery.all(), ENOUGH).exact()).isTrue();
                }
            }
        } finally {
            stores.values().forEach(AuditLog::close);
        }
    }

    @Test
    void countShouldReadAsVietnameseForAuditorsAndEnglishForOperators() {
        assertThat(MatchCount.exact(1234).vietnamese()).isEqualTo("1 234 bản ghi khớp");
        assertThat(MatchCount.moreThanCap().vietnamese()).isEqualTo("hơn 10 000 bản ghi khớp");
        assertThat(MatchCount.exact(0).vietnamese()).isEqualTo("0 bản ghi khớp");
        assertThat(MatchCount.exact(1).english()).isEqualTo("1 record matches");
        assertThat(MatchCount.exact(1234).english()).isEqualTo("1234 records match");
        assertThat(MatchCount.moreThanCap().english()).isEqualTo("more than 10000 records match");
        assertThat(MatchCount.atLeast(2345, Duration.ofMillis(120)).vietnamese())
                .isEqualTo("ít nhất 2 345 bản ghi khớp (ngừng đếm sau 120 ms để trang không chậm)");
        assertThat(MatchCount.atLeast(2345, Duration.ofMillis(120)).english())
                .isEqualTo("at least 2345 records match (counting stopped after 120 ms)");
    }
}
