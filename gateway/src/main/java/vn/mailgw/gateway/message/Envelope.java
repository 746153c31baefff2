package vn.mailgw.gateway.message;

import java.util.List;

/**
 * The SMTP envelope of one message as the client gave it.
 *
 * @param sessionId   id of the SMTP session (for logs)
 * @param reversePath MAIL FROM address without angle brackets; "" for the null sender (bounces)
 * @param recipients  RCPT TO addresses without angle brackets, in the order given
 * @param clientIp    the connecting client's IP address
 * @param helo        the EHLO/HELO argument
 * @param tls         whether the transaction ran under STARTTLS
 * @param smtpUtf8    whether MAIL FROM carried SMTPUTF8
 * @param bodyType    the BODY= parameter ("7BIT", "8BITMIME" or "BINARYMIME"), "7BIT" when absent
 */
public record Envelope(String sessionId, String reversePath, List<String> recipients, String clientIp, String helo,
                       boolean tls, boolean smtpUtf8, String bodyType) {

    public Envelope {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
    }
}
