package vn.mailgw.gateway.delivery;

import java.util.Objects;
import vn.mailgw.gateway.smtp.SmtpReply;

/** How a delivery attempt ended. */
public sealed interface DeliveryOutcome permits DeliveryOutcome.Delivered, DeliveryOutcome.TempFailed,
        DeliveryOutcome.Refused {

    /** The message is safe: the next hop said 250, or the Maildir files are durable in new/. */
    record Delivered(String where) implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(where, "where");
        }
    }

    /** Not delivered, worth retrying (next hop down, 4xx, disk full): the client gets a 4xx and keeps the message. */
    record TempFailed(SmtpReply reply, String cause) implements DeliveryOutcome {
        public TempFailed {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(cause, "cause");
            if (!reply.isTransientFailure()) {
                throw new IllegalArgumentException("temporary failure needs a 4xx reply");
            }
        }
    }

    /** The next hop refused the message for good (5xx); the client gets the same 5xx. */
    record Refused(SmtpReply reply, String cause) implements DeliveryOutcome {
        public Refused {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(cause, "cause");
            if (!reply.isPermanentFailure()) {
                throw new IllegalArgumentException("refusal needs a 5xx reply");
            }
        }
    }
}
