package vn.mailgw.gateway.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing: at most {@code maxPerUser} failed logins per user name and {@code 4 * maxPerUser}
 * per client IP within the window; over that, the user (or IP) must wait until old failures leave the window.
 * Counting per IP too stops one client from trying one password against many users. In memory: a restart
 * forgets the counts, which an attacker cannot cause from outside.
 */
final class LoginThrottle {

    private final int maxPerUser;
    private final int maxPerIp;
    private final Duration window;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    /** Bounds memory when failures come from very many addresses: keys whose failures left the window go. */
    private static final int MAX_KEYS = 10_000;

    LoginThrottle(int maxPerUser, Duration window) {
        this.maxPerUser = maxPerUser;
        this.maxPerIp = 4 * maxPerUser;
        this.window = window;
    }

    boolean allowed(String user, String ip, Instant now) {
        return recent("u:" + user, now) < maxPerUser && recent("ip:" + ip, now) < maxPerIp;
    }

    void failed(String user, String ip, Instant now) {
        add("u:" + user, now);
        add("ip:" + ip, now);
    }

    void succeeded(String user) {
        failures.remove("u:" + user);
    }

    private int recent(String key, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst().isBefore(now.minus(window))) {
                q.pollFirst();
            }
            return q.size();
        }
    }

    private void add(String key, Instant now) {
        if (failures.size() > MAX_KEYS) {
            forgetOld(now);
        }
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(now);
            // Bound memory per key: only the newest failures matter for the limit.
            while (q.size() > maxPerIp + 1) {
                q.pollFirst();
            }
        }
    }

    private void forgetOld(Instant now) {
        failures.keySet().removeIf(key -> recent(key, now) == 0);
    }
}
