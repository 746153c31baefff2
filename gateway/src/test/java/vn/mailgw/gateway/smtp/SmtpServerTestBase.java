package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.message.EnvelopeChecks;

/** Starts a real SmtpServer on 127.0.0.1 with an ephemeral port for each test. */
abstract class SmtpServerTestBase {

    @TempDir
    Path spool;

    Vertx vertx;
    RecordingHandler handler;
    SmtpServer server;

    @BeforeEach
    void startVertx() {
        // Stack traces for any event-loop block over 1.5 s: blocking work must never run there.
        vertx = Vertx.vertx(new VertxOptions().setWarningExceptionTime(1500).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        handler = new RecordingHandler(vertx);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            await(server.close());
        }
        await(vertx.close());
    }

    SmtpServerConfig config() {
        return SmtpServerConfig.DEFAULT.withPort(0).withSpoolDirectory(spool);
    }

    SmtpServer start(SmtpServerConfig config) throws Exception {
        return start(config, EnvelopeChecks.NONE);
    }

    SmtpServer start(SmtpServerConfig config, EnvelopeChecks checks) throws Exception {
        server = await(SmtpServer.create(vertx, config, checks, handler).listen());
        return server;
    }

    RawSmtpClient connect() throws Exception {
        RawSmtpClient client = new RawSmtpClient(server.actualPort());
        assertThat(client.reply()).startsWith("220 ");
        return client;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }

    long spoolFileCount() throws Exception {
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }
}
