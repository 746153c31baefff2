package vn.mailgw.gateway.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Properties;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.validation.policy.Condition;
import vn.mailgw.validation.policy.Profile;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.Reason;
import vn.mailgw.validation.verdict.SenderFacts;
import vn.mailgw.validation.verdict.Verdict;

/**
 * Tells the sending agency, in Vietnamese with English below, which of its documents are not paper-equivalent,
 * why (with articles), and that the paper original must follow (daknong-2012 Art 9.3). Sends only to an
 * authenticated official mailbox of the registry: never to free mail, unauthenticated or unknown senders, bounces
 * or auto-generated mail, so a forged sender can never make the gateway mail a third party (no backscatter).
 */
public final class SenderNotifier {

    private final NotifyConfig config;
    private final Profile profile;
    private final Session session = Session.getInstance(new Properties());

    public SenderNotifier(NotifyConfig config, Profile profile) {
        this.config = config;
        this.profile = profile;
    }

    /**
     * @param mailbox       the registry entry of the header From, if any
     * @param autoSubmitted whether the incoming message says Auto-Submitted other than "no" (RFC 3834)
     * @param subject       the incoming message's subject (display only)
     * @param messageId     the incoming Message-ID, for In-Reply-To
     */
    public Notification decide(MessageVerdict verdict, SenderFacts sender, Optional<AgencyEntry> mailbox,
                               boolean autoSubmitted, String subject, Optional<String> messageId, String auditId) {
        if (!config.enabled()) {
            return new Notification.Skip("notifications disabled");
        }
        if (!verdict.hasDocumentsNotPaperEquivalent()) {
            return new Notification.Skip("every document is paper-equivalent or not a document");
        }
        if (sender.freeMail()) {
            return new Notification.Skip("free-mail sender");
        }
        if (!sender.authentication().authenticated()) {
            return new Notification.Skip("sender not authenticated: " + sender.authentication());
        }
        if (mailbox.isEmpty()) {
            return new Notification.Skip("sender is not an official mailbox of the registry");
        }
        if (sender.envelopeSender().isEmpty() || autoSubmitted) {
            return new Notification.Skip("bounce or auto-generated message");
        }
        try {
            return new Notification.Send(mailbox.get().address(),
                    build(verdict, mailbox.get(), subject, messageId, auditId));
        } catch (MessagingException e) {
            return new Notification.Skip("cannot build notification: " + e.getMessage());
        }
    }

    private MimeMessage build(MessageVerdict verdict, AgencyEntry mailbox, String subject, Optional<String> messageId,
                              String auditId) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(config.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mailbox.address()));
        m.setSubject("Văn bản chưa có giá trị tương đương văn bản giấy: " + subject, "UTF-8");
        m.setHeader("Auto-Submitted", "auto-generated");
        messageId.ifPresent(id -> {
            try {
                m.setHeader("In-Reply-To", id);
                m.setHeader("References", id);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        m.setText(body(verdict, mailbox, subject, auditId), "UTF-8", "plain");
        m.saveChanges();
        return m;
    }

    String body(MessageVerdict verdict, AgencyEntry mailbox, String subject, String auditId) {
        String paperArticle = profile.rule(Condition.PAPER_MUST_FOLLOW).map(r -> r.article())
                .orElse(profile.rule(Condition.SIGNATURE_VALID).orElseThrow().article());
        StringBuilder vi = new StringBuilder();
        vi.append("Kính gửi: ").append(mailbox.name()).append(" (").append(mailbox.address()).append(")\n\n");
        vi.append("Thư \"").append(subject).append("\" đã được chuyển đến nơi nhận, nhưng các văn bản dưới đây ")
                .append("CHƯA có giá trị pháp lý tương đương văn bản giấy theo quy chế ").append(verdict.profile())
                .append(":\n\n");
        StringBuilder en = new StringBuilder("\n---- English ----\n");
        en.append("Your message \"").append(subject).append("\" was delivered, but these documents are NOT ")
                .append("paper-equivalent under ").append(verdict.profile()).append(":\n\n");
        for (DocumentVerdict d : verdict.documents()) {
            if (d.verdict() != Verdict.NOT_PAPER_EQUIVALENT && d.verdict() != Verdict.INDETERMINATE) {
                continue;
            }
            vi.append("* ").append(d.fileName()).append(" (SHA-256 ").append(d.sha256(), 0, 16).append("…): ")
                    .append(d.verdict().vietnamese()).append('\n');
            en.append("* ").append(d.fileName()).append(": ").append(d.verdict().english()).append('\n');
            for (Reason r : d.reasons()) {
                if (r.effect() == Reason.Effect.NOTE) {
                    continue;
                }
                vi.append("    - ").append(r.vietnamese()).append(" [").append(r.article()).append("]\n");
                en.append("    - ").append(r.english()).append(" [").append(r.article()).append("]\n");
            }
        }
        vi.append("\nĐề nghị cơ quan gửi bản giấy của các văn bản trên đến nơi nhận [").append(paperArticle).append("].\n");
        vi.append("Mã bản ghi nhật ký: ").append(auditId).append("\n");
        en.append("\nPlease send the paper originals of these documents to the recipients [").append(paperArticle)
                .append("].\nAudit record: ").append(auditId).append("\n");
        return vi.append(en).toString();
    }
}
