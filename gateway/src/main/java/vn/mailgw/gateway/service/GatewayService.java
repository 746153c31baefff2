package vn.mailgw.gateway.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.delivery.Delivery;
import vn.mailgw.gateway.freemail.FreemailEnvelopeChecks;
import vn.mailgw.gateway.freemail.FreemailPolicy;
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

    /** A message's steps may run long (30 MB to a slow next hop); Vert.x must not call that a blocked thread. */
    private static final long MAX_PIPELINE_TIME_MINUTES = 30;

    private final GatewayConfig config;
    private final WorkerExecutor pipelineWorkers;
    private final SmtpServer smtp;

    private GatewayService(GatewayConfig config, WorkerExecutor pipelineWorkers, SmtpServer smtp) {
        this.config = config;
        this.pipelineWorkers = pipelineWorkers;
        this.smtp = smtp;
    }

    /** Builds everything from the configuration and starts listening. */
    public static Future<GatewayService> start(Vertx vertx, GatewayConfig config) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        FreemailPolicy freemail;
        try {
            freemail = FreemailPolicy.fromConfig(config.freemail());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Delivery delivery = Delivery.fromConfig(config.delivery(), config.smtp().hostname());
        List<Step> steps = Pipelines.standard(config, freemail, delivery);
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("pipeline", config.workers().pipeline(),
                MAX_PIPELINE_TIME_MINUTES, TimeUnit.MINUTES);
        PipelineRunner runner = new PipelineRunner(workers, steps);
        SmtpServer smtp = SmtpServer.create(vertx, config.smtp().toServerConfig(config.spoolDir()),
                new FreemailEnvelopeChecks(freemail), runner);
        GatewayService service = new GatewayService(config, workers, smtp);
        return smtp.listen().map(s -> {
            LOG.info("gateway started: smtp {}:{}, delivery {}", config.smtp().host(), s.actualPort(),
                    config.delivery().nextHop().host().map(h -> "relay to " + h + ":" + config.delivery().nextHop().port())
                            .orElse("maildir " + config.delivery().maildir().toAbsolutePath()));
            return service;
        }).recover(e -> workers.close().transform(ignored -> Future.failedFuture(e)));
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
        return smtp.close().eventually(() -> pipelineWorkers.close());
    }
}
