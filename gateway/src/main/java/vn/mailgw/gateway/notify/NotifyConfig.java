package vn.mailgw.gateway.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Notifications to sending agencies (config section {@code notify}).
 *
 * @param enabled whether to notify at all (key {@code notify.enabled})
 * @param from    the notification's From address (key {@code notify.from})
 */
public record NotifyConfig(boolean enabled, String from) {

    public static final boolean DEFAULT_ENABLED = true;
    public static final String DEFAULT_FROM = "mailgw-noreply@localhost";
    public static final NotifyConfig DEFAULT = new NotifyConfig(DEFAULT_ENABLED, DEFAULT_FROM);

    public NotifyConfig {
        try {
            new InternetAddress(from, true);
        } catch (AddressException | NullPointerException e) {
            throw new IllegalArgumentException("notify.from must be an e-mail address: " + from);
        }
    }
}
