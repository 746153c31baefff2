package vn.mailgw.gateway.notify;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.auth.AuthenticateSender;
import vn.mailgw.gateway.delivery.Delivery;
import vn.mailgw.gateway.delivery.DeliveryOutcome;
import vn.mailgw.gateway.delivery.OutgoingMessage;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.MessageSubject;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.verdict.DecideVerdict;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.validation.verdict.MessageVerdict;

/**
 * After delivery: tells the sending agency about documents that are not paper-equivalent (daknong-2012 Art 9.3),
 * through the same delivery as the mail itself. Best effort: its outcome never changes the client's reply,
 * because the message is already delivered.
 */
public final class NotifySender implements Step {

    private static final Logger LOG = LoggerFactory.getLogger(NotifySender.class);

    private final SenderNotifier notifier;
    private final Supplier<AgencyRegistry> registry;
    private final Delivery delivery;
    private final String envelopeFrom;

    public NotifySender(SenderNotifier notifier, Supplier<AgencyRegistry> registry, Delivery delivery,
                        String envelopeFrom) {
        this.notifier = notifier;
        this.registry = registry;
        this.delivery = delivery;
        this.envelopeFrom = envelopeFrom;
    }

    @Override
    public String name() {
        return "notify-sender";
    }

    @Override
    public StepResult apply(MessageContext context) {
        try {
            notifyIfNeeded(context);
        } catch (Exception e) {
            LOG.warn("queue={} notification failed: {}", context.queueId(), e.toString());
            context.addFinding("notification failed: " + e.getMessage());
        }
        return StepResult.proceed();
    }

    private void notifyIfNeeded(MessageContext context) throws Exception {
        if (context.delivered().isEmpty()) {
            return;
        }
        MessageVerdict verdict = context.require(DecideVerdict.VERDICT);
        AuthenticateSender.SenderCheck sender = context.require(AuthenticateSender.SENDER);
        String subject = "";
        Optional<String> messageId = Optional.empty();
        boolean autoSubmitted = false;
        if (context.get(ParseMime.MIME).orElse(null) instanceof ParsedMime.Parsed parsed) {
            MimeMessage m = parsed.message();
            subject = MessageSubject.of(m);
            messageId = Optional.ofNullable(m.getMessageID());
            String[] auto = m.getHeader("Auto-Submitted");
            autoSubmitted = auto != null && !auto[0].strip().equalsIgnoreCase("no");
        }
        Notification n = notifier.decide(verdict, sender.facts(), registry.get().lookup(sender.facts().headerFrom()),
                autoSubmitted, subject, messageId,
                context.get(vn.mailgw.gateway.stamp.StampVerdict.AUDIT_ID).orElse(context.queueId()));
        if (n instanceof Notification.Skip skip) {
            context.addFinding("no notification: " + skip.why());
            return;
        }
        Notification.Send send = (Notification.Send) n;
        Path spool = context.message().spoolFile();
        Path file = spool.resolveSibling(spool.getFileName() + ".notice");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                send.message().writeTo(out);
            }
            Envelope original = context.message().envelope();
            Envelope envelope = new Envelope(original.sessionId(), envelopeFrom, List.of(send.recipient()), "127.0.0.1",
                    original.helo(), false, false, "8BITMIME");
            DeliveryOutcome outcome = delivery.deliver(new OutgoingMessage(context.queueId() + "N", envelope, List.of(),
                    file, Files.size(file)));
            context.addFinding("notification to " + send.recipient() + ": " + outcome.getClass().getSimpleName());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
