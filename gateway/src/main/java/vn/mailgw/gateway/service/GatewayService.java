package vn.mailgw.gateway.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Instant;
import vn.mailgw.gateway.audit.AuditLog;
import vn.mailgw.gateway.audit.AuditedEnvelopeChecks;
import vn.mailgw.gateway.audit.AuditRecorder;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.http.GatewayHttpServer;
import vn.mailgw.gateway.delivery.Delivery;
import vn.mailgw.gateway.freemail.FreemailEnvelopeChecks;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.metrics.GatewayMetrics;
import vn.mailgw.gateway.pipeline.PipelineRunner;
import vn.mailgw.gateway.pipeline.Pipelines;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.smtp.SmtpServer;

/**
 * The running gateway, assembled from one {@link GatewayConfig}: the SMTP server with the free-mail
 * envelope checks, handing messages to the pipeline runner on the "pipeline" worker pool, which delivers
 * to the next hop or the Maildir. {@code serve} and the end-to-end tests start it the same way.
 */
public final class GatewayService {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    /**
     * A message's steps may run long (30 MB to a slow next hop); Vert.x must not call that a blocked thread.
     * The pipeline's own deadline ({@code workers.pipelineDeadline}) answers the client well before this.
     */
    private static final long MAX_PIPELINE_TIME_MINUTES = 30;

    private final GatewayConfig config;
    private final WorkerExecutor pipelineWorkers;
    private final SmtpServer smtp;
    private final AuditLog audit;
    private final GatewayHttpServer http;
    private final GatewayMetrics metrics;
    private int httpPort;

    private GatewayService(GatewayConfig config, WorkerExecutor pipelineWorkers, SmtpServer smtp, AuditLog audit,
                           GatewayHttpServer http, GatewayMetrics metrics) {
        this.config = config;
        this.pipelineWorkers = pipelineWorkers;
        this.smtp = smtp;
        this.audit = audit;
        this.http = http;
        this.metrics = metrics;
    }

    /** Builds everything from the configuration and starts listening. */
    public static Future<GatewayService> start(Vertx vertx, GatewayConfig config) {
        if (!config.verdict().enabled()) {
            return start(vertx, config, java.util.Optional.empty());
        }
        try {
            return start(vertx, config, java.util.Optional.of(
                    vn.mailgw.gateway.verdict.VerdictServices.fromConfig(config.verdict(), config.validation(),
                            java.time.Clock.systemUTC())));
        } catch (java.io.IOException | RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Starts with the given verdict services (the demo passes its own province); empty = no verdict steps. */
    public static Future<GatewayService> start(Vertx vertx, GatewayConfig config,
                                               java.util.Optional<vn.mailgw.gateway.verdict.VerdictServices> verdict) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        FreemailPolicy freemail;
        try {
            freemail = FreemailPolicy.fromConfig(config.freemail());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // The audit log opens first: without it no message may be answered 250 (blocking, once, at start-up).
        AuditLog audit;
        try {
            audit = AuditLog.open(config.audit());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Delivery delivery = Delivery.fromConfig(config.delivery(), config.smtp().hostname());
        List<Step> steps = Pipelines.standard(config, freemail, delivery, verdict);
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("pipeline", config.workers().pipeline(),
                MAX_PIPELINE_TIME_MINUTES, TimeUnit.MINUTES);
        GatewayMetrics metrics = new GatewayMetrics(Clock.systemUTC());
        PipelineRunner runner = new PipelineRunner(vertx, workers, steps,
                metrics.counting(new AuditRecorder(audit, Clock.systemUTC())), config.workers().pipelineDeadline(),
                metrics.stepTimings());
        SmtpServer smtp = SmtpServer.create(vertx, config.smtp().toServerConfig(config.spoolDir()), metrics.counting(
                new AuditedEnvelopeChecks(new FreemailEnvelopeChecks(freemail), audit, workers, Clock.systemUTC())), runner);
        metrics.gaugeOpenConnections(smtp::openConnections);
        metrics.gaugeAudit(audit::messagesAwaitingCommit, audit::recordsAwaitingIndex, audit::indexingFailing);
        GatewayHttpServer http = new GatewayHttpServer(vertx, config.http(), audit.store(), metrics);
        GatewayService service = new GatewayService(config, workers, smtp, audit, http, metrics);
        return http.start().compose(httpPort -> {
            service.httpPort = httpPort;
            service.schedulePurge(vertx);
            return smtp.listen();
        }).map(s -> {
            LOG.info("gateway started: smtp {}:{}, delivery {}", config.smtp().host(), s.actualPort(),
                    config.delivery().nextHop().host().map(h -> "relay to " + h + ":" + config.delivery().nextHop().port())
                            .orElse("maildir " + config.delivery().maildir().toAbsolutePath()));
            return service;
        }).recover(e -> http.stop().eventually(workers::close).eventually(() -> {
            audit.close();
            metrics.close();
            return Future.succeededFuture();
        }).transform(ignored -> Future.failedFuture(e)));
    }

    /** Retention (sonla-2025 Art 11.1, daknong-2012 Art 11.2(e)): purge on a worker, then every interval. */
    private void schedulePurge(Vertx vertx) {
        AuditLog.RetentionPolicy retention = AuditLog.RetentionPolicy.of(config.audit());
        vertx.setPeriodic(60_000, config.audit().purgeInterval().toMillis(), id ->
                pipelineWorkers.executeBlocking(() -> {
                    var result = audit.purge(retention, Instant.now());
                    audit.store().optimize();
                    return result;
                }, false)
                        .onSuccess(r -> LOG.info("audit purge: {} record(s) removed", r.purgedRecords()))
                        .onFailure(e -> LOG.error("audit purge failed", e)));
    }

    public int httpPort() {
        return httpPort;
    }

    public AuditLog audit() {
        return audit;
    }

    public int smtpPort() {
        return smtp.actualPort();
    }

    public GatewayConfig config() {
        return config;
    }

    /**
     * Graceful stop: the SMTP server stops accepting and tells open sessions 421; messages already in the
     * pipeline finish (their clients get their replies) before the worker pool closes.
     */
    public Future<Void> stop() {
        return smtp.close().eventually(() -> pipelineWorkers.close()).eventually(http::stop).eventually(() -> {
            audit.close();
            metrics.close();
            return Future.succeededFuture();
        });
    }
}
