package vn.mailgw.gateway.smtp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open-connection counters (total and per client IP), one object shared by every listener
 * instance of an {@link SmtpServer}: the instances run on different event loops, so the limits
 * would otherwise multiply by the number of instances. Thread-safe without locks: the total is an
 * atomic counter, each IP's count is updated atomically per key.
 */
final class ConnectionLimits {

    /** What {@link #tryOpen} decided; {@link Admitted#release()} must run exactly once when the connection ends. */
    sealed interface Admission {
        /** The connection counts; call {@link #release()} when it closes. */
        void release();
    }

    record Admitted(ConnectionLimits limits, String ip) implements Admission {
        @Override
        public void release() {
            limits.release(ip);
        }
    }

    /** Over a limit: {@code reply} goes out; the connection still counts until its socket closes. */
    record Refused(ConnectionLimits limits, String ip, SmtpReply reply, int total, int fromIp) implements Admission {
        @Override
        public void release() {
            limits.release(ip);
        }
    }

    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> perIp = new ConcurrentHashMap<>();

    ConnectionLimits(int maxConnections, int maxConnectionsPerIp) {
        if (maxConnections < 1 || maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
    }

    /**
     * Counts a new connection from {@code ip}. A refused one is counted too until it is closed (it
     * holds a socket while its 421 goes out), so a flood of refused connections cannot slip past.
     */
    Admission tryOpen(String ip) {
        int total = open.incrementAndGet();
        int fromIp = perIp.merge(ip, 1, Integer::sum);
        if (total > maxConnections) {
            return new Refused(this, ip, SmtpReplies.TOO_MANY_CONNECTIONS, total, fromIp);
        }
        if (fromIp > maxConnectionsPerIp) {
            return new Refused(this, ip, SmtpReplies.TOO_MANY_FROM_IP, total, fromIp);
        }
        return new Admitted(this, ip);
    }

    /** Open connections right now, over all instances. */
    int open() {
        return open.get();
    }

    private void release(String ip) {
        open.decrementAndGet();
        perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1); // no entry left at 0
    }
}
