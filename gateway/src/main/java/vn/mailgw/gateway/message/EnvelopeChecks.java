package vn.mailgw.gateway.message;

import java.util.Optional;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * Checks the SMTP session runs on the envelope before DATA (James RcptHook / Postfix before-queue reject),
 * so a refusal costs the client nothing and the gateway never has to bounce. Must be fast and non-blocking:
 * it runs on the event loop. An empty result means "no objection".
 */
public interface EnvelopeChecks {

    /** At MAIL FROM: e.g. a free-mail sender is refused with 550 5.7.1 (daknong-2012 Art 9.4). */
    Optional<SmtpReply> checkSender(String reversePath, String clientIp);

    /** At each RCPT TO, given the accepted sender. */
    Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp);

    EnvelopeChecks NONE = new EnvelopeChecks() {
        @Override
        public Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp) {
            return Optional.empty();
        }
    };
}
