package vn.mailgw.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's HTTP side (section {@code http}): health and the auditor pages.
 *
 * @param host            listen address; loopback by default (put a TLS reverse proxy in front for remote auditors)
 * @param port            listen port (0 = any free port, for tests)
 * @param sessionTtl      a session ends after this long without a request
 * @param users           auditor accounts: user name to a {@link PasswordHasher} hash (make one with {@code hash-password})
 * @param maxFailedLogins failed logins allowed per user, and 4x that per client IP, within {@code lockout}
 * @param lockout         the window for counting failures, and how long a locked user or IP waits
 * @param secureCookies   mark the session cookie Secure (set true when auditors reach the gateway over HTTPS)
 * @param metricsTokenSha256 hex SHA-256 of the bearer token a metrics scraper sends to {@code /metrics}
 *                        ({@code printf %s TOKEN | sha256sum}); "" = no {@code /metrics} (the file never holds the token)
 */
public record HttpConfig(String host, int port, Duration sessionTtl, Map<String, String> users, int maxFailedLogins,
                         Duration lockout, boolean secureCookies, String metricsTokenSha256) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_FAILED_LOGINS = 5;
    public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(15);
    public static final boolean DEFAULT_SECURE_COOKIES = false;
    /** No auditor accounts: the pages answer, but nobody can sign in until http.users is configured. */
    public static final HttpConfig DEFAULTS = new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SESSION_TTL, Map.of(),
            DEFAULT_MAX_FAILED_LOGINS, DEFAULT_LOCKOUT, DEFAULT_SECURE_COOKIES, "");

    public HttpConfig {
        Objects.requireNonNull(host, "http.host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port must be 0..65535: " + port);
        }
        if (sessionTtl == null || sessionTtl.compareTo(Duration.ofSeconds(1)) < 0 || sessionTtl.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("http.sessionTtl must be between 1 second and 12 hours: " + sessionTtl);
        }
        users = Map.copyOf(users);
        users.forEach((user, hash) -> {
            if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("http.users: user name must be 1-64 of [A-Za-z0-9._-]: " + user);
            }
            if (!PasswordHasher.isWellFormed(hash)) {
                throw new IllegalArgumentException("http.users." + user + ": not a hash made by 'mailgw hash-password'");
            }
        });
        if (maxFailedLogins < 1 || maxFailedLogins > 100) {
            throw new IllegalArgumentException("http.maxFailedLogins must be 1..100: " + maxFailedLogins);
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("http.lockout must be positive");
        }
        metricsTokenSha256 = metricsTokenSha256 == null ? "" : metricsTokenSha256.strip().toLowerCase(java.util.Locale.ROOT);
        if (!metricsTokenSha256.isEmpty() && !metricsTokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("http.metricsTokenSha256 must be 64 hex digits (the SHA-256 of the "
                    + "scraper's token: printf %s TOKEN | sha256sum), or empty to turn /metrics off");
        }
    }

    /** True when {@code /metrics} answers (a token hash is configured). */
    public boolean metricsEnabled() {
        return !metricsTokenSha256.isEmpty();
    }

    public static HttpConfig defaults(Map<String, String> users) {
        return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SESSION_TTL, users, DEFAULT_MAX_FAILED_LOGINS,
                DEFAULT_LOCKOUT, DEFAULT_SECURE_COOKIES, "");
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, sessionTtl, users, maxFailedLogins, lockout, secureCookies,
                metricsTokenSha256);
    }
}
