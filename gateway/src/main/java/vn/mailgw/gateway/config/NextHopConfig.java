package vn.mailgw.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code delivery.nextHop} section: the SMTP server the gateway relays to (the province's MTA).
 * Without a host the gateway delivers into its embedded Maildir instead.
 *
 * @param host           next hop host name or IP; empty = no relay (Maildir)
 * @param port           next hop port
 * @param startTls       whether to use STARTTLS towards the next hop
 * @param heloName       the name the gateway gives in EHLO
 * @param connectTimeout TCP connect timeout
 * @param commandTimeout wait for each reply to a command
 * @param dataTimeout    wait for the reply after the final dot (RFC 5321 4.5.3.2.6 suggests 10 minutes)
 */
public record NextHopConfig(Optional<String> host, int port, StartTls startTls, String heloName,
                            Duration connectTimeout, Duration commandTimeout, Duration dataTimeout) {

    /** How the relay uses STARTTLS. REQUIRED fails (temporarily) when the next hop does not offer it. */
    public enum StartTls { NONE, OPPORTUNISTIC, REQUIRED }

    public static final int DEFAULT_PORT = 25;
    public static final String DEFAULT_HELO_NAME = "localhost";
    public static final StartTls DEFAULT_START_TLS = StartTls.OPPORTUNISTIC;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofMinutes(10);

    public static final NextHopConfig DEFAULTS = new NextHopConfig(Optional.empty(), DEFAULT_PORT, DEFAULT_START_TLS,
            DEFAULT_HELO_NAME, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_DATA_TIMEOUT);

    public NextHopConfig {
        host = Objects.requireNonNullElse(host, Optional.<String>empty()).filter(h -> !h.isBlank());
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        ConfigChecks.check(port >= 1 && port <= 65535, "port must be 1..65535, not " + port);
        ConfigChecks.check(heloName.matches("[A-Za-z0-9.-]+"), "heloName must be a plain host name, not '" + heloName + "'");
        ConfigChecks.positive(connectTimeout, "connectTimeout");
        ConfigChecks.positive(commandTimeout, "commandTimeout");
        ConfigChecks.positive(dataTimeout, "dataTimeout");
    }
}
