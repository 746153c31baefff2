package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogSqliteTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123Z");

    @TempDir
    Path dir;
    private Path dbFile;
    private AuditLog log;

    @BeforeEach
    void open() {
        dbFile = dir.resolve("audit.sqlite");
        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));
    }

    @AfterEach
    void close() {
        log.close();
    }

    private void appendFive() {
        log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));               // seq 1..3
        log.append(TestAudits.freeMailRefusal("Q2", T0.plusSeconds(60), "someone@gmail.com")); // seq 4
        log.append(TestAudits.failed("Q3", T0.plusSeconds(120)));               // seq 5
    }

    private void sql(String statement) throws SQLException {
        // Tampering edits audit_record: first move what the writer has acknowledged but not yet indexed there; the
        // second turn deletes the chain file's copies of them (V7), as the indexer's next turn does.
        log.store().indexPending();
        log.store().indexPending();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            s.executeUpdate(statement);
        }
    }

    private ChainVerdict verify() {
        return ChainVerifier.verify(log.store(), "gw1", Optional.empty());
    }

    @Test
    void appendShouldWriteOneRecordPerMessageAndPerDocumentWhenMessageHasAttachments() {
        AppendReceipt receipt = log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));

        assertThat(receipt.messageRecordId()).isEqualTo("gw1.Q1");
        assertThat(receipt.documentRecordIds()).containsExactly("gw1.Q1.1", "gw1.Q1.2");
        assertThat(receipt.head().lastSeq()).isEqualTo(3);
        AuditRecord msg = log.store().find("gw1.Q1").orElseThrow();
        assertThat(msg.kind()).isEqualTo(RecordKind.MESSAGE);
        assertThat(msg.envelopeSender()).isEqualTo("vanthu.snv@daknong.gov.vn");
        assertThat(msg.recipients()).containsExactly("ubnd@daknong.gov.vn", "stc@daknong.gov.vn");
        assertThat(msg.clientIp()).isEqualTo("10.0.0.7");
        assertThat(msg.sizeBytes()).isEqualTo(48_213L);
        assertThat(msg.smtpReply()).startsWith("250 2.0.0");
        assertThat(msg.prevHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        List<AuditRecord> docs = log.store().children("gw1.Q1");
        assertThat(docs).extracting(AuditRecord::documentName).containsExactly("QĐ-115-2025.pdf", "du-thao.docx");
        AuditRecord pdf = docs.get(0);
        assertThat(pdf.prevHash()).isEqualTo(msg.hash());
        assertThat(pdf.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signer()).contains("Nguyễn Văn An");
            assertThat(s.caFamily()).isEqualTo("government");
            assertThat(s.signingTime()).isEqualTo(T0.minusSeconds(3600));
        });
        assertThat(pdf.withComputedHash()).isEqualTo(pdf);
    }

    @Test
    void appendShouldFailOnlyTheGroupWhenTheWriterMeetsAnErrorAndKeepWriting() {
        AuditConfig config = AuditConfig.sqlite(dir.resolve("errors.sqlite"), "gwE", dir);
        AuditStore real = JdbcAuditStore.open(config);
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        // The heap running out while the single writer commits (a hostile attachment elsewhere in the JVM).
        AuditStore flaky = (AuditStore) java.lang.reflect.Proxy.newProxyInstance(AuditStore.class.getClassLoader(),
                new Class<?>[] {AuditStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("append") && failOnce.getAndSet(false)) {
                        throw new OutOfMemoryError("simulated: Java heap space");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (AuditLog errors = new AuditLog(flaky, "gwE", NodeKey.loadOrCreate(dir, "gwE"))) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> errors.append(TestAudits.failed("E1", T0)))
                            .isInstanceOf(AuditStoreException.class));

            // The writer thread used to die here and every later append waited for ever.
            AppendReceipt next = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(20), () -> errors.append(TestAudits.failed("E2", T0)));

            assertThat(next.messageRecordId()).isEqualTo("gwE.E2");
            assertThat(errors.store().find("gwE.E2")).isPresent();
            assertThat(errors.store().find("gwE.E1")).isEmpty();
        }
    }

    @Test
    void verifyShouldReportIntactWhenNothingWasChanged() {
        appendFive();

        ChainVerdict v = verify();

        assertThat(v).isInstanceOf(ChainVerdict.Intact.class);
        assertThat(((ChainVerdict.Intact) v).records()).isEqualTo(5);
        assertThat(AuditLog.verifyAll(log.store())).allMatch(ChainVerdict::intact);
    }

    @Test
    void verifyShouldReportEditedRecordWhenAColumnIsChanged() throws SQLException {
        appendFive();
        sql("UPDATE audit_record SET verdict = 'PAPER_EQUIVALENT' WHERE id = 'gw1.Q1.2'");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.recordId()).isEqualTo("gw1.Q1.2");
            assertThat(b.problem()).contains("content changed");
        });
    }

    @Test
    void verifyShouldReportEditedRecordWhenItsHashIsRecomputedToo() throws SQLException {
        appendFive();
        // A careful forger fixes the edited record's own hash; the next record's link then breaks.
        sql("UPDATE audit_record SET client_ip = '1.2.3.4' WHERE id = 'gw1.Q2'");
        AuditRecord forged = log.store().find("gw1.Q2").orElseThrow().withComputedHash();
        sql("UPDATE audit_record SET hash = '" + forged.hash() + "' WHERE id = 'gw1.Q2'");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.problem()).contains("link broken");
        });
    }

    @Test
    void verifyShouldReportDeletedRecordWhenOneInTheMiddleIsRemoved() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_record WHERE id = 'gw1.Q2'");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.problem()).contains("deleted");
        });
    }

    @Test
    void verifyShouldReportReorderedRecordsWhenTwoPositionsAreSwapped() throws SQLException {
        appendFive();
        sql("UPDATE audit_record SET seq = -1 WHERE id = 'gw1.Q2'");
        sql("UPDATE audit_record SET seq = 4 WHERE id = 'gw1.Q3'");
        sql("UPDATE audit_record SET seq = 5 WHERE id = 'gw1.Q2'");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.recordId()).isEqualTo("gw1.Q3");
        });
    }

    @Test
    void verifyShouldReportTailCutWhenTheNewestRecordsAreDeleted() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_record WHERE seq >= 4");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.problem()).contains("tail cut");
        });
    }

    @Test
    void verifyShouldReportForgedHeadWhenTailIsCutAndHeadRewrittenWithoutTheKey() throws SQLException {
        appendFive();
        AuditRecord third = log.store().find("gw1.Q1.2").orElseThrow();
        sql("DELETE FROM audit_record WHERE seq >= 4");
        sql("UPDATE audit_head SET last_seq = 3, last_hash = '" + third.hash() + "'");

        ChainVerdict v = verify();

        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                b -> assertThat(b.problem()).contains("signature"));
    }

    @Test
    void verifyShouldReportRollbackWhenAnEarlierAnchorIsGiven() throws SQLException {
        appendFive();
        AuditRecord last = log.store().find("gw1.Q3").orElseThrow();
        // Roll back to the genuine head signed after seq 3 is not possible without having saved it;
        // here the whole tail and head are gone, and the anchor printed by an earlier verify catches it.
        sql("DELETE FROM audit_record WHERE seq >= 4");
        ChainVerdict v = ChainVerifier.verify(log.store(), "gw1",
                Optional.of(new ChainVerifier.Anchor(last.seq(), last.hash())));

        assertThat(v.intact()).isFalse();
    }

    @Test
    void purgeShouldRemoveExpiredRecordsAndLeaveAVerifiableCheckpointWhenRetentionPassed() {
        Instant old = Instant.parse("2025-01-10T00:00:00Z");
        log.append(TestAudits.delivered("OLD1", old, "Sở Nội vụ"));
        log.append(TestAudits.failed("OLD2", old.plus(1, ChronoUnit.DAYS)));
        log.append(TestAudits.failed("NEW1", Instant.parse("2026-02-01T00:00:00Z")));
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        PurgeResult result = log.purge(profile -> 12, now);

        assertThat(result.purgedRecords()).isEqualTo(4);
        assertThat(result.checkpoint()).get().satisfies(cp -> assertThat(cp.throughSeq()).isEqualTo(4));
        assertThat(log.store().find("gw1.OLD1")).isEmpty();
        assertThat(log.store().find("gw1.NEW1")).isPresent();
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, i -> {
            assertThat(i.firstSeq()).isEqualTo(5);
            assertThat(i.records()).isEqualTo(1);
        });
        log.append(TestAudits.failed("NEW2", now));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void purgedRecordsShouldStayPurgedWhenAnInterruptedPurgeLeftTheirPendingCopies() throws SQLException {
        Instant old = Instant.parse("2025-01-10T00:00:00Z");
        log.append(TestAudits.delivered("OLD1", old, "Sở Nội vụ"));
        log.append(TestAudits.failed("OLD2", old.plus(1, ChronoUnit.DAYS)));
        log.append(TestAudits.failed("NEW1", Instant.parse("2026-02-01T00:00:00Z")));
        log.store().indexPending();
        log.store().indexPending();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE expired_copy AS SELECT " + SearchIndexer.COLUMNS
                    + " FROM audit_record WHERE seq <= 4");
        }
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(log.purge(profile -> 12, now).purgedRecords()).isEqualTo(4);
        log.close();
        // In WAL mode a transaction over two attached files is atomic per file only. The purge of the first V7 code
        // wrote both files in one transaction: a crash during its commit could keep the audit file's half (records
        // deleted, checkpoint written) and lose the chain file's (its pending copies of those records deleted). Here
        // the copies come back, as in a file left by such a crash.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            s.executeUpdate("INSERT INTO chain.audit_pending SELECT * FROM expired_copy");
        }
        assertThat(rawPendingRows()).isEqualTo(4);

        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));

        assertThat(log.store().find("gw1.OLD1")).as("a purged record is not indexed again").isEmpty();
        assertThat(log.store().count()).isEqualTo(1);
        assertThat(rawPendingRows()).as("the stale copies are deleted").isZero();
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, i -> {
            assertThat(i.firstSeq()).isEqualTo(5);
            assertThat(i.records()).isEqualTo(1);
        });
        log.append(TestAudits.failed("NEW2", now));
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, i -> assertThat(i.records()).isEqualTo(2));
    }

    @Test
    void purgeShouldLoseNothingWhenItsTransactionFailsAfterTheChainFileForgotTheIndexedCopies() throws SQLException {
        Instant old = Instant.parse("2025-01-10T00:00:00Z");
        log.append(TestAudits.delivered("OLD1", old, "Sở Nội vụ"));
        log.append(TestAudits.failed("NEW1", Instant.parse("2026-02-01T00:00:00Z")));
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        // The audit file's transaction fails at its last statement (as a full disk would), after the chain file's
        // own commit: the purge's two steps, the second one lost.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TRIGGER no_checkpoint BEFORE INSERT ON audit_checkpoint"
                    + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }

        assertThatThrownBy(() -> log.purge(profile -> 12, now)).isInstanceOf(AuditStoreException.class);

        assertThat(rawPendingRows()).as("the chain file's step committed").isZero();
        assertThat(log.store().find("gw1.OLD1")).as("the audit file's step rolled back whole").isPresent();
        assertThat(log.store().count()).isEqualTo(4);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, i -> assertThat(i.records()).isEqualTo(4));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TRIGGER no_checkpoint");
        }
        assertThat(log.purge(profile -> 12, now).purgedRecords()).isEqualTo(3);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, i -> {
            assertThat(i.firstSeq()).isEqualTo(4);
            assertThat(i.records()).isEqualTo(1);
        });
    }

    @Test
    void purgeShouldKeepEverythingWhenSixMonthsHaveNotPassed() {
        log.append(TestAudits.failed("A", Instant.parse("2025-10-01T00:00:00Z")));

        PurgeResult result = log.purge(profile -> 6, Instant.parse("2026-03-31T00:00:00Z"));

        assertThat(result.purgedRecords()).isZero();
        assertThat(result.checkpoint()).isEmpty();
    }

    @Test
    void verifyShouldReportForgedCheckpointWhenPurgeIsFakedInTheDatabase() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_record WHERE seq <= 3");
        AuditRecord third = new AuditRecord("x", "gw1", 3, RecordKind.MESSAGE, null, T0, "x", null, "", null, List.of(),
                "", null, null, null, null, null, null, null, null, List.of(), null, null, null, null, List.of(),
                List.of(), List.of(), AuditRecord.GENESIS_HASH, "");
        String q2Prev = log.store().find("gw1.Q2").orElseThrow().prevHash();
        sql("INSERT INTO audit_checkpoint VALUES ('gw1', 3, '" + q2Prev + "', 3, 3, 0, 'k', 'c2lnbmF0dXJl')");

        ChainVerdict v = verify();

        assertThat(third.seq()).isEqualTo(3);
        assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                b -> assertThat(b.problem()).contains("checkpoint"));
    }

    @Test
    void searchShouldFindRecordsWhenFilteredBySenderRecipientVerdictTypeAgencyAndText() {
        appendFive();
        AuditStore s = log.store();

        assertThat(s.search(new AuditQuery(null, null, "SomeOne@gmail.com", null, null, null, null, null, null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q2");
        assertThat(s.search(new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null, null,
                RecordKind.MESSAGE, 50, 0)).records()).extracting(AuditRecord::id).containsExactly("gw1.Q1");
        assertThat(s.search(new AuditQuery(null, null, null, null, null, "PAPER_EQUIVALENT", null, null, null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q1.1");
        assertThat(s.search(new AuditQuery(null, null, null, null, null, null, "dự thảo", null, null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q1.2");
        assertThat(s.search(new AuditQuery(null, null, null, null, null, null, null, "docx", null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q1.2");
        assertThat(s.search(new AuditQuery(null, null, null, null, "Sở Tài chính", null, null, null, null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q3");
        assertThat(s.search(new AuditQuery(null, null, null, null, null, null, null, "nguyễn văn an", null, 50, 0))
                .records()).extracting(AuditRecord::id).containsExactly("gw1.Q1.1");
        assertThat(s.search(new AuditQuery(T0.plusSeconds(30), T0.plusSeconds(90), null, null, null, null, null, null,
                null, 50, 0)).records()).extracting(AuditRecord::id).containsExactly("gw1.Q2");
        assertThat(s.search(new AuditQuery(null, null, null, null, null, null, null, "100%_", null, 50, 0))
                .records()).isEmpty();
    }

    @Test
    void searchShouldPageNewestFirstWhenMoreRecordsThanTheLimit() {
        appendFive();

        SearchPage first = log.store().search(AuditQuery.all().withPage(2, 0));
        SearchPage last = log.store().search(AuditQuery.all().withPage(2, 4));

        assertThat(first.records()).extracting(AuditRecord::id).containsExactly("gw1.Q3", "gw1.Q2");
        assertThat(first.more()).isTrue();
        assertThat(last.records()).hasSize(1);
        assertThat(last.more()).isFalse();
    }

    @Test
    void statisticsShouldCountMessagesAndDocumentsPerAgencyWhenPeriodIsGiven() {
        appendFive();

        List<AgencyStatistics> stats = log.store().statistics(T0.minusSeconds(1), T0.plusSeconds(3600));

        assertThat(stats).filteredOn(a -> "Sở Nội vụ".equals(a.agency())).singleElement().satisfies(a -> {
            assertThat(a.messages()).isEqualTo(1);
            assertThat(a.delivered()).isEqualTo(1);
            assertThat(a.documents()).isEqualTo(2);
            assertThat(a.paperEquivalent()).isEqualTo(1);
            assertThat(a.notPaperEquivalent()).isEqualTo(1);
        });
        assertThat(stats).filteredOn(a -> "Sở Tài chính".equals(a.agency())).singleElement()
                .satisfies(a -> assertThat(a.failed()).isEqualTo(1));
    }

    @Test
    void violatorsShouldFlagASenderForReportWhenRefusedMoreThanThreeTimes() {
        for (int i = 0; i < 4; i++) {
            log.append(TestAudits.freeMailRefusal("R" + i, T0.plusSeconds(i), "canbo@yahoo.com.vn"));
        }
        log.append(TestAudits.freeMailRefusal("S1", T0, "khac@gmail.com"));

        List<Violator> v = log.store().violators(T0.minusSeconds(10), T0.plusSeconds(10), 100);

        assertThat(v).extracting(Violator::sender).containsExactly("canbo@yahoo.com.vn", "khac@gmail.com");
        assertThat(v.get(0).refusals()).isEqualTo(4);
        assertThat(v.get(0).freeMailRefusals()).isEqualTo(4);
        assertThat(v.get(0).mustBeReported()).isTrue();
        assertThat(v.get(1).mustBeReported()).isFalse();
    }

    @Test
    void appendShouldRefuseASecondRecordWhenTheQueueIdIsReused() {
        log.append(TestAudits.failed("DUP", T0));

        assertThatThrownBy(() -> log.append(TestAudits.failed("DUP", T0))).isInstanceOf(AuditStoreException.class);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void appendShouldCommitEveryMessageOnceWhenManyThreadsAppendTogether() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<AppendReceipt>> receipts = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String q = "C" + i;
            receipts.add(pool.submit(() -> log.append(TestAudits.failed(q, T0))));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (java.util.concurrent.Future<AppendReceipt> r : receipts) {
            ids.add(r.get().messageRecordId());
        }
        pool.shutdown();

        assertThat(ids).hasSize(200);
        assertThat(log.store().count()).isEqualTo(200);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class,
                i -> assertThat(i.records()).isEqualTo(200));
    }

    @Test
    void openShouldKeepRecordsAndKeyWhenTheStoreIsReopened() {
        appendFive();
        log.close();

        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));
        log.append(TestAudits.failed("Q4", T0.plusSeconds(500)));

        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class,
                i -> assertThat(i.records()).isEqualTo(6));
    }

    /** The heads and pending records are in the chain file next to the audit file (migration V7). */
    private void attachChainFile(Statement s) throws SQLException {
        s.execute("ATTACH DATABASE '" + JdbcAuditStore.chainFileOf(dbFile) + "' AS chain");
    }

    /** Pending records not yet in audit_record (the chain file keeps indexed copies until the next indexing turn). */
    private long pendingRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM audit_pending p"
                    + " WHERE NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.id = p.id)")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static AuditQuery recipientAndText(String recipient, String text) {
        return new AuditQuery(null, null, null, recipient, null, null, null, text, null, 50, 0);
    }

    @Test
    void recordsCommittedButNotYetIndexedShouldBeReadableAtOnceAndFoundBySearchesAndReports() throws SQLException {
        log.close();
        log = new AuditLog(JdbcAuditStore.openSqlite(dbFile), "gw1", NodeKey.loadOrCreate(dir, "gw1"), false);

        log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));

        assertThat(pendingRows()).as("acknowledged, not indexed yet").isEqualTo(3);
        assertThat(log.recordsAwaitingIndex()).as("the /metrics backlog gauge").isEqualTo(3);
        assertThat(log.messagesAwaitingCommit()).isZero();
        assertThat(log.indexingFailing()).isFalse();
        assertThat(log.store().find("gw1.Q1")).isPresent();
        assertThat(log.store().children("gw1.Q1")).hasSize(2);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(3));
        assertThat(log.store().search(recipientAndText("stc@daknong.gov.vn", "qđ-115")).records())
                .extracting(AuditRecord::id).containsExactly("gw1.Q1.1");
        assertThat(pendingRows()).as("the search indexed them first").isZero();
        assertThat(log.store().statistics(T0.minusSeconds(86_400), T0.plusSeconds(86_400)))
                .singleElement().satisfies(s -> assertThat(s.messages()).isEqualTo(1));
    }

    @Test
    void recordsLeftUnindexedByACrashShouldBeIndexedWhenTheStoreOpensAgain() throws SQLException {
        log.close();
        // No indexing and a close that does not index: what a crash right after the commit leaves.
        log = new AuditLog(JdbcAuditStore.openSqlite(dbFile), "gw1", NodeKey.loadOrCreate(dir, "gw1"), false);
        log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));
        log.append(TestAudits.freeMailRefusal("Q2", T0.plusSeconds(60), "someone@gmail.com"));
        log.close();
        assertThat(pendingRows()).isEqualTo(4);

        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));

        assertThat(pendingRows()).as("indexed when the store opened").isZero();
        assertThat(log.store().count()).isEqualTo(4);
        assertThat(log.store().search(recipientAndText("ubnd@daknong.gov.vn", "du-thao")).records())
                .extracting(AuditRecord::id).containsExactly("gw1.Q1.2");
        assertThat(log.store().violators(T0.minusSeconds(86_400), T0.plusSeconds(86_400), 10))
                .singleElement().satisfies(v -> assertThat(v.sender()).isEqualTo("someone@gmail.com"));
        assertThat(AuditLog.verifyAll(log.store())).allMatch(ChainVerdict::intact);
        log.append(TestAudits.failed("Q3", T0.plusSeconds(120)));
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(5));
    }

    @Test
    void appendShouldFailWhenTheQueueIdWasUsedBeforeAndIsAlreadyIndexed() {
        log.append(TestAudits.failed("Q1", T0));
        log.store().indexPending();

        assertThatThrownBy(() -> log.append(TestAudits.failed("Q1", T0.plusSeconds(1))))
                .isInstanceOf(AuditStoreException.class);
        assertThat(log.store().count()).isEqualTo(1);
    }

    private long rawPendingRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM audit_pending")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void appendShouldCommitIntoTheChainFileAndIndexIntoTheMainFile() throws SQLException {
        appendFive();
        log.store().indexPending();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + JdbcAuditStore.chainFileOf(dbFile));
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT last_seq FROM audit_head WHERE node_id = 'gw1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(5);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*), (SELECT COUNT(*) FROM sqlite_master"
                     + " WHERE name IN ('audit_head', 'audit_pending')) FROM audit_record")) {
            rs.next();
            assertThat(rs.getLong(1)).as("indexed into the main file").isEqualTo(5);
            assertThat(rs.getLong(2)).as("no head or pending table left in the main file").isZero();
        }
    }

    @Test
    void copiesLeftInTheChainFileByACrashAfterIndexingShouldNotCountTwice() throws SQLException {
        appendFive();
        Instant from = T0.minusSeconds(86_400);
        Instant to = T0.plusSeconds(86_400);
        List<AgencyStatistics> statistics = log.store().statistics(from, to);
        List<Violator> violators = log.store().violators(from, to, 10);
        log.close();
        // A crash after the indexing commit and before the next turn deleted the chain file's copies: every record
        // is in both files.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            s.executeUpdate("INSERT INTO chain.audit_pending SELECT " + SearchIndexer.COLUMNS + " FROM audit_record");
        }
        assertThat(rawPendingRows()).isEqualTo(5);

        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));

        assertThat(log.store().count()).isEqualTo(5);
        assertThat(log.store().children("gw1.Q1")).extracting(AuditRecord::id).containsExactly("gw1.Q1.1", "gw1.Q1.2");
        assertThat(log.store().statistics(from, to)).isEqualTo(statistics);
        assertThat(log.store().violators(from, to, 10)).isEqualTo(violators).isNotEmpty();
        assertThat(log.store().search(recipientAndText("stc@daknong.gov.vn", "qđ-115")).records())
                .extracting(AuditRecord::id).containsExactly("gw1.Q1.1");
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(5));
        log.store().indexPending();
        assertThat(rawPendingRows()).as("the copies are deleted by the next indexing turn").isZero();
        log.append(TestAudits.failed("Q4", T0.plusSeconds(500)));
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(6));
    }

    @Test
    void openShouldMoveHeadsAndPendingRecordsOfAVersion6FileIntoTheChainFile() throws Exception {
        appendFive();
        log.close();
        log = new AuditLog(JdbcAuditStore.openSqlite(dbFile), "gw1", NodeKey.loadOrCreate(dir, "gw1"), false);
        log.append(TestAudits.failed("Q4", T0.plusSeconds(500))); // acknowledged, not indexed: left pending
        log.close();
        // Take the files back to what version 6 left: the head and the pending records in the one audit file.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            attachChainFile(s);
            s.execute("CREATE TABLE main.audit_head AS SELECT * FROM chain.audit_head");
            s.execute("CREATE TABLE main.audit_pending AS SELECT * FROM chain.audit_pending");
            s.execute("DELETE FROM audit_schema_version WHERE version >= 7");
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            java.nio.file.Files.deleteIfExists(Path.of(JdbcAuditStore.chainFileOf(dbFile) + suffix));
        }

        log = AuditLog.open(AuditConfig.sqlite(dbFile, "gw1", dir));

        assertThat(log.store().count()).isEqualTo(6);
        assertThat(pendingRows()).as("the pending record was moved to the chain file and indexed").isZero();
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(6));
        log.append(TestAudits.failed("Q5", T0.plusSeconds(600)));
        assertThat(verify()).isInstanceOfSatisfying(ChainVerdict.Intact.class, v -> assertThat(v.records()).isEqualTo(7));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT MAX(version) FROM audit_schema_version), (SELECT COUNT(*)"
                     + " FROM sqlite_master WHERE name IN ('audit_head', 'audit_pending'))")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
            assertThat(rs.getInt(2)).as("no head or pending table left in the main file").isZero();
        }
    }
}
