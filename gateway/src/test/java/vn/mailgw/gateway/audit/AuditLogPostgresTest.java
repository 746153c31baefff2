package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-log deployment: several gateway nodes, one real PostgreSQL server started by the test. */
class AuditLogPostgresTest {

    private static final Instant T0 = Instant.parse("2026-05-04T01:02:03Z");
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

    private AuditConfig node(String db, String nodeId) {
        return AuditConfig.postgres(postgres.getJdbcUrl("postgres", db), "postgres", null, nodeId, dir);
    }

    private static String createDatabase(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    @Test
    void appendShouldKeepBothChainsIntactWhenTwoNodesWriteConcurrently() throws Exception {
        String db = createDatabase("two_nodes");
        int perThread = 60;
        try (AuditLog a = AuditLog.open(node(db, "gwA")); AuditLog b = AuditLog.open(node(db, "gwB"))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                for (AuditLog log : List.of(a, b)) {
                    int thread = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            String q = "T" + thread + "N" + i;
                            log.append(i % 3 == 0 ? TestAudits.delivered(q, T0.plusSeconds(i), "Sở Nội vụ")
                                    : TestAudits.failed(q, T0.plusSeconds(i)));
                        }
                    }));
                }
            }
            for (Future<?> job : jobs) {
                job.get();
            }
            pool.shutdown();

            List<ChainVerdict> verdicts = AuditLog.verifyAll(a.store());
            // Each delivered message is 3 records (message + 2 documents), every other 1.
            long perNode = 2L * (perThread / 3 * 3 + (perThread - perThread / 3));
            assertThat(verdicts).hasSize(2).allSatisfy(v -> assertThat(v).isInstanceOfSatisfying(
                    ChainVerdict.Intact.class, i -> assertThat(i.records()).isEqualTo(perNode)));
            assertThat(a.store().count()).isEqualTo(2 * perNode);
            assertThat(b.store().find("gwA.T1N3")).isPresent();
        }
    }

    @Test
    void openShouldMigrateOnceWhenTwoNodesStartTogether() throws Exception {
        String db = createDatabase("start_together");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<AuditLog> a = pool.submit(() -> AuditLog.open(node(db, "n1")));
        Future<AuditLog> b = pool.submit(() -> AuditLog.open(node(db, "n2")));
        try (AuditLog la = a.get(); AuditLog lb = b.get()) {
            la.append(TestAudits.failed("X", T0));
            lb.append(TestAudits.failed("X", T0));
            try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM audit_schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.getInt(2)).isEqualTo(7);
            }
            assertThat(la.store().find("n1.X")).isPresent();
            assertThat(la.store().find("n2.X")).isPresent();
        }
        pool.shutdown();
    }

    @Test
    void verifyShouldReportEditedRecordWhenTamperedInPostgres() throws Exception {
        String db = createDatabase("tamper");
        try (AuditLog log = AuditLog.open(node(db, "gw1"))) {
            log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));
            log.append(TestAudits.failed("Q2", T0.plusSeconds(5)));
            log.store().indexPending(); // the edit below is in audit_record
            try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_record SET errors = '[]' WHERE id = 'gw1.Q2'");
            }

            ChainVerdict v = ChainVerifier.verify(log.store(), "gw1", Optional.empty());

            assertThat(v).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                    br -> assertThat(br.recordId()).isEqualTo("gw1.Q2"));
        }
    }

    @Test
    void searchAndStatisticsShouldGiveTheSameAnswersWhenTheStoreIsPostgres() throws Exception {
        String db = createDatabase("search");
        try (AuditLog log = AuditLog.open(node(db, "gw1"))) {
            log.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));
            log.append(TestAudits.freeMailRefusal("Q2", T0.plusSeconds(1), "a@gmail.com"));

            assertThat(log.store().search(new AuditQuery(null, null, null, "ubnd@daknong.gov.vn", null, null, null,
                    "gmail", null, 10, 0)).records()).extracting(AuditRecord::id).containsExactly("gw1.Q2");
            assertThat(log.store().statistics(T0, T0.plusSeconds(60)))
                    .anySatisfy(s -> assertThat(s.paperEquivalent()).isEqualTo(1));
            assertThat(log.store().violators(T0, T0.plusSeconds(60), 10)).singleElement()
                    .satisfies(v -> assertThat(v.freeMailRefusals()).isEqualTo(1));
            PurgeResult purge = log.purge(p -> 6, T0.plusSeconds(3600L * 24 * 400));
            assertThat(purge.purgedRecords()).isEqualTo(4);
            assertThat(ChainVerifier.verify(log.store(), "gw1", Optional.empty()).intact()).isTrue();
        }
    }

    @Test
    void recordsOneNodeLeftUnindexedShouldBeIndexedWhenAnotherNodeOpensTheStore() throws Exception {
        String db = createDatabase("pending");
        AuditConfig gw1 = node(db, "gw1");
        // No indexing and a close that does not index: what a crash of gw1 right after its commit leaves.
        AuditLog crashed = new AuditLog(JdbcAuditStore.open(gw1), "gw1", NodeKey.loadOrCreate(dir, "gw1"), false);
        crashed.append(TestAudits.delivered("Q1", T0, "Sở Nội vụ"));
        assertThat(crashed.store().find("gw1.Q1.2")).as("readable by id before indexing").isPresent();
        crashed.close();
        assertThat(pendingRows(db)).isEqualTo(3);

        try (AuditLog gw2 = AuditLog.open(node(db, "gw2"))) {
            assertThat(pendingRows(db)).as("indexed when gw2 opened the store").isZero();
            assertThat(gw2.store().search(new AuditQuery(null, null, null, "stc@daknong.gov.vn", null, null, null,
                    "qđ-115", null, 50, 0)).records()).extracting(AuditRecord::id).containsExactly("gw1.Q1.1");
            assertThat(ChainVerifier.verify(gw2.store(), "gw1", Optional.empty()).intact()).isTrue();
        }
    }

    private static long pendingRows(String db) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM audit_pending")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
