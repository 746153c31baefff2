package vn.mailgw.gateway.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
 *   <li>timing, and one summary line per message (from, nrcpt, size, result, ms, the steps' findings);</li>
 *   <li>turning any exception into 451 4.3.0 without internal details for the client;</li>
 *   <li>the 250 rule: 250 only when a step marked the message delivered;</li>
 *   <li>deleting the spool file once the message is answered (a 4xx leaves the message with the client);</li>
 *   <li>the deadline: a message whose steps have not finished after {@code workers.pipelineDeadline} is
 *       answered 451 4.3.0 (the client keeps it and retries) and audited as such, whatever the stuck step
 *       does later (see {@link MessageRun}); a delivery under way when it passes stops before its commit point
 *       (the final dot, the Maildir rename: {@link MessageContext#abandoned()}), so the retry is not a duplicate.
 *       Only a next hop that is slow after the final dot can still receive a message the client was told to
 *       retry (RFC 1047's duplicate; logged). The deadline also bounds the outcome hook: an audit commit still
 *       waiting when it passes is given up (451, see {@link MessageRun#interruptOutcomeHook()}).</li>
 * </ul>
 */
public final class PipelineRunner implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final WorkerExecutor workers;
    private final List<Step> steps;
    private final MessageOutcomeHook outcomeHook;
    /** With the deadline: the Vert.x instance for its timer and for auditing an expired message. */
    private final Optional<Vertx> vertx;
    private final Duration deadline;
    private final StepTimings stepTimings;

    /** Where each step's duration goes (the metrics); called on the worker, must be cheap and thread-safe. */
    @FunctionalInterface
    public interface StepTimings {
        void record(String step, long nanos);

        StepTimings NONE = (step, nanos) -> { };
    }

    public PipelineRunner(WorkerExecutor workers, List<Step> steps) {
        this(workers, steps, MessageOutcomeHook.NONE);
    }

    /** With a hook that sees every message's final reply (the audit log); no deadline. */
    public PipelineRunner(WorkerExecutor workers, List<Step> steps, MessageOutcomeHook outcomeHook) {
        this(Optional.empty(), workers, steps, outcomeHook, Duration.ZERO, StepTimings.NONE);
    }

    /**
     * With a deadline per message: after {@code deadline} without a result the client gets 451 4.3.0 and the
     * hook records the message as failed with the step that did not finish.
     */
    public PipelineRunner(Vertx vertx, WorkerExecutor workers, List<Step> steps, MessageOutcomeHook outcomeHook,
                          Duration deadline) {
        this(vertx, workers, steps, outcomeHook, deadline, StepTimings.NONE);
    }

    /** The same, telling {@code stepTimings} how long every step took (the gateway's metrics). */
    public PipelineRunner(Vertx vertx, WorkerExecutor workers, List<Step> steps, MessageOutcomeHook outcomeHook,
                          Duration deadline, StepTimings stepTimings) {
        this(Optional.of(vertx), workers, steps, outcomeHook, deadline, stepTimings);
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the pipeline deadline must be positive, not " + deadline);
        }
    }

    private PipelineRunner(Optional<Vertx> vertx, WorkerExecutor workers, List<Step> steps,
                           MessageOutcomeHook outcomeHook, Duration deadline, StepTimings stepTimings) {
        this.vertx = vertx;
        this.deadline = deadline;
        this.stepTimings = Objects.requireNonNull(stepTimings, "stepTimings");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.outcomeHook = Objects.requireNonNull(outcomeHook, "outcomeHook");
        this.steps = List.copyOf(steps);
        if (this.steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step (delivery)");
        }
    }

    @Override
    public Future<SmtpReply> handle(ReceivedMessage message) {
        MessageRun run = new MessageRun();
        // ordered=false: all sessions share one listen context, ordering would serialise every message.
        Future<SmtpReply> work = workers.executeBlocking(() -> run(message, run), false);
        if (vertx.isEmpty()) {
            return work;
        }
        Vertx v = vertx.get();
        Promise<SmtpReply> answer = Promise.promise();
        long timer = v.setTimer(deadline.toMillis(), id -> {
            if (run.claimForDeadline()) {
                // On Vert.x's default worker pool: the pipeline pool may be full of stuck steps.
                v.executeBlocking(() -> auditExpired(message, run.currentStep()), false)
                        .onComplete(audited -> answer.complete(audited.succeeded() ? audited.result()
                                : PipelineReplies.localTemporaryFailure()));
            } else if (run.interruptOutcomeHook()) {
                // The steps finished in time but the audit commit hangs (a stalled database): stop waiting for
                // it, so the hook answers 451 (never an unaudited 250) instead of the session hanging.
                LOG.error("pipeline deadline of {} passed while the audit record of queue {} was being committed; "
                        + "the client gets 451 4.3.0", deadline, message.queueId());
            }
        });
        work.onComplete(done -> {
            v.cancelTimer(timer);
            // Whoever claimed the answer gives it; a worker that ended without claiming (a fault outside the
            // steps) answers now unless the deadline has claimed it already.
            if (run.answeredByWorker() || run.claimAnswer()) {
                answer.handle(done);
            }
        });
        return answer.future();
    }

    /** Runs the pipeline on the calling thread; public so benchmarks and tools can run it without Vert.x. */
    public SmtpReply run(ReceivedMessage message) {
        return run(message, new MessageRun());
    }

    private SmtpReply run(ReceivedMessage message, MessageRun run) {
        long start = System.nanoTime();
        MDC.put("session", message.envelope().sessionId());
        MDC.put("queue", message.queueId());
        SmtpReply reply = PipelineReplies.localTemporaryFailure();
        List<String> findings = List.of();
        try (MessageContext context = new MessageContext(message, run::expired)) {
            SmtpReply decided = runSteps(context, run);
            if (!run.claimAnswer()) {
                // The deadline answered 451 and audited the message; this late result goes nowhere.
                LOG.warn("pipeline finished after its deadline of {} with {} {}; the client was told 451 and "
                        + "will retry{}", deadline, decided.code(), decided.status() == null ? "" : decided.status(),
                        decided.isPositive() ? " (the next hop may receive this message twice)" : "");
                return PipelineReplies.localTemporaryFailure();
            }
            findings = context.findings();
            // Assigned only when the hook returns: a hook that throws leaves the 451 above (never an unaudited 250).
            run.enterOutcomeHook();
            try {
                reply = outcomeHook.completed(context, decided);
            } finally {
                run.leaveOutcomeHook();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("pipeline failed outside any step", e);
        } finally {
            deleteSpoolFile(message);
            long ms = (System.nanoTime() - start) / 1_000_000;
            // One line per message (Postfix's habit): what happened, and what the steps found on the way.
            LOG.info("message from=<{}> nrcpt={} size={} result=\"{} {}\" ms={}{}", message.envelope().reversePath(),
                    message.envelope().recipients().size(), message.size(), reply.code(),
                    reply.status() == null ? "" : reply.status(), ms, findings.isEmpty() ? "" : " findings=" + findings);
            MDC.remove("session");
            MDC.remove("queue");
        }
        return reply;
    }

    /**
     * The deadline path: a fresh context (the stuck worker still owns the message's own context, which is not
     * thread-safe) with a finding naming the step, recorded by the hook with a 451.
     */
    private SmtpReply auditExpired(ReceivedMessage message, String stuckStep) {
        MDC.put("session", message.envelope().sessionId());
        MDC.put("queue", message.queueId());
        try (MessageContext context = new MessageContext(message)) {
            LOG.error("pipeline deadline of {} passed in step {}; answering 451 4.3.0 (the client keeps the message)",
                    deadline, stuckStep);
            context.addFinding("pipeline-deadline: step " + stuckStep + " did not finish within " + deadline
                    + "; answered 451, the client keeps the message and retries");
            return outcomeHook.completed(context, PipelineReplies.localTemporaryFailure());
        } finally {
            MDC.remove("session");
            MDC.remove("queue");
        }
    }

    private SmtpReply runSteps(MessageContext context, MessageRun run) {
        for (Step step : steps) {
            if (run.expired()) {
                // Do not go on (above all: do not deliver) a message the client was already told to retry.
                return PipelineReplies.localTemporaryFailure();
            }
            run.enter(step.name());
            long stepStart = System.nanoTime();
            StepResult result;
            try {
                result = step.apply(context);
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                // Errors too: a hostile attachment that exhausts a library's stack or the heap fails this message
                // (451, the client keeps it) with an audit record naming the step, not the worker and the record.
                LOG.error("step {} failed; answering 451 4.3.0", step.name(), e);
                context.addFinding("step-failed: " + step.name() + ": " + e);
                return PipelineReplies.localTemporaryFailure();
            }
            long stepNanos = System.nanoTime() - stepStart;
            stepTimings.record(step.name(), stepNanos);
            if (LOG.isDebugEnabled()) {
                LOG.debug("step {} -> {} in {} us", step.name(), result.getClass().getSimpleName(), stepNanos / 1000);
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

    /**
     * One message's race between its worker and its deadline. Exactly one of them answers the client and runs
     * the outcome hook (one audit record per queue id): whoever claims first. A worker that loses stops
     * before its next step.
     */
    private static final class MessageRun {
        private enum Answerer { NOBODY_YET, WORKER, DEADLINE }

        private final AtomicReference<Answerer> answerer = new AtomicReference<>(Answerer.NOBODY_YET);
        private volatile String currentStep = "(none yet)";

        /** The worker claims the answer; false when the deadline has already answered. */
        boolean claimAnswer() {
            return answerer.compareAndSet(Answerer.NOBODY_YET, Answerer.WORKER);
        }

        boolean claimForDeadline() {
            return answerer.compareAndSet(Answerer.NOBODY_YET, Answerer.DEADLINE);
        }

        boolean expired() {
            return answerer.get() == Answerer.DEADLINE;
        }

        boolean answeredByWorker() {
            return answerer.get() == Answerer.WORKER;
        }

        void enter(String step) {
            currentStep = step;
        }

        /** The worker while it runs the outcome hook (the audit commit), else null; guarded by {@code this}. */
        private Thread inOutcomeHook;
        private boolean outcomeHookLeft;
        private boolean hookDeadlinePassed;

        synchronized void enterOutcomeHook() {
            inOutcomeHook = Thread.currentThread();
            if (hookDeadlinePassed) {
                inOutcomeHook.interrupt(); // the deadline came between the worker's claim and this line
            }
        }

        /** Ends the hook; clears an interrupt meant for it so the pooled thread does not carry it on. */
        void leaveOutcomeHook() {
            synchronized (this) {
                inOutcomeHook = null;
                outcomeHookLeft = true;
            }
            Thread.interrupted();
        }

        /**
         * Interrupts the worker's outcome hook unless it has finished: the audit log's wait for its commit then
         * ends with an error, which the hook turns into 451. Only the wait is cut short (the commit runs on the
         * audit log's writer thread); a record committed later says the 451 (see {@code AuditRecorder}).
         */
        synchronized boolean interruptOutcomeHook() {
            if (outcomeHookLeft) {
                return false;
            }
            hookDeadlinePassed = true;
            if (inOutcomeHook != null) {
                inOutcomeHook.interrupt();
            }
            return true;
        }

        String currentStep() {
            return currentStep;
        }
    }
}
