package vn.mailgw.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code smtp} section: where the SMTP server listens and its limits. Safe defaults live here, not in
 * the libraries (STYLE.md rule 9).
 *
 * @param host                address to listen on
 * @param port                port to listen on (0 = any free port, for tests)
 * @param hostname            the name the server gives in its greeting, EHLO reply and trace headers
 * @param maxMessageSize      largest message accepted (SIZE); the default carries one 25 MB attachment after
 *                            base64 (daknong-2012 Art 5.2)
 * @param maxRecipients       RCPT TO commands accepted per message
 * @param maxConnections      simultaneous connections in total
 * @param maxConnectionsPerIp simultaneous connections from one client IP
 * @param commandTimeout      how long the server waits for the next command line
 * @param idleTimeout         how long a connection may stay without any traffic (also during DATA)
 * @param tls                 certificate for STARTTLS; STARTTLS is offered only when both files are set
 */
public record SmtpConfig(String host, int port, String hostname, DataSize maxMessageSize, int maxRecipients,
                         int maxConnections, int maxConnectionsPerIp, Duration commandTimeout, Duration idleTimeout,
                         TlsConfig tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 2525;
    public static final String DEFAULT_HOSTNAME = "mailgw.localhost";
    public static final DataSize DEFAULT_MAX_MESSAGE_SIZE = DataSize.ofMegabytes(36);
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public static final SmtpConfig DEFAULTS = new SmtpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_HOSTNAME,
            DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP,
            DEFAULT_COMMAND_TIMEOUT, DEFAULT_IDLE_TIMEOUT, TlsConfig.NONE);

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        ConfigChecks.check(!host.isBlank(), "host must not be empty");
        ConfigChecks.check(port >= 0 && port <= 65535, "port must be 0..65535, not " + port);
        ConfigChecks.check(hostname.matches("[A-Za-z0-9.-]+"), "hostname must be a plain host name, not '" + hostname + "'");
        ConfigChecks.check(maxMessageSize.bytes() >= 1024, "maxMessageSize must be at least 1kB");
        ConfigChecks.check(maxRecipients >= 1, "maxRecipients must be at least 1");
        ConfigChecks.check(maxConnections >= 1, "maxConnections must be at least 1");
        ConfigChecks.check(maxConnectionsPerIp >= 1 && maxConnectionsPerIp <= maxConnections,
                "maxConnectionsPerIp must be 1..maxConnections");
        ConfigChecks.positive(commandTimeout, "commandTimeout");
        ConfigChecks.positive(idleTimeout, "idleTimeout");
    }
}
