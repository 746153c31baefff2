package vn.mailgw.gateway.pipeline;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import vn.mailgw.gateway.message.MessageHandler;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * Runs the ordered {@link Step}s for each received message on a named worker pool (never the event loop)
 * and answers the SMTP session. The runner, not the steps, owns (James ProcessorImpl):
 * <ul>
 *   <li>the logging context: {@code session} and {@code queue} are in the MDC for every log line written
 *       while the message's steps run, set and cleared inside the one worker task (thread-local MDC is not
 *       safe across event-loop callbacks);</li>
 *   <li>timing, and one summary line per message (from, nrcpt, size, result, ms);</li>
 *   <li>turning any exception into 451 4.3.0 without internal details for the client;</li>
 *   <li>the 250 rule: 250 only when a step marked the message delivered;</li>
 *   <li>deleting the spool file once the message is answered (a 4xx leaves the message with the client).</li>
 * </ul>
 */
public final class PipelineRunner implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final WorkerExecutor workers;
    private final List<Step> steps;

    public PipelineRunner(WorkerExecutor workers, List<Step> steps) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.steps = List.copyOf(steps);
        if (this.steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step (delivery)");
        }
    }

    @Override
    public Future<SmtpReply> handle(ReceivedMessage message) {
        // ordered=false: all sessions share one listen context, ordering would serialise every message.
        return workers.executeBlocking(() -> run(message), false);
    }

    /** Runs the pipeline on the calling thread; public so benchmarks and tools can run it without Vert.x. */
    public SmtpReply run(ReceivedMessage message) {
        long start = System.nanoTime();
        MDC.put("session", message.envelope().sessionId());
        MDC.put("queue", message.queueId());
        SmtpReply reply = PipelineReplies.localTemporaryFailure();
        try (MessageContext context = new MessageContext(message)) {
            reply = runSteps(context);
        } catch (RuntimeException | Error e) {
            LOG.error("pipeline failed outside any step", e);
        } finally {
            deleteSpoolFile(message);
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.info("message from=<{}> nrcpt={} size={} result=\"{} {}\" ms={}", message.envelope().reversePath(),
                    message.envelope().recipients().size(), message.size(), reply.code(),
                    reply.status() == null ? "" : reply.status(), ms);
            MDC.remove("session");
            MDC.remove("queue");
        }
        return reply;
    }

    private SmtpReply runSteps(MessageContext context) {
        for (Step step : steps) {
            long stepStart = System.nanoTime();
            StepResult result;
            try {
                result = step.apply(context);
            } catch (Exception e) {
                LOG.error("step {} failed; answering 451 4.3.0", step.name(), e);
                return PipelineReplies.localTemporaryFailure();
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("step {} -> {} in {} us", step.name(), result.getClass().getSimpleName(),
                        (System.nanoTime() - stepStart) / 1000);
            }
            if (result instanceof StepResult.TempFail tempFail) {
                LOG.warn("step {} failed temporarily: {}", step.name(), tempFail.cause());
                return tempFail.smtpReply();
            }
            if (result instanceof StepResult.Reject reject) {
                LOG.info("step {} refused the message: {} {}", step.name(), reject.smtpReply().code(),
                        reject.smtpReply().status());
                return reject.smtpReply();
            }
        }
        if (context.delivered().isEmpty()) {
            LOG.error("pipeline ended without delivering the message (no delivery step?); answering 451 4.3.0");
            return PipelineReplies.localTemporaryFailure();
        }
        if (!context.findings().isEmpty()) {
            LOG.info("findings: {}", context.findings());
        }
        LOG.debug("delivered: {}", context.delivered().get());
        return PipelineReplies.queued(context.queueId());
    }

    private static void deleteSpoolFile(ReceivedMessage message) {
        try {
            Files.deleteIfExists(message.spoolFile());
        } catch (IOException e) {
            LOG.warn("cannot delete spool file {}", message.spoolFile(), e);
        }
    }
}
