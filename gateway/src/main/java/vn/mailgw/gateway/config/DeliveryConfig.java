package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code delivery} section.
 *
 * @param nextHop the SMTP relay target; without {@code nextHop.host} messages go to the Maildir
 * @param maildir root of the embedded Maildir store (one mailbox folder per recipient address)
 */
public record DeliveryConfig(NextHopConfig nextHop, Path maildir) {

    public static final Path DEFAULT_MAILDIR = Path.of("data", "maildir");
    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(NextHopConfig.DEFAULTS, DEFAULT_MAILDIR);

    public DeliveryConfig {
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(maildir, "maildir");
    }
}
