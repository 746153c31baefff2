package vn.mailgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.MessageOutcomeHook;
import vn.mailgw.gateway.pipeline.PipelineRunner;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.verdict.DecideVerdict;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.MessageVerdict;

/**
 * What operators watch (Prometheus text format at {@code /metrics}): every answered message by reply and
 * enhanced status, the time from the final dot to the answer, the time of each pipeline step, message and
 * document verdicts, document types,
 * envelope refusals, open SMTP connections, and the JVM (memory, GC, threads, CPU). Counted where the gateway
 * already decides (the outcome hook, the envelope checks), so the numbers agree with the audit log.
 *
 * <p>Every label has a small, fixed set of values (reply codes, enhanced status codes, verdicts, document type
 * names): no addresses, file names or queue ids, which would grow the series without bound.
 */
public final class GatewayMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Clock clock;
    private final Timer answerTime;

    public GatewayMetrics(Clock clock) {
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        answerTime = Timer.builder("mailgw.message.answer")
                .description("time from the client's final dot to the gateway's reply (pipeline, delivery, audit)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Open SMTP connections, read when scraped. */
    public void gaugeOpenConnections(Supplier<Number> open) {
        Gauge.builder("mailgw.smtp.connections.open", open).description("SMTP connections open now").register(registry);
    }

    /**
     * The audit log's backlog, read when scraped: a growing commit queue comes before clients get 451 at the
     * pipeline deadline; a growing index backlog or a failing indexer means auditors do not see recent records yet.
     */
    public void gaugeAudit(Supplier<Number> awaitingCommit, Supplier<Number> awaitingIndex,
                           BooleanSupplier indexingFailing) {
        Gauge.builder("mailgw.audit.commit.waiting", awaitingCommit)
                .description("Messages whose reply waits for the audit writer's next commit").register(registry);
        Gauge.builder("mailgw.audit.index.backlog", awaitingIndex)
                .description("Audit records committed and not yet taken by the indexer").register(registry);
        Gauge.builder("mailgw.audit.index.failing", () -> indexingFailing.getAsBoolean() ? 1 : 0)
                .description("1 while the last indexing of audit records failed (they stay committed and are retried)")
                .register(registry);
    }

    /**
     * Wraps the outcome hook (the audit recorder): counts the reply the client really gets, after the hook
     * (which turns 250 into 451 when the audit record could not be written), and what the steps decided.
     */
    public MessageOutcomeHook counting(MessageOutcomeHook inner) {
        return (context, decided) -> {
            SmtpReply reply = inner.completed(context, decided);
            countAnswer(context, reply);
            return reply;
        };
    }

    /**
     * Each pipeline step's duration ({@code mailgw_pipeline_step_seconds{step}}: count, sum, max), so an operator
     * sees whether the signature check, the sender's DNS or the next hop is what got slow.
     */
    public PipelineRunner.StepTimings stepTimings() {
        // One timer per step name, looked up in a plain map: registering through the builder on every call would
        // build tags and a meter id for each of ~11 steps of every message.
        java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
        return (step, nanos) -> timers.computeIfAbsent(step, name -> Timer.builder("mailgw.pipeline.step")
                .description("time spent in each pipeline step")
                .tag("step", name).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Wraps the envelope checks: counts refusals at MAIL FROM and RCPT TO (free mail, daknong-2012 Art 9.4). */
    public EnvelopeChecks counting(EnvelopeChecks inner) {
        return new EnvelopeChecks() {
            @Override
            public Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
                return countRefusal("mail", inner.checkSender(reversePath, clientIp));
            }

            @Override
            public Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp) {
                return countRefusal("rcpt", inner.checkRecipient(reversePath, recipient, clientIp));
            }

            @Override
            public void dataRefused(String queueId, String reversePath, java.util.List<String> recipients,
                                    String clientIp, String helo, long size, SmtpReply reply) {
                countRefusal("data", Optional.of(reply));
                inner.dataRefused(queueId, reversePath, recipients, clientIp, helo, size, reply);
            }
        };
    }

    private Optional<SmtpReply> countRefusal(String stage, Optional<SmtpReply> refusal) {
        refusal.ifPresent(r -> Counter.builder("mailgw.envelope.refusals")
                .description("messages refused by the SMTP session itself (MAIL, RCPT, end of DATA), by stage and enhanced status")
                .tag("stage", stage).tag("reply", String.valueOf(r.code())).tag("status", status(r))
                .register(registry).increment());
        return refusal;
    }

    private void countAnswer(MessageContext context, SmtpReply reply) {
        Counter.builder("mailgw.messages")
                .description("messages answered after DATA, by reply code and enhanced status")
                .tag("reply", String.valueOf(reply.code())).tag("status", status(reply))
                .register(registry).increment();
        Duration since = Duration.between(context.message().receivedAt(), clock.instant());
        if (!since.isNegative()) {
            answerTime.record(since);
        }
        Optional<MessageVerdict> verdict = context.get(DecideVerdict.VERDICT);
        verdict.ifPresent(v -> {
            Counter.builder("mailgw.message.verdicts").description("message verdicts (the worst of its documents)")
                    .tag("verdict", v.verdict().name()).register(registry).increment();
            for (DocumentVerdict d : v.documents()) {
                Counter.builder("mailgw.documents").description("documents judged, by verdict")
                        .tag("verdict", d.verdict().name()).register(registry).increment();
            }
        });
        for (AttachmentClassification c : context.get(ClassifyDocuments.CLASSIFICATIONS).orElse(java.util.List.of())) {
            Counter.builder("mailgw.document.types").description("attachments classified, by document type")
                    .tag("type", c.classification().type().name()).register(registry).increment();
        }
    }

    private static String status(SmtpReply reply) {
        return reply.status() == null ? "none" : reply.status().toString();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
