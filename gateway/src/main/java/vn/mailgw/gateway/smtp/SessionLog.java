package vn.mailgw.gateway.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging for one SMTP session with {@code session=<id> queue=<id>} on every line. The ids are passed
 * explicitly, not through MDC, because MDC is thread-local and event-loop callbacks hop between sessions.
 */
final class SessionLog {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private final String sessionId;
    private String queueId = "-";

    SessionLog(String sessionId) {
        this.sessionId = sessionId;
    }

    void queueId(String id) {
        this.queueId = id;
    }

    void clearQueueId() {
        this.queueId = "-";
    }

    void info(String message, Object... args) {
        if (LOG.isInfoEnabled()) {
            LOG.info(prefix() + message, args);
        }
    }

    void debug(String message, Object... args) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(prefix() + message, args);
        }
    }

    void warn(String message, Object... args) {
        LOG.warn(prefix() + message, args);
    }

    private String prefix() {
        return "session=" + sessionId + " queue=" + queueId + " ";
    }
}
