package vn.mailgw.gateway.delivery;

import vn.mailgw.gateway.config.DeliveryConfig;

/**
 * Where accepted messages go: {@link SmtpRelay} (the configured next hop) or {@link MaildirDelivery}
 * (the embedded default). Blocking; runs on a worker thread. Expected failures are outcomes; an exception
 * is a bug and becomes 451 4.3.0 in the pipeline runner.
 */
public interface Delivery {
    DeliveryOutcome deliver(OutgoingMessage message);

    /** The relay when {@code delivery.nextHop.host} is set, the Maildir otherwise. */
    static Delivery fromConfig(DeliveryConfig config, String hostname) {
        return config.nextHop().host().isPresent() ? new SmtpRelay(config.nextHop())
                : new MaildirDelivery(config.maildir(), hostname);
    }
}
