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

    /**
     * Told (not asked) when the session itself refuses a message at the end of DATA before any pipeline sees it: bare
     * CR/LF, over the size limit, a text line over 1000 octets. For the audit log; must not block (event loop).
     *
     * @param queueId the queue id the message had while it was received
     */
    default void dataRefused(String queueId, String reversePath, java.util.List<String> recipients, String clientIp,
                             String helo, long size, SmtpReply reply) {
    }

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
