package vn.mailgw.gateway.audit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.MessageOutcomeHook;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.PipelineReplies;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * The pipeline's audit step: after the steps, for every message (delivered, refused or failed), appends its
 * record and waits for the commit. A 250 whose record cannot be committed becomes a 451: the client retries
 * and the retry is audited. (The next hop may then get the message twice; a duplicate is better than an
 * accepted message the auditors cannot see.)
 *
 * <p>Later steps leave their findings for the record on the context: {@link #FACTS} (agency, profile,
 * message verdict, sender authentication) and {@link #DOCUMENTS} (one entry per attachment).
 */
public final class AuditRecorder implements MessageOutcomeHook {

    /** Message-level facts from the sender checks and the verdict step. */
    public static final Attribute<AuditFacts> FACTS = Attribute.of("audit-facts", AuditFacts.class);
    /** Per-attachment results from the validation and verdict steps, in attachment order. */
    public static final Attribute<AuditDocuments> DOCUMENTS = Attribute.of("audit-documents", AuditDocuments.class);

    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

    private final AuditLog log;
    private final Clock clock;

    public AuditRecorder(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param agency      the sending agency from the registry; null when unknown
     * @param profile     the policy profile in force
     * @param verdict     the message verdict; null when not decided
     * @param reasonCodes message-level reasons, citing articles
     * @param authResults the Authentication-Results value; null when not checked
     */
    public record AuditFacts(String agency, String profile, String verdict, List<String> reasonCodes, String authResults) {
        public AuditFacts {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    public record AuditDocuments(List<DocumentAudit> documents) {
        public AuditDocuments {
            documents = List.copyOf(documents);
        }
    }

    @Override
    public SmtpReply completed(MessageContext context, SmtpReply reply) {
        try {
            // The deadline may cut the wait for the commit short: the client then hears 451 instead of 250, and the
            // record should say so (while the writer has not chained it yet), with what already went out.
            AppendReceipt receipt = log.append(toAudit(context, reply),
                    reply.isPositive() ? () -> answeredLate(context) : null);
            LOG.debug("audit record {} (seq {})", receipt.messageRecordId(), receipt.head().lastSeq());
            return reply;
        } catch (RuntimeException e) {
            LOG.error("audit append failed; {}", reply.isPositive() ? "answering 451 instead of 250" : "reply unchanged", e);
            return reply.isPositive() ? PipelineReplies.localTemporaryFailure() : reply;
        }
    }

    private MessageAudit answeredLate(MessageContext context) {
        MessageAudit late = toAudit(context, PipelineReplies.localTemporaryFailure());
        List<String> errors = new ArrayList<>(late.errors());
        errors.add("audit-deadline: the pipeline deadline passed before this record was committed; the client was"
                + " told 451 and will retry, although the message was already delivered ("
                + context.delivered().orElse("?") + "): the retry delivers it again");
        return new MessageAudit(late.time(), late.queueId(), late.messageId(), late.envelopeSender(), late.headerFrom(),
                late.recipients(), late.clientIp(), late.helo(), late.sizeBytes(), late.authResults(), late.agency(),
                late.profile(), late.verdict(), late.reasonCodes(), late.outcome(), late.smtpReply(), errors,
                late.documents());
    }

    MessageAudit toAudit(MessageContext context, SmtpReply reply) {
        ReceivedMessage m = context.message();
        Envelope env = m.envelope();
        String messageId = null;
        String headerFrom = null;
        List<String> errors = new ArrayList<>(context.findings());
        if (context.get(ParseMime.MIME).orElse(null) instanceof ParsedMime.Parsed parsed) {
            MimeMessage mime = parsed.message();
            try {
                messageId = mime.getMessageID();
                String[] from = mime.getHeader("From");
                if (from != null && from.length > 0) {
                    InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
                    headerFrom = addresses.length > 0 ? addresses[0].getAddress() : null;
                }
            } catch (MessagingException e) {
                errors.add("header-unreadable: " + e.getMessage());
            }
        }
        AuditFacts facts = context.get(FACTS).orElse(new AuditFacts(null, null, null, List.of(), null));
        // Without the verdict steps' documents (a secret document refused by classification, verdict disabled),
        // the classification still tells the auditors which files came and what they were.
        List<DocumentAudit> documents = context.get(DOCUMENTS).map(AuditDocuments::documents)
                .orElseGet(() -> classifiedOnly(context));
        Outcome outcome = reply.isPositive() ? Outcome.DELIVERED : reply.isPermanentFailure() ? Outcome.REFUSED
                : Outcome.FAILED;
        String verdict = outcome == Outcome.REFUSED && facts.verdict() == null ? "REFUSED" : facts.verdict();
        return new MessageAudit(clock.instant(), m.queueId(), messageId, env.reversePath(), headerFrom,
                env.recipients(), env.clientIp(), env.helo(), m.size(), facts.authResults(), facts.agency(),
                facts.profile(), verdict, facts.reasonCodes(), outcome, replyText(reply), errors, documents);
    }

    static String replyText(SmtpReply reply) {
        return reply.code() + (reply.status() == null ? "" : " " + reply.status()) + " " + String.join(" ", reply.lines());
    }

    private static List<DocumentAudit> classifiedOnly(MessageContext context) {
        List<DocumentAudit> documents = new ArrayList<>();
        for (vn.mailgw.gateway.classify.AttachmentClassification c
                : context.get(vn.mailgw.gateway.classify.ClassifyDocuments.CLASSIFICATIONS).orElse(List.of())) {
            if (!c.sha256().matches("[0-9a-f]{64}")) {
                continue; // too large to read: no hash; the finding names it
            }
            List<String> reasons = c.classification().secrecy() instanceof vn.mailgw.validation.classify.SecrecyFinding.Marked m
                    ? List.of("SECRET_DOCUMENT " + m.level() + " " + vn.mailgw.gateway.classify.SecretDocumentRefusal.CITATION)
                    : List.of();
            documents.add(new DocumentAudit(c.fileName().isEmpty() ? "(không tên)" : c.fileName(), c.sha256(), null,
                    null, reasons, c.typeLabel(), null, List.of(), List.of(), List.of()));
        }
        return documents;
    }
}
