package vn.mailgw.gateway.audit;

import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.spool.QueueIds;

/**
 * Records the refusals the SMTP session gives before DATA (e.g. a free-mail MAIL FROM, daknong-2012 Art 9.4),
 * so the repeat-violator list (cantho-2005 Art 10.2) sees them too. The checks run on the event loop and must
 * not block, so the record is written on a worker afterwards: a refusal promises the client nothing, unlike
 * a 250. Such records get an id of their own, {@code <node>.E<queue-id-like>}, since no queue id exists yet.
 */
public final class AuditedEnvelopeChecks implements EnvelopeChecks {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedEnvelopeChecks.class);

    private final EnvelopeChecks checks;
    private final AuditLog log;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final QueueIds ids = new QueueIds();

    public AuditedEnvelopeChecks(EnvelopeChecks checks, AuditLog log, WorkerExecutor workers, Clock clock) {
        this.checks = checks;
        this.log = log;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
        Optional<SmtpReply> refusal = checks.checkSender(reversePath, clientIp);
        refusal.ifPresent(reply -> record(reversePath, List.of(), clientIp, reply));
        return refusal;
    }

    @Override
    public Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp) {
        Optional<SmtpReply> refusal = checks.checkRecipient(reversePath, recipient, clientIp);
        refusal.ifPresent(reply -> record(reversePath, List.of(recipient), clientIp, reply));
        return refusal;
    }

    /**
     * A message the session refused at the end of DATA (bare CR/LF, too large, a line over 1000 octets): recorded
     * under its own queue id with the reply as its error text, so "what happened to my message" has an answer.
     */
    @Override
    public void dataRefused(String queueId, String reversePath, List<String> recipients, String clientIp,
                            String helo, long size, SmtpReply reply) {
        String text = AuditRecorder.replyText(reply);
        append(queueId, reversePath, recipients, clientIp, helo, size, reply, List.of(),
                List.of("smtp-data-refused: " + text), "a DATA refusal (queue " + queueId + ")");
    }

    private void record(String sender, List<String> recipients, String clientIp, SmtpReply reply) {
        append("E" + ids.next(), sender, recipients, clientIp, null, null, reply,
                List.of(AuditRecorder.replyText(reply)), List.of(), "an envelope refusal (sender " + sender + ")");
    }

    /** A refused message's record, appended on a worker (the session calls from its event loop). */
    private void append(String queueId, String sender, List<String> recipients, String clientIp, String helo,
                        Long size, SmtpReply reply, List<String> reasonCodes, List<String> errors, String what) {
        boolean refused = reply.isPermanentFailure();
        MessageAudit audit = new MessageAudit(clock.instant(), queueId, null, sender, null, recipients, clientIp,
                helo, size, null, null, null, refused ? "REFUSED" : null, reasonCodes,
                refused ? Outcome.REFUSED : Outcome.FAILED, AuditRecorder.replyText(reply), errors, List.of());
        workers.executeBlocking(() -> log.append(audit), false)
                .onFailure(e -> LOG.error("audit of {} failed", what, e));
    }
}
