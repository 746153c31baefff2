package vn.mailgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.mailgw.gateway.audit.AuditConfig;
import vn.mailgw.gateway.audit.AuditLog;
import vn.mailgw.gateway.audit.MessageAudit;
import vn.mailgw.gateway.audit.Outcome;
import vn.mailgw.gateway.http.PasswordHasher;

class AuditCommandsTest {

    private static final Instant T0 = Instant.parse("2026-07-01T03:00:00Z");

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void records() {
        db = dir.resolve("audit.sqlite");
        try (AuditLog log = AuditLog.open(AuditConfig.sqlite(db, "gw1", dir))) {
            log.append(message("Q1", "vanthu@snv.tuyenquang.gov.vn", "Sở Nội vụ", Outcome.DELIVERED, "250 2.0.0 Ok"));
            log.append(message("Q2", "x@gmail.com", null, Outcome.REFUSED, "550 5.7.1 daknong-2012 Art 9.4"));
        }
    }

    private static MessageAudit message(String q, String sender, String agency, Outcome outcome, String reply) {
        return new MessageAudit(T0, q, null, sender, sender, List.of("ubnd@tuyenquang.gov.vn"), "10.0.0.1", "h", 10L,
                null, agency, "tuyenquang-2013", null, List.of(), outcome, reply, List.of(), List.of());
    }

    private record Run(int exit, String out) {}

    private Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int exit = cl.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void auditSearchShouldPrintMatchingRecordsWhenFilteredBySender() {
        Run r = run(new AuditCommand(), "search", "--sqlite", db.toString(), "--sender", "x@gmail.com");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("gw1.Q2").doesNotContain("gw1.Q1").contains("1 record(s)");
    }

    @Test
    void auditExportShouldWriteJsonAndCsvWhenAskedForAFile() throws Exception {
        Path json = dir.resolve("out.json");
        Path csv = dir.resolve("out.csv");

        assertThat(run(new AuditCommand(), "export", "--sqlite", db.toString(), "--format", "json", "-o", json.toString())
                .exit()).isZero();
        assertThat(run(new AuditCommand(), "export", "--sqlite", db.toString(), "--from", "2026-07-01", "--to",
                "2026-07-01", "-o", csv.toString()).exit()).isZero();

        assertThat(Files.readString(json)).contains("\"id\" : \"gw1.Q1\"").contains("Sở Nội vụ");
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(3).first().asString().startsWith("id,node");
    }

    @Test
    void auditVerifyShouldExitWithOneAndNameTheRecordWhenARecordWasEdited() throws Exception {
        Run ok = run(new AuditCommand(), "verify", "--sqlite", db.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("node gw1: OK, 2 records").contains("--anchor gw1:2:");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_record SET envelope_sender = 'someone@else' WHERE id = 'gw1.Q1'");
        }
        Run bad = run(new AuditCommand(), "verify", "--sqlite", db.toString());

        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("BROKEN at seq 1 (record gw1.Q1)");
    }

    @Test
    void reportShouldPrintPerAgencyCountsWhenQuarterlyOrYearly() {
        Run q = run(new ReportCommand(), "quarterly", "--sqlite", db.toString(), "--year", "2026", "--quarter", "3");
        Run y = run(new ReportCommand(), "yearly", "--sqlite", db.toString(), "--year", "2026");

        assertThat(q.exit()).isZero();
        assertThat(q.out()).contains("Quý 3/2026").contains("Sở Nội vụ").contains("(không thuộc cơ quan nào)");
        assertThat(y.out()).contains("Năm 2026").contains("Sở Nội vụ");
    }

    @Test
    void hashPasswordShouldPrintAHashThatVerifiesWhenPasswordComesOnStdin() {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("mật-khẩu-đủ-dài\n".getBytes(StandardCharsets.UTF_8)));
            Run r = run(new HashPasswordCommand(), "--stdin");

            assertThat(r.exit()).isZero();
            assertThat(PasswordHasher.verify("mật-khẩu-đủ-dài".toCharArray(), r.out().strip())).isTrue();
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void auditAndReportShouldReadTheStoreFromTheGatewayConfigFile() throws Exception {
        Path config = dir.resolve("mailgw.yaml");
        Files.writeString(config, "audit:\n  sqliteFile: " + db + "\n  nodeId: gw1\n  keyDir: " + dir + "\n");

        Run search = run(new AuditCommand(), "search", "--config", config.toString(), "--sender", "x@gmail.com");
        Run verify = run(new AuditCommand(), "verify", "--config", config.toString());
        Run report = run(new ReportCommand(), "yearly", "--config", config.toString(), "--year", "2026");
        // --sqlite overrides the file's store: here a file that does not exist.
        Run overridden = run(new AuditCommand(), "search", "--config", config.toString(), "--sqlite",
                dir.resolve("other.sqlite").toString());

        assertThat(search.exit()).isZero();
        assertThat(search.out()).contains("gw1.Q2").doesNotContain("gw1.Q1").contains("1 record(s)")
                .contains("1 bản ghi khớp / 1 record matches");
        assertThat(verify.exit()).isZero();
        assertThat(report.out()).contains("Năm 2026").contains("Sở Nội vụ");
        assertThat(overridden.exit()).isNotZero();
        assertThat(overridden.out()).contains("no audit database at " + dir.resolve("other.sqlite"));
    }

    @Test
    void auditSearchShouldPrintACursorThatOpensTheNextPage() {
        Run first = run(new AuditCommand(), "search", "--sqlite", db.toString(), "--limit", "1");
        String cursor = first.out().replaceAll("(?s).*more with --after (\\S+).*", "$1");
        Run second = run(new AuditCommand(), "search", "--sqlite", db.toString(), "--limit", "1", "--after", cursor);

        assertThat(first.out()).contains("gw1.Q2").doesNotContain("gw1.Q1");
        assertThat(second.out()).contains("gw1.Q1").doesNotContain("gw1.Q2").doesNotContain("more with");
        // Every page says how many records the whole search matches, in Vietnamese and in English.
        assertThat(first.out()).contains("2 bản ghi khớp / 2 records match");
        assertThat(second.out()).contains("2 bản ghi khớp / 2 records match");
    }

    @Test
    void auditSearchShouldFailClearlyWhenTheDatabaseIsMissing() {
        Run r = run(new AuditCommand(), "search", "--sqlite", dir.resolve("none.sqlite").toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("no audit database");
    }
}
