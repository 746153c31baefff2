package vn.mailgw.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import vn.mailgw.gateway.audit.AuditLog;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.AuditRecorder;
import vn.mailgw.gateway.audit.Outcome;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.testing.ScriptedSmtpPeer;
import vn.mailgw.gateway.testing.TestMail;

class PipelineRunnerTest {

    @TempDir
    Path spool;

    private Vertx vertx;
    private WorkerExecutor workers;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("pipeline-test", 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    private SmtpReply run(ReceivedMessage message, Step... steps) throws Exception {
        return new PipelineRunner(workers, List.of(steps)).handle(message).await(10, TimeUnit.SECONDS);
    }

    private static Step step(String name, StepFunction body) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult apply(MessageContext context) throws Exception {
                return body.apply(context);
            }
        };
    }

    private interface StepFunction {
        StepResult apply(MessageContext context) throws Exception;
    }

    private static final Step DELIVERS = step("deliver", c -> {
        c.markDelivered("test");
        return StepResult.proceed();
    });

    @Test
    void handleShouldAnswer250WithTheQueueIdAndDeleteTheSpoolFileWhenDelivered() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(spool);

        SmtpReply reply = run(message, DELIVERS);

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("Ok: queued as " + message.queueId());
        assertThat(Files.exists(message.spoolFile())).isFalse();
    }

    @Test
    void handleShouldAnswer451WithoutDetailsWhenAStepThrows() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(spool);

        SmtpReply reply = run(message, step("boom", c -> {
            throw new IllegalStateException("secret internal path /var/x");
        }), DELIVERS);

        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.status()).isEqualTo(EnhancedStatus.of(4, 3, 0));
        assertThat(String.join(" ", reply.lines())).doesNotContain("secret").doesNotContain("/var/x");
        assertThat(Files.exists(message.spoolFile())).isFalse();
    }

    @Test
    void handleShouldAnswer451AndTellTheHookWhenAStepRunsOutOfStack() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(spool);
        java.util.List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
        Step hostile = step("hostile", c -> {
            throw new StackOverflowError("nested too deep");
        });

        SmtpReply reply = new PipelineRunner(workers, List.of(hostile, DELIVERS), (context, decided) -> {
            audited.addAll(context.findings());
            return decided;
        }).handle(message).await(10, TimeUnit.SECONDS);

        // An Error used to escape the step loop: 451 with no audit record. Now the hook records which step failed.
        assertThat(reply.code()).isEqualTo(451);
        assertThat(audited).anySatisfy(f -> assertThat(f).contains("step-failed: hostile", "StackOverflowError"));
    }

    @Test
    void handleShouldAnswer451WhenNoStepMarksTheMessageDelivered() throws Exception {
        SmtpReply reply = run(TestMail.builder().spoolInto(spool), step("noop", c -> StepResult.proceed()));

        assertThat(reply.code()).isEqualTo(451);
    }

    @Test
    void handleShouldStopAtARejectAndNotRunLaterSteps() throws Exception {
        AtomicReference<Boolean> laterRan = new AtomicReference<>(false);
        SmtpReply refusal = SmtpReply.of(554, EnhancedStatus.of(5, 7, 0), "no");

        SmtpReply reply = run(TestMail.builder().spoolInto(spool),
                step("refuse", c -> new StepResult.Reject(refusal)),
                step("later", c -> {
                    laterRan.set(true);
                    return StepResult.proceed();
                }), DELIVERS);

        assertThat(reply).isEqualTo(refusal);
        assertThat(laterRan.get()).isFalse();
    }

    @Test
    void handleShouldPassOnATempFailReply() throws Exception {
        SmtpReply busy = SmtpReply.of(451, EnhancedStatus.of(4, 4, 1), "later");

        SmtpReply reply = run(TestMail.builder().spoolInto(spool), step("busy", c -> new StepResult.TempFail(busy, "down")));

        assertThat(reply).isEqualTo(busy);
    }

    @Test
    void parseMimeShouldRecordBrokenMimeAndStillDeliver() throws Exception {
        String broken = "From: a@sonla.gov.vn\r\nTo: b@sonla.gov.vn\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-closed\"\r\n\r\n"
                + "no boundary ever appears here\r\n";
        ReceivedMessage message = TestMail.builder().content(broken).spoolInto(spool);
        AtomicReference<MessageContext> seen = new AtomicReference<>();

        SmtpReply reply = run(message, new ParseMime(), step("look", c -> {
            seen.set(c);
            return StepResult.proceed();
        }), DELIVERS);

        assertThat(reply.code()).isEqualTo(250);
        assertThat(seen.get().findings()).anyMatch(f -> f.startsWith("mime-structure: message"));
        assertThat(seen.get().require(ParseMime.MIME)).isInstanceOf(ParsedMime.Parsed.class);
    }

    @Test
    void parseMimeShouldRecordAMultipartWhoseCloseDelimiterNeverComes() throws Exception {
        String open = "From: a@sonla.gov.vn\r\nSubject: open\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nxin chao\r\n"
                + "--b\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 and then the message ends\r\n";
        ReceivedMessage message = TestMail.builder().content(open).spoolInto(spool);
        AtomicReference<MessageContext> seen = new AtomicReference<>();

        SmtpReply reply = run(message, new ParseMime(), step("look", c -> {
            seen.set(c);
            return StepResult.proceed();
        }), DELIVERS);

        assertThat(reply.code()).isEqualTo(250);
        assertThat(seen.get().findings()).anySatisfy(f -> assertThat(f).contains("mime-structure: message",
                "multipart not closed"));
    }

    @Test
    void addTraceHeaderShouldDropInjectedCharactersFromTheHelo() {
        assertThat(AddTraceHeader.hostChars("evil\r\nX-Forged: yes")).isEqualTo("evilX-Forged:yes").doesNotContain("\r").doesNotContain("\n").doesNotContain(" ");
        assertThat(AddTraceHeader.hostChars("")).isEqualTo("unknown");
        assertThat(AddTraceHeader.hostChars("[2001:db8::1]")).isEqualTo("2001:db8::1");
    }

    @Test
    void handleShouldAnswer451AndAuditWhyWhenAStepNeverCompletesBeforeTheDeadline(@TempDir Path auditDir)
            throws Exception {
        var config = new GatewayConfigLoader().load(Optional.empty(), List.of(
                "audit.sqliteFile=" + auditDir.resolve("audit.sqlite"), "audit.keyDir=" + auditDir, "audit.nodeId=gwD"));
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        Step stuck = step("never-completes", c -> {
            never.await(); // a real wait nobody ends while the deadline runs (released only for clean-up)
            return StepResult.proceed();
        });
        Step delivers = step("deliver", c -> {
            deliveries.incrementAndGet();
            c.markDelivered("test");
            return StepResult.proceed();
        });
        ReceivedMessage message = TestMail.builder().spoolInto(spool);
        try (AuditLog audit = AuditLog.open(config.audit())) {
            PipelineRunner runner = new PipelineRunner(vertx, workers, List.of(stuck, delivers),
                    new AuditRecorder(audit, Clock.systemUTC()), Duration.ofMillis(300));

            SmtpReply reply = runner.handle(message).await(10, TimeUnit.SECONDS);

            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.status()).isEqualTo(EnhancedStatus.of(4, 3, 0));
            AuditRecord record = audit.store().find(audit.recordIdFor(message.queueId())).orElseThrow();
            assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(record.smtpReply()).startsWith("451 4.3.0");
            assertThat(record.errors()).anyMatch(e -> e.startsWith("pipeline-deadline: step never-completes")
                    && e.contains("PT0.3S"));
            // Nothing lost: the client was told to retry, and the stuck step still has the spooled bytes.
            assertThat(Files.exists(message.spoolFile())).isTrue();

            // When the stuck step ends after all, the message is not delivered behind the client's back,
            // and the audit log keeps exactly the one record.
            long recordsBefore = audit.store().count();
            never.countDown();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(message.spoolFile()) && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(message.spoolFile())).isFalse();
            assertThat(deliveries.get()).isZero();
            assertThat(audit.store().count()).isEqualTo(recordsBefore);
        } finally {
            never.countDown();
        }
    }

    @Test
    void handleShouldNotDeliverAMessageWhoseDeadlinePassedDuringTheTransfer(@TempDir Path auditDir) throws Exception {
        var config = new GatewayConfigLoader().load(Optional.empty(), List.of(
                "audit.sqliteFile=" + auditDir.resolve("audit.sqlite"), "audit.keyDir=" + auditDir, "audit.nodeId=gwT"));
        // A slow next hop: its 354 comes after the deadline, so the deadline passes in the middle of the delivery.
        try (ScriptedSmtpPeer slow = new ScriptedSmtpPeer(java.util.Map.of("DATA_DELAY_MS", "900"));
             AuditLog audit = AuditLog.open(config.audit())) {
            var relay = new vn.mailgw.gateway.delivery.SmtpRelay(new vn.mailgw.gateway.config.NextHopConfig(
                    Optional.of("127.0.0.1"), slow.port(), vn.mailgw.gateway.config.NextHopConfig.StartTls.OPPORTUNISTIC,
                    "gw.test", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
            PipelineRunner runner = new PipelineRunner(vertx, workers,
                    List.of(new vn.mailgw.gateway.delivery.DeliverMessage(relay)),
                    new AuditRecorder(audit, Clock.systemUTC()), Duration.ofMillis(300));
            ReceivedMessage message = TestMail.builder().spoolInto(spool);

            SmtpReply reply = runner.handle(message).await(10, TimeUnit.SECONDS);

            assertThat(reply.code()).isEqualTo(451);
            // The worker goes on with the transfer, then breaks it off before the final dot: the client's retry
            // will be the only copy the next hop ever queues.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slow.abortedMessages() + slow.messagesCompleted() == 0 && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
            assertThat(slow.abortedMessages()).isEqualTo(1);
            assertThat(slow.messagesCompleted()).isZero();
            assertThat(slow.commands()).contains("DATA");
            AuditRecord record = audit.store().find(audit.recordIdFor(message.queueId())).orElseThrow();
            assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(record.errors()).anyMatch(e -> e.startsWith("pipeline-deadline: step deliver"));
        }
    }

    @Test
    void handleShouldAnswer451WhenTheAuditCommitHangsPastTheDeadline(@TempDir Path auditDir) throws Exception {
        Path file = auditDir.resolve("audit.sqlite");
        var config = new GatewayConfigLoader().load(Optional.empty(), List.of(
                "audit.sqliteFile=" + file, "audit.keyDir=" + auditDir, "audit.nodeId=gwH"));
        Step delivers = step("deliver", c -> {
            c.markDelivered("test");
            return StepResult.proceed();
        });
        ReceivedMessage message = TestMail.builder().spoolInto(spool);
        try (AuditLog audit = AuditLog.open(config.audit());
             java.sql.Connection other = java.sql.DriverManager.getConnection(
                     "jdbc:sqlite:" + vn.mailgw.gateway.audit.JdbcAuditStore.chainFileOf(file))) {
            // Another process holds the write lock of the file appends commit into (the chain file, audit
            // migration V7): the audit writer waits (busy_timeout, 30 s).
            try (var st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
            PipelineRunner runner = new PipelineRunner(vertx, workers, List.of(delivers),
                    new AuditRecorder(audit, Clock.systemUTC()), Duration.ofMillis(500));

            // Well before the writer's 30 s: the deadline gives up the wait, and no 250 leaves unaudited.
            SmtpReply reply = runner.handle(message).await(10, TimeUnit.SECONDS);

            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.status()).isEqualTo(EnhancedStatus.of(4, 3, 0));
            try (var st = other.createStatement()) {
                st.execute("ROLLBACK");
            }
            // The worker thread does not keep the interrupt: the next message on the same pool is audited and
            // gets its 250 once the database is free again.
            ReceivedMessage next = TestMail.builder().spoolInto(spool);
            SmtpReply nextReply = runner.handle(next).await(10, TimeUnit.SECONDS);
            assertThat(nextReply.code()).isEqualTo(250);
            assertThat(audit.store().find(audit.recordIdFor(next.queueId()))).isPresent();
            // The first message's record was committed once the lock was free, after its client heard 451: it
            // says 451 (what the client heard), not the 250 the steps decided, and that the message went out.
            var late = audit.store().find(audit.recordIdFor(message.queueId())).orElseThrow();
            assertThat(late.smtpReply()).startsWith("451 4.3.0");
            assertThat(late.errors()).anyMatch(e -> e.startsWith("audit-deadline:") && e.contains("delivered (test)"));
            assertThat(vn.mailgw.gateway.audit.AuditLog.verifyAll(audit.store()))
                    .allMatch(vn.mailgw.gateway.audit.ChainVerdict::intact);
        }
    }
}
