package vn.mailgw.gateway.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.util.Properties;

/**
 * Hands a notification to an SMTP next hop (the province's MTA). Blocking: call on a worker. The envelope sender
 * is the configured no-reply address ({@code notify.from}); the message carries Auto-Submitted (RFC 3834) so
 * well-behaved systems never answer it.
 */
public final class NotificationSender {

    private final Session session;

    public NotificationSender(String host, int port, String envelopeFrom) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", envelopeFrom);
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        this.session = Session.getInstance(props);
    }

    public void send(Notification.Send notification) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(notification.message(), new InternetAddress[] {
                    new InternetAddress(notification.recipient())});
        }
    }
}
