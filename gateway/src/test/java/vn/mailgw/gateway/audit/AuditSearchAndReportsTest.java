package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search and report paths of migration V3 (trigram free-text index, report counters, keyset pages), checked
 * against plain recounts of the records, on SQLite and on a real PostgreSQL with identical results.
 */
class AuditSearchAndReportsTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 16:30 UTC = 23:30 in Vietnam: the traffic crosses Vietnamese midnights, where the counters' days end. */
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

    private AuditLog sqlite() {
        return AuditLog.open(AuditConfig.sqlite(dir.resolve("audit.sqlite"), "gw1", dir));
    }

    private AuditLog postgresLog() throws Exception {
        String db = "search" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return AuditLog.open(AuditConfig.postgres(postgres.getJdbcUrl("postgres", db), "postgres", null, "gw1", dir));
    }

    /** Four days of mixed traffic, one message every 37 minutes: delivered, free-mail refusals, failures. */
    private static List<MessageAudit> traffic() {
        Random random = new Random(11);
        List<MessageAudit> out = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Instant t = T0.plus(Duration.ofMinutes(37L * i));
            int kind = random.nextInt(10);
            if (kind < 5) {
                out.add(TestAudits.delivered("D" + i, t, i % 2 == 0 ? "Sở Nội vụ" : "Sở Tài chính"));
            } else if (kind < 9) {
                out.add(TestAudits.freeMailRefusal("R" + i, t, "nguoi" + random.nextInt(4) + "@gmail.com"));
            } else {
                out.add(TestAudits.failed("F" + i, t));
            }
        }
        return out;
    }

    private static List<String> ids(SearchPage page) {
        return page.records().stream().map(AuditRecord::id).toList();
    }

    private static AuditQuery text(String text) {
        return new AuditQuery(null, null, null, null, null, null, null, text, null, AuditQuery.MAX_LIMIT, 0);
    }

    /** Every record of the node, oldest first, straight from the chain. */
    private static List<AuditRecord> all(AuditStore store) {
        List<AuditRecord> out = new ArrayList<>();
        store.scanChain("gw1", 0, out::add);
        return out;
    }

    private static List<String> newestFirst(List<AuditRecord> records) {
        return records.stream().sorted(Comparator.comparing(AuditRecord::time).thenComparing(AuditRecord::id).reversed())
                .map(AuditRecord::id).toList();
    }

    @Test
    void freeTextShouldFindExactlyTheRecordsContainingTheTextInBothStores() throws Exception {
        try (AuditLog lite = sqlite(); AuditLog pg = postgresLog()) {
            for (MessageAudit m : traffic()) {
                lite.append(m);
                pg.append(m);
            }
            // Planner statistics and (PostgreSQL) the trigram index's pending list merged: the answers stay the same.
            lite.store().optimize();
            pg.store().optimize();
            List<AuditRecord> records = all(lite.store());
            // Substrings of a file name, a signer with diacritics, an address, a hash, a reason; a two-letter text
            // (no trigram: matched without the index), LIKE's own wildcards, and a text nothing contains.
            // "art 9.2(a) daknong": every trigram of it is in the draft's record, the text itself is not (SQLite's
            // index keeps no positions, so LIKE must drop that record).
            for (String text : List.of("qđ-115", "nguyễn văn an", "nguoi2@gmail", "9f2c4a1e", "art 9.4", "gm", "%",
                    "_", "không có ở đâu", "art 9.2(a) daknong")) {
                List<String> expected = newestFirst(records.stream()
                        .filter(r -> AuditColumns.searchText(r).contains(text)).toList());

                assertThat(ids(lite.store().search(text(text)))).as("SQLite, text %s", text).isEqualTo(expected);
                assertThat(ids(pg.store().search(text(text)))).as("PostgreSQL, text %s", text).isEqualTo(expected);
                // A small page: SQLite answers a frequent text from the newest rows, a rare one from the index.
                AuditQuery small = text(text).withPage(5, 0);
                List<String> first5 = expected.subList(0, Math.min(5, expected.size()));
                assertThat(ids(lite.store().search(small))).as("SQLite, 5 with text %s", text).isEqualTo(first5);
                assertThat(ids(pg.store().search(small))).as("PostgreSQL, 5 with text %s", text).isEqualTo(first5);
            }
            assertThat(ids(lite.store().search(text("qđ-115")))).isNotEmpty();
        }
    }

    @Test
    void keysetPagesShouldListEveryRecordOnceNewestFirst() throws Exception {
        try (AuditLog lite = sqlite(); AuditLog pg = postgresLog()) {
            for (MessageAudit m : traffic().subList(0, 40)) {
                lite.append(m);
                pg.append(m);
            }
            for (AuditStore store : List.of(lite.store(), pg.store())) {
                List<String> expected = newestFirst(all(store));
                List<String> walked = new ArrayList<>();
                // Page size 7 splits the three records of one message (same time) across pages: the id breaks ties.
                AuditQuery query = AuditQuery.all().withPage(7, 0);
                SearchPage page = store.search(query);
                walked.addAll(ids(page));
                while (page.next() != null) {
                    page = store.search(query.after(PageCursor.parse(page.next().token())));
                    walked.addAll(ids(page));
                }
                assertThat(walked).isEqualTo(expected);
            }
        }
    }

    @Test
    void reportsShouldEqualARecountOfTheRecordsForWholeAndPartialDays() throws Exception {
        try (AuditLog lite = sqlite(); AuditLog pg = postgresLog()) {
            for (MessageAudit m : traffic()) {
                lite.append(m);
                pg.append(m);
            }
            List<AuditRecord> records = all(lite.store());
            Instant start = LocalDate.of(2026, 3, 30).atStartOfDay(VIETNAM).toInstant();
            List<Instant[]> periods = List.of(
                    new Instant[] {start, start.plus(Duration.ofDays(2))},                  // whole days only
                    new Instant[] {T0.minusSeconds(60), T0.plus(Duration.ofDays(4))},      // partial first and last day
                    new Instant[] {start.plusSeconds(3600), start.plusSeconds(7200)},      // inside one day
                    new Instant[] {Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")});
            for (Instant[] p : periods) {
                for (AuditStore store : List.of(lite.store(), pg.store())) {
                    assertThat(byAgency(store.statistics(p[0], p[1]))).as("statistics %s..%s", p[0], p[1])
                            .isEqualTo(byAgency(recount(records, p[0], p[1])));
                    assertThat(store.violators(p[0], p[1], 100)).as("violators %s..%s", p[0], p[1])
                            .isEqualTo(violators(records, p[0], p[1]));
                }
            }
            assertThat(lite.store().violators(periods.get(1)[0], periods.get(1)[1], 100)).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.freeMailRefusals()).isEqualTo(v.refusals()));
        }
    }

    @Test
    void recipientSearchShouldFindTheMessagesAndTheirDocumentsInBothStores() throws Exception {
        try (AuditLog lite = sqlite(); AuditLog pg = postgresLog()) {
            for (MessageAudit m : traffic()) {
                lite.append(m);
                pg.append(m);
            }
            List<AuditRecord> records = all(lite.store());
            // Only messages have recipient rows (V6): documents are found through their message.
            for (String recipient : List.of("stc@daknong.gov.vn", "ubnd@daknong.gov.vn", "nobody@daknong.gov.vn")) {
                List<String> expected = newestFirst(records.stream().filter(r -> r.recipients().contains(recipient))
                        .toList());
                AuditQuery q = new AuditQuery(null, null, null, recipient, null, null, null, null, null,
                        AuditQuery.MAX_LIMIT, 0);
                assertThat(ids(lite.store().search(q))).as("SQLite, recipient %s", recipient).isEqualTo(expected);
                assertThat(ids(pg.store().search(q))).as("PostgreSQL, recipient %s", recipient).isEqualTo(expected);
                AuditQuery withText = new AuditQuery(null, null, null, recipient, null, null, null, "qđ-115", null,
                        AuditQuery.MAX_LIMIT, 0);
                List<String> documents = newestFirst(records.stream().filter(r -> r.recipients().contains(recipient)
                        && AuditColumns.searchText(r).contains("qđ-115")).toList());
                assertThat(ids(lite.store().search(withText))).isEqualTo(documents);
                assertThat(ids(pg.store().search(withText))).isEqualTo(documents);
            }
            // Documents are among the answers (record ids with a document number).
            assertThat(ids(lite.store().search(new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null,
                    null, null, AuditQuery.MAX_LIMIT, 0)))).anyMatch(id -> id.matches("gw1\\.D\\d+\\.1"));
        }
    }

    @Test
    void documentsKeptLongerThanTheirMessageShouldStillBeFoundAfterAPurge() throws Exception {
        // The message under a 6-month profile, its documents under a 12-month one: a purge at 7 months removes the
        // message and keeps the documents, which are found by recipient and free text through the message's rows.
        MessageAudit base = TestAudits.delivered("P1", T0, "Sở Nội vụ");
        List<DocumentAudit> docs = base.documents().stream().map(d -> new DocumentAudit(d.name(), d.sha256(), d.type(),
                d.verdict(), d.reasonCodes(), d.documentType(), "long", d.rulesApplied(), d.signatures(), d.errors()))
                .toList();
        MessageAudit shortLived = new MessageAudit(base.time(), base.queueId(), base.messageId(), base.envelopeSender(),
                base.headerFrom(), base.recipients(), base.clientIp(), base.helo(), base.sizeBytes(), base.authResults(),
                base.agency(), "short", base.verdict(), base.reasonCodes(), base.outcome(), base.smtpReply(),
                base.errors(), docs);
        AuditLog.RetentionPolicy retention = profile -> "short".equals(profile) ? 6 : 12;
        Instant now = T0.atZone(VIETNAM).plusMonths(7).toInstant();
        try (AuditLog lite = sqlite(); AuditLog pg = postgresLog()) {
            for (AuditLog log : List.of(lite, pg)) {
                log.append(shortLived);
                log.append(TestAudits.delivered("P2", T0.plusSeconds(60), "Sở Nội vụ"));
                assertThat(log.purge(retention, now).purgedRecords()).isEqualTo(1);
                AuditQuery byRecipient = new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null, null,
                        null, AuditQuery.MAX_LIMIT, 0);
                assertThat(ids(log.store().search(byRecipient)))
                        .containsExactly("gw1.P2.2", "gw1.P2.1", "gw1.P2", "gw1.P1.2", "gw1.P1.1");
                assertThat(ids(log.store().search(text("du-thao")))).containsExactly("gw1.P2.2", "gw1.P1.2");
                assertThat(AuditLog.verifyAll(log.store())).allSatisfy(v -> assertThat(v.intact()).isTrue());
            }
        }
    }

    @Test
    void purgeShouldLeaveTheCountersEqualToTheRecordsLeft() {
        try (AuditLog lite = sqlite()) {
            for (MessageAudit m : traffic()) {
                lite.append(m);
            }
            // 12 months after the second day: the first day and a half of records expire.
            Instant now = T0.plus(Duration.ofHours(36)).atZone(VIETNAM).plusMonths(12).toInstant();
            PurgeResult purged = lite.purge(profile -> 12, now);
            assertThat(purged.purgedRecords()).isPositive();

            List<AuditRecord> left = all(lite.store());
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            Instant to = Instant.parse("2027-01-01T00:00:00Z");
            assertThat(byAgency(lite.store().statistics(from, to))).isEqualTo(byAgency(recount(left, from, to)));
            assertThat(lite.store().violators(from, to, 100)).isEqualTo(violators(left, from, to));
        }
    }

    @Test
    void openingAVersion2LogShouldMigrateItAndFillTheCountersAndTheTextIndex() throws Exception {
        Path file = dir.resolve("old.sqlite");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2027-01-01T00:00:00Z");
        List<AgencyStatistics> before;
        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            for (MessageAudit m : traffic()) {
                log.append(m);
            }
            before = log.store().statistics(from, to);
        }
        // Take the file back to what version 2 left: no V3 tables, the V2 indexes, version 2 recorded.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_text");
            // SQLite 3.50 leaves the contentless_unindexed table's record-id store behind when it drops the table.
            s.execute("DROP TABLE IF EXISTS audit_text_content");
            s.execute("DROP TABLE audit_daily_count");
            s.execute("DROP TABLE audit_daily_refusal");
            s.execute("CREATE INDEX audit_record_stats ON audit_record (recorded_at, agency, kind, outcome, verdict)");
            s.execute("CREATE INDEX audit_record_refusals ON audit_record (kind, outcome, recorded_at, envelope_sender,"
                    + " agency)");
            s.execute("CREATE INDEX audit_record_outcome_time ON audit_record (kind, outcome, recorded_at)");
            s.execute("CREATE INDEX audit_record_filetype_time ON audit_record (file_type, recorded_at)");
            s.execute("CREATE INDEX audit_record_queue ON audit_record (queue_id)");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 3");
        }

        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            assertThat(byAgency(log.store().statistics(from, to))).isEqualTo(byAgency(before));
            assertThat(log.store().search(text("nguyễn văn an")).records()).isNotEmpty();
            assertThat(AuditLog.verifyAll(log.store())).allSatisfy(v -> assertThat(v.intact()).isTrue());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT MAX(version) FROM audit_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void openingAVersion3LogShouldRebuildTheTextIndexWithTheSameAnswers() throws Exception {
        Path file = dir.resolve("v3.sqlite");
        List<String> before;
        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            for (MessageAudit m : traffic()) {
                log.append(m);
            }
            before = ids(log.store().search(text("nguoi2@gmail")));
        }
        // Take the file back to what version 3 left: the text index with its own copy of the text and positions.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_text");
            s.execute("DROP TABLE IF EXISTS audit_text_content");
            s.execute("CREATE VIRTUAL TABLE audit_text USING fts5(record_id UNINDEXED, search_text, tokenize = 'trigram')");
            s.execute("INSERT INTO audit_text (record_id, search_text) SELECT id, search_text FROM audit_record");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 4");
        }

        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            assertThat(before).isNotEmpty();
            assertThat(ids(log.store().search(text("nguoi2@gmail")))).isEqualTo(before);
            assertThat(AuditLog.verifyAll(log.store())).allSatisfy(v -> assertThat(v.intact()).isTrue());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'audit_text'")) {
            rs.next();
            assertThat(rs.getString(1)).contains("detail = 'none'").contains("content = ''");
        }
    }

    @Test
    void openingAVersion5LogShouldKeepDerivedRowsPerMessageWithTheSameAnswers() throws Exception {
        Path file = dir.resolve("v5.sqlite");
        AuditQuery byRecipient = new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null, null, null,
                AuditQuery.MAX_LIMIT, 0);
        List<String> texts = List.of("qđ-115", "nguoi2@gmail", "nguyễn văn an", "art 9.2(a) daknong");
        List<List<String>> before = new ArrayList<>();
        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            for (MessageAudit m : traffic()) {
                log.append(m);
            }
            before.add(ids(log.store().search(byRecipient)));
            for (String t : texts) {
                before.add(ids(log.store().search(text(t))));
            }
        }
        // Take the file back to what version 5 left: a recipient row and a free-text row per record.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_recipient");
            s.execute("CREATE TABLE audit_recipient (record_id VARCHAR(100) NOT NULL, recipient VARCHAR(320) NOT NULL,"
                    + " recorded_at BIGINT NOT NULL, PRIMARY KEY (record_id, recipient))");
            s.execute("CREATE INDEX audit_recipient_lookup ON audit_recipient (recipient, recorded_at)");
            s.execute("INSERT INTO audit_recipient SELECT DISTINCT a.id, r.value, a.recorded_at FROM audit_record a,"
                    + " json_each(a.recipients) r");
            s.execute("DELETE FROM audit_text");
            s.execute("INSERT INTO audit_text (record_id, search_text) SELECT id, search_text FROM audit_record");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 6");
        }

        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(file, "gw1", dir))) {
            List<List<String>> after = new ArrayList<>();
            after.add(ids(log.store().search(byRecipient)));
            for (String t : texts) {
                after.add(ids(log.store().search(text(t))));
            }
            assertThat(before.get(0)).isNotEmpty();
            assertThat(after).isEqualTo(before);
            assertThat(AuditLog.verifyAll(log.store())).allSatisfy(v -> assertThat(v.intact()).isTrue());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT MAX(version) FROM audit_schema_version),"
                     + " (SELECT COUNT(*) FROM audit_text), (SELECT COUNT(*) FROM audit_record WHERE kind = 'MESSAGE'),"
                     + " (SELECT COUNT(*) FROM audit_recipient WHERE record_id IN"
                     + " (SELECT id FROM audit_record WHERE kind = 'DOCUMENT'))")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
            assertThat(rs.getInt(2)).as("one free-text row per message").isEqualTo(rs.getInt(3));
            assertThat(rs.getInt(4)).as("recipient rows of documents").isZero();
        }
    }

    @Test
    void openingAVersion5PostgresLogShouldDropTheDocumentsRecipientRowsWithTheSameAnswers() throws Exception {
        String db = "v5upgrade" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        AuditConfig config = AuditConfig.postgres(postgres.getJdbcUrl("postgres", db), "postgres", null, "gw1", dir);
        AuditQuery byRecipient = new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null, null, null,
                AuditQuery.MAX_LIMIT, 0);
        List<String> before;
        try (AuditLog log = AuditLog.open(config)) {
            for (MessageAudit m : traffic()) {
                log.append(m);
            }
            before = ids(log.store().search(byRecipient));
        }
        // What version 5 left: a recipient row for every record, documents included.
        try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_recipient (record_id, recipient, recorded_at) SELECT DISTINCT a.id, r.value,"
                    + " a.recorded_at FROM audit_record a, jsonb_array_elements_text(a.recipients::jsonb) AS r(value)"
                    + " WHERE a.kind = 'DOCUMENT'");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 6");
        }

        try (AuditLog log = AuditLog.open(config)) {
            assertThat(before).isNotEmpty();
            assertThat(ids(log.store().search(byRecipient))).isEqualTo(before);
        }
        try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT MAX(version) FROM audit_schema_version), (SELECT COUNT(*) FROM"
                     + " audit_recipient WHERE record_id IN (SELECT id FROM audit_record WHERE kind = 'DOCUMENT'))")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
            assertThat(rs.getInt(2)).as("recipient rows of documents").isZero();
        }
    }

    @Test
    void openingAVersion2PostgresLogShouldMigrateIt() throws Exception {
        String db = "upgrade" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        AuditConfig config = AuditConfig.postgres(postgres.getJdbcUrl("postgres", db), "postgres", null, "gw1", dir);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2027-01-01T00:00:00Z");
        List<AgencyStatistics> before;
        try (AuditLog log = AuditLog.open(config)) {
            for (MessageAudit m : traffic()) {
                log.append(m);
            }
            before = log.store().statistics(from, to);
        }
        try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_daily_count");
            s.execute("DROP TABLE audit_daily_refusal");
            s.execute("DROP INDEX audit_record_text_trgm");
            s.execute("CREATE INDEX audit_record_stats ON audit_record (recorded_at, agency, kind, outcome, verdict)");
            s.execute("CREATE INDEX audit_record_refusals ON audit_record (kind, outcome, recorded_at, envelope_sender,"
                    + " agency)");
            s.execute("CREATE INDEX audit_record_outcome_time ON audit_record (kind, outcome, recorded_at)");
            s.execute("CREATE INDEX audit_record_filetype_time ON audit_record (file_type, recorded_at)");
            s.execute("CREATE INDEX audit_record_queue ON audit_record (queue_id)");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 3");
        }

        try (AuditLog log = AuditLog.open(config)) {
            assertThat(byAgency(log.store().statistics(from, to))).isEqualTo(byAgency(before));
            assertThat(log.store().search(text("nguyễn văn an")).records()).isNotEmpty();
        }
        try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'audit_record_text_trgm'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static Map<String, AgencyStatistics> byAgency(List<AgencyStatistics> stats) {
        Map<String, AgencyStatistics> out = new HashMap<>();
        stats.forEach(s -> out.put(s.agency() == null ? "" : s.agency(), s));
        return out;
    }

    /** The statistics, counted one record at a time. */
    private static List<AgencyStatistics> recount(List<AuditRecord> records, Instant from, Instant to) {
        Map<String, AgencyStatistics> out = new HashMap<>();
        for (AuditRecord r : records) {
            if (r.time().isBefore(from) || !r.time().isBefore(to)) {
                continue;
            }
            boolean pe = "PAPER_EQUIVALENT".equals(r.verdict());
            boolean npe = "NOT_PAPER_EQUIVALENT".equals(r.verdict());
            AgencyStatistics one = r.kind() == RecordKind.MESSAGE
                    ? new AgencyStatistics(r.agency(), 1, r.outcome() == Outcome.DELIVERED ? 1 : 0,
                            r.outcome() == Outcome.REFUSED ? 1 : 0, r.outcome() == Outcome.FAILED ? 1 : 0, 0, 0, 0, 0)
                    : new AgencyStatistics(r.agency(), 0, 0, 0, 0, 1, pe ? 1 : 0, npe ? 1 : 0, pe || npe ? 0 : 1);
            out.merge(r.agency() == null ? "" : r.agency(), one, AgencyStatistics::plus);
        }
        return new ArrayList<>(out.values());
    }

    /** The violator list, counted one record at a time (most refusals first, then by address). */
    private static List<Violator> violators(List<AuditRecord> records, Instant from, Instant to) {
        Map<String, Violator> out = new HashMap<>();
        for (AuditRecord r : records) {
            if (r.kind() != RecordKind.MESSAGE || r.outcome() != Outcome.REFUSED || r.time().isBefore(from)
                    || !r.time().isBefore(to)) {
                continue;
            }
            long freeMail = ReportCounters.isFreeMail(r.reasonCodes()) ? 1 : 0;
            out.merge(r.envelopeSender(), new Violator(r.envelopeSender(), r.agency(), 1, freeMail, r.time(), r.time()),
                    (a, b) -> new Violator(a.sender(), Optional.ofNullable(a.agency()).orElse(b.agency()),
                            a.refusals() + b.refusals(), a.freeMailRefusals() + b.freeMailRefusals(),
                            a.first().isBefore(b.first()) ? a.first() : b.first(),
                            a.last().isAfter(b.last()) ? a.last() : b.last()));
        }
        return out.values().stream().sorted(Comparator.comparingLong(Violator::refusals).reversed()
                .thenComparing(Violator::sender)).toList();
    }
}
