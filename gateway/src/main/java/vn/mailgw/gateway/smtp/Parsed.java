package vn.mailgw.gateway.smtp;

/** The outcome of parsing a command argument: the value, or the reply that refuses it. */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            if (value == null) {
                throw new IllegalArgumentException("value is required");
            }
        }
    }

    record Refused<T>(SmtpReply reply) implements Parsed<T> {
        public Refused {
            if (reply == null || reply.isPositive()) {
                throw new IllegalArgumentException("a refusal needs a 4xx/5xx reply");
            }
        }
    }
}
