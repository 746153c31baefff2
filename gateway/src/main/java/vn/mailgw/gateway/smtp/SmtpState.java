package vn.mailgw.gateway.smtp;

/** Where an SMTP session stands (RFC 5321 4.1.4 command ordering). */
public enum SmtpState {
    /** Connected (or just after STARTTLS): only EHLO/HELO start a conversation. */
    CONNECTED,
    /** EHLO/HELO done, no transaction open. */
    GREETED,
    /** MAIL accepted, no recipient yet. */
    MAIL,
    /** At least one RCPT accepted. */
    RCPT,
    /** Receiving message content. */
    DATA
}
