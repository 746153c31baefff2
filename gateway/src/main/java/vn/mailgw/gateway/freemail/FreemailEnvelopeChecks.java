package vn.mailgw.gateway.freemail;

import java.util.Objects;
import java.util.Optional;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * Refuses a free-mail envelope sender before DATA (daknong-2012 Art 9.4), so the client learns it at once
 * and the gateway never has to bounce.
 * <ul>
 *   <li>No accepting mailboxes configured: refused at MAIL FROM with 550 5.7.1.</li>
 *   <li>Accepting mailboxes configured: MAIL FROM is accepted (the recipients are not known yet), and each
 *       RCPT TO that is not an accepting mailbox is refused with 550 5.7.1. So a mixed message reaches only
 *       the accepting mailboxes, and the client's MTA tells the sender which recipients were refused and why.</li>
 * </ul>
 * The null sender (bounces, "") is never free mail. Pure lookups: safe on the event loop.
 */
public final class FreemailEnvelopeChecks implements EnvelopeChecks {

    private final FreemailPolicy policy;

    public FreemailEnvelopeChecks(FreemailPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
        if (policy.isFreemail(reversePath) && !policy.hasAcceptingMailboxes()) {
            return Optional.of(FreemailPolicy.REFUSAL);
        }
        return Optional.empty();
    }

    @Override
    public Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp) {
        if (policy.isFreemail(reversePath) && !policy.acceptsFreemail(recipient)) {
            return Optional.of(FreemailPolicy.REFUSAL);
        }
        return Optional.empty();
    }
}
