package vn.mailgw.gateway.smtp.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.smtp.SmtpServer;
import vn.mailgw.gateway.smtp.SmtpServerConfig;

/**
 * Benchmark only (not a test): the SMTP layer alone, with a sink pipeline that deletes each spool
 * file on a worker and answers 250. Usage: {@code SmtpIngestBenchServer <port> <spoolDir>}.
 * Run by bench/smtp/run.sh.
 */
public final class SmtpIngestBenchServer {

    private SmtpIngestBenchServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path spool = Path.of(args[1]);
        Vertx vertx = Vertx.vertx();
        SmtpServerConfig config = SmtpServerConfig.DEFAULT.withPort(port).withSpoolDirectory(spool)
                .withLimits(1000, 1000, 100, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 10);
        SmtpServer server = SmtpServer.create(vertx, config, EnvelopeChecks.NONE, message ->
                vertx.executeBlocking(() -> {
                    Files.delete(message.spoolFile());
                    return SmtpReply.of(250, EnhancedStatus.of(2, 0, 0), "Ok: queued as " + message.queueId());
                }, false));
        Future<SmtpServer> listening = server.listen();
        listening.toCompletionStage().toCompletableFuture().get();
        System.out.println("listening on " + server.actualPort());
    }
}
