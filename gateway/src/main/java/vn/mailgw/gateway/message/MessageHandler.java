package vn.mailgw.gateway.message;

import io.vertx.core.Future;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * What the SMTP session hands a received message to: the per-message pipeline (inspection, verdict,
 * stamp, delivery, audit). Called on the session's event-loop context; implementations run blocking
 * work on worker pools and complete the future with the reply the client must get.
 * The contract that keeps mail from being lost: the reply is 250 only when the message is safe
 * (the next hop said 250, or the local Maildir file is durably renamed into new/); any fault is a 4xx.
 * A failed future is treated by the session as 451 4.3.0.
 */
public interface MessageHandler {
    Future<SmtpReply> handle(ReceivedMessage message);
}
