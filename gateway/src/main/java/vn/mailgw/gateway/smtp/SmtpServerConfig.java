package vn.mailgw.gateway.smtp;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the SMTP listener needs; the safe limits live here, not in library defaults.
 *
 * @param bindAddress          address to listen on
 * @param port                 TCP port; 0 picks a free one (tests)
 * @param hostname             name in the 220 greeting and the EHLO reply
 * @param maxConnections       open connections in total; more get 421 4.3.2 and are closed
 * @param maxConnectionsPerIp  open connections from one client IP; more get 421 4.7.0 and are closed
 * @param maxRecipients        RCPT per message; more get 452 4.5.3 (RFC 5321 4.5.3.1.8: at least 100)
 * @param maxMessageSize       octets of message content (after dot-unstuffing); announced as SIZE,
 *                             refused at MAIL (declared) and while DATA streams (actual) with 552 5.3.4
 * @param commandTimeout       a complete command line must arrive within this long after the previous
 *                             reply, else 421 4.4.2 and close (RFC 5321 4.5.3.2.7: 5 minutes); stops slow trickling
 * @param idleTimeout          no byte at all from the client for this long (also inside DATA) → 421 4.4.2
 *                             and close (RFC 5321 4.5.3.2.6: 3 minutes for a DATA block)
 * @param tlsHandshakeTimeout  the STARTTLS handshake must finish within this long
 * @param maxBadCommands       unknown, malformed or out-of-order commands tolerated per connection;
 *                             one more gets 421 4.7.0 and close
 * @param spoolDirectory       where DATA is streamed, one file per message
 * @param tls                  the STARTTLS certificate, or {@link SmtpTlsConfig#DISABLED}
 * @param instances            listeners on the same port, each on its own event loop; the connection
 *                             limits count across all of them
 */
public record SmtpServerConfig(String bindAddress, int port, String hostname, int maxConnections,
                               int maxConnectionsPerIp, int maxRecipients, long maxMessageSize,
                               Duration commandTimeout, Duration idleTimeout, Duration tlsHandshakeTimeout,
                               int maxBadCommands, Path spoolDirectory, SmtpTlsConfig tls, int instances) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 2525;
    public static final String DEFAULT_HOSTNAME = "localhost";
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    /**
     * 36 MiB: one 25 MB attachment (daknong-2012 Art 5.2) grows by 4/3 in base64 plus CRLF every
     * 76 characters, about 34.2 MB, and the rest of the message still fits.
     */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 36L * 1024 * 1024;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_BAD_COMMANDS = 10;
    public static final Path DEFAULT_SPOOL_DIRECTORY = Path.of("data", "spool", "incoming");
    /**
     * Listener instances, each on its own event loop: one per CPU core, at least 2, so one busy loop
     * (DATA scanning, TLS) does not hold up every session.
     */
    public static final int DEFAULT_INSTANCES = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** More instances than this only add event-loop contexts without adding cores. */
    public static final int MAX_INSTANCES = 256;

    public static final SmtpServerConfig DEFAULT = new SmtpServerConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT,
            DEFAULT_HOSTNAME, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_RECIPIENTS,
            DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_COMMAND_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_TLS_HANDSHAKE_TIMEOUT,
            DEFAULT_MAX_BAD_COMMANDS, DEFAULT_SPOOL_DIRECTORY, SmtpTlsConfig.DISABLED, DEFAULT_INSTANCES);

    public SmtpServerConfig {
        require(bindAddress != null && !bindAddress.isBlank(), "bindAddress must not be empty");
        require(port >= 0 && port <= 65535, "port must be 0..65535, not " + port);
        require(hostname != null && hostname.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]"),
                "hostname must be a domain name or an address literal, not " + hostname);
        require(maxConnections >= 1, "maxConnections must be at least 1");
        require(maxConnectionsPerIp >= 1 && maxConnectionsPerIp <= maxConnections,
                "maxConnectionsPerIp must be between 1 and maxConnections");
        require(maxRecipients >= 1, "maxRecipients must be at least 1");
        require(maxMessageSize >= 1024, "maxMessageSize must be at least 1024 octets");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        require(maxBadCommands >= 0, "maxBadCommands must not be negative");
        require(spoolDirectory != null, "spoolDirectory is required");
        require(tls != null, "tls is required (use SmtpTlsConfig.DISABLED)");
        require(instances >= 1 && instances <= MAX_INSTANCES, "instances must be 1.." + MAX_INSTANCES + ", not " + instances);
    }

    public SmtpServerConfig withInstances(int newInstances) {
        return new SmtpServerConfig(bindAddress, port, hostname, maxConnections, maxConnectionsPerIp,
                maxRecipients, maxMessageSize, commandTimeout, idleTimeout, tlsHandshakeTimeout, maxBadCommands,
                spoolDirectory, tls, newInstances);
    }

    public SmtpServerConfig withPort(int newPort) {
        return new SmtpServerConfig(bindAddress, newPort, hostname, maxConnections, maxConnectionsPerIp,
                maxRecipients, maxMessageSize, commandTimeout, idleTimeout, tlsHandshakeTimeout, maxBadCommands,
                spoolDirectory, tls, instances);
    }

    public SmtpServerConfig withSpoolDirectory(Path directory) {
        return new SmtpServerConfig(bindAddress, port, hostname, maxConnections, maxConnectionsPerIp,
                maxRecipients, maxMessageSize, commandTimeout, idleTimeout, tlsHandshakeTimeout, maxBadCommands,
                directory, tls, instances);
    }

    public SmtpServerConfig withTls(SmtpTlsConfig newTls) {
        return new SmtpServerConfig(bindAddress, port, hostname, maxConnections, maxConnectionsPerIp,
                maxRecipients, maxMessageSize, commandTimeout, idleTimeout, tlsHandshakeTimeout, maxBadCommands,
                spoolDirectory, newTls, instances);
    }

    public SmtpServerConfig withLimits(int newMaxConnections, int newMaxConnectionsPerIp, int newMaxRecipients,
                                       long newMaxMessageSize, int newMaxBadCommands) {
        return new SmtpServerConfig(bindAddress, port, hostname, newMaxConnections, newMaxConnectionsPerIp,
                newMaxRecipients, newMaxMessageSize, commandTimeout, idleTimeout, tlsHandshakeTimeout,
                newMaxBadCommands, spoolDirectory, tls, instances);
    }

    public SmtpServerConfig withTimeouts(Duration newCommandTimeout, Duration newIdleTimeout) {
        return new SmtpServerConfig(bindAddress, port, hostname, maxConnections, maxConnectionsPerIp,
                maxRecipients, maxMessageSize, newCommandTimeout, newIdleTimeout, tlsHandshakeTimeout,
                maxBadCommands, spoolDirectory, tls, instances);
    }

    public boolean tlsEnabled() {
        return !(tls instanceof SmtpTlsConfig.Disabled);
    }

    private static void requirePositive(Duration d, String name) {
        require(d != null && !d.isNegative() && !d.isZero(), name + " must be a positive duration");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("smtp: " + message);
        }
    }
}
