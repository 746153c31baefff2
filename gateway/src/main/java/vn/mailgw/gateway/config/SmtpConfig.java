package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import vn.mailgw.gateway.smtp.SmtpServerConfig;

/**
 * The {@code smtp} section: where the SMTP server listens and its limits. The defaults are the SMTP
 * server's own ({@link SmtpServerConfig}), so there is one source of truth; {@link #toServerConfig(Path)}
 * is the single place the server's config is built from this section.
 *
 * @param host                address to listen on
 * @param port                port to listen on (0 = any free port, for tests)
 * @param hostname            the name in the greeting, the EHLO reply and the trace header
 * @param maxMessageSize      largest message accepted (SIZE); the default carries one 25 MB attachment
 *                            after base64 (daknong-2012 Art 5.2)
 * @param maxRecipients       RCPT TO commands accepted per message
 * @param maxConnections      simultaneous connections in total
 * @param maxConnectionsPerIp simultaneous connections from one client IP
 * @param commandTimeout      a whole command line must arrive within this long
 * @param idleTimeout         no byte at all for this long (also inside DATA) closes the connection
 * @param tlsHandshakeTimeout the STARTTLS handshake must finish within this long
 * @param maxBadCommands      bad commands tolerated per connection before 421
 * @param tls                 the STARTTLS certificate; STARTTLS is offered only when set
 * @param instances           SMTP listeners on the same port, each on its own event loop (connections are
 *                            spread across them; the connection limits count across all of them)
 */
public record SmtpConfig(String host, int port, String hostname, DataSize maxMessageSize, int maxRecipients,
                         int maxConnections, int maxConnectionsPerIp, Duration commandTimeout, Duration idleTimeout,
                         Duration tlsHandshakeTimeout, int maxBadCommands, TlsConfig tls,
                         int instances) {

    public static final String DEFAULT_HOST = SmtpServerConfig.DEFAULT_BIND_ADDRESS;
    public static final int DEFAULT_PORT = SmtpServerConfig.DEFAULT_PORT;
    public static final String DEFAULT_HOSTNAME = SmtpServerConfig.DEFAULT_HOSTNAME;
    public static final DataSize DEFAULT_MAX_MESSAGE_SIZE = new DataSize(SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE);
    public static final int DEFAULT_MAX_RECIPIENTS = SmtpServerConfig.DEFAULT_MAX_RECIPIENTS;
    public static final int DEFAULT_MAX_CONNECTIONS = SmtpServerConfig.DEFAULT_MAX_CONNECTIONS;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = SmtpServerConfig.DEFAULT_MAX_CONNECTIONS_PER_IP;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = SmtpServerConfig.DEFAULT_COMMAND_TIMEOUT;
    public static final Duration DEFAULT_IDLE_TIMEOUT = SmtpServerConfig.DEFAULT_IDLE_TIMEOUT;
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = SmtpServerConfig.DEFAULT_TLS_HANDSHAKE_TIMEOUT;
    public static final int DEFAULT_MAX_BAD_COMMANDS = SmtpServerConfig.DEFAULT_MAX_BAD_COMMANDS;
    public static final int DEFAULT_INSTANCES = SmtpServerConfig.DEFAULT_INSTANCES;

    public static final SmtpConfig DEFAULTS = new SmtpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_HOSTNAME,
            DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP,
            DEFAULT_COMMAND_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_TLS_HANDSHAKE_TIMEOUT, DEFAULT_MAX_BAD_COMMANDS,
            TlsConfig.NONE, DEFAULT_INSTANCES);

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(tls, "tls");
        ConfigChecks.check(!host.isBlank(), "host must not be empty");
        ConfigChecks.check(port >= 0 && port <= 65535, "port must be 0..65535, not " + port);
        ConfigChecks.check(hostname.matches("[A-Za-z0-9.-]+"), "hostname must be a plain host name, not '" + hostname + "'");
        ConfigChecks.check(maxMessageSize.bytes() >= 1024, "maxMessageSize must be at least 1kB");
        ConfigChecks.check(maxRecipients >= 1, "maxRecipients must be at least 1");
        ConfigChecks.check(maxConnections >= 1, "maxConnections must be at least 1");
        ConfigChecks.check(maxConnectionsPerIp >= 1 && maxConnectionsPerIp <= maxConnections,
                "maxConnectionsPerIp must be 1..maxConnections");
        ConfigChecks.check(maxBadCommands >= 0, "maxBadCommands must not be negative");
        ConfigChecks.check(instances >= 1 && instances <= SmtpServerConfig.MAX_INSTANCES,
                "instances must be 1.." + SmtpServerConfig.MAX_INSTANCES + ", not " + instances);
        ConfigChecks.positive(commandTimeout, "commandTimeout");
        ConfigChecks.positive(idleTimeout, "idleTimeout");
        ConfigChecks.positive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
    }

    /** The SMTP server's configuration, spooling DATA into {@code spoolDir}. */
    public SmtpServerConfig toServerConfig(Path spoolDir) {
        return new SmtpServerConfig(host, port, hostname, maxConnections, maxConnectionsPerIp, maxRecipients,
                maxMessageSize.bytes(), commandTimeout, idleTimeout, tlsHandshakeTimeout, maxBadCommands, spoolDir,
                tls.toServerTls(), instances);
    }
}
