package vn.mailgw.gateway.pipeline;

import java.util.Objects;
import vn.mailgw.gateway.smtp.SmtpReply;

/** What a {@link Step} decided: go on, refuse the message for good, or refuse it for now. */
public sealed interface StepResult permits StepResult.Continue, StepResult.Reject, StepResult.TempFail {

    /** The reply the client gets when the pipeline stops here; empty for {@link Continue}. */
    java.util.Optional<SmtpReply> reply();

    StepResult CONTINUE = new Continue();

    static StepResult proceed() {
        return CONTINUE;
    }

    /** The message goes on to the next step. */
    record Continue() implements StepResult {
        @Override
        public java.util.Optional<SmtpReply> reply() {
            return java.util.Optional.empty();
        }
    }

    /** The message is refused for good (5xx); the client's MTA tells the sender. */
    record Reject(SmtpReply smtpReply) implements StepResult {
        public Reject {
            Objects.requireNonNull(smtpReply, "smtpReply");
            if (!smtpReply.isPermanentFailure()) {
                throw new IllegalArgumentException("a rejection needs a 5xx reply, not " + smtpReply.code());
            }
        }

        @Override
        public java.util.Optional<SmtpReply> reply() {
            return java.util.Optional.of(smtpReply);
        }
    }

    /**
     * The message cannot be handled now (4xx); the client keeps it and retries.
     *
     * @param cause what went wrong, for the log only (never shown to the client)
     */
    record TempFail(SmtpReply smtpReply, String cause) implements StepResult {
        public TempFail {
            Objects.requireNonNull(smtpReply, "smtpReply");
            Objects.requireNonNull(cause, "cause");
            if (!smtpReply.isTransientFailure()) {
                throw new IllegalArgumentException("a temporary failure needs a 4xx reply, not " + smtpReply.code());
            }
        }

        @Override
        public java.util.Optional<SmtpReply> reply() {
            return java.util.Optional.of(smtpReply);
        }
    }
}
