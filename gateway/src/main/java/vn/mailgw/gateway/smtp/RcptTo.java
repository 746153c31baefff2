package vn.mailgw.gateway.smtp;

/** The argument of RCPT TO (RFC 5321 4.1.1.3). No RCPT parameters are supported (no DSN). */
public record RcptTo(String forwardPath) {

    public RcptTo {
        if (forwardPath == null || forwardPath.isEmpty()) {
            throw new IllegalArgumentException("a recipient address is required");
        }
    }

    /** @param smtpUtf8 whether the transaction's MAIL FROM carried SMTPUTF8 */
    public static Parsed<RcptTo> parse(String argument, boolean smtpUtf8) {
        Parsed<PathAndParameters> split = PathAndParameters.split(argument, "TO:", false);
        if (split instanceof Parsed.Refused<PathAndParameters> refused) {
            return new Parsed.Refused<>(refused.reply());
        }
        PathAndParameters pp = ((Parsed.Ok<PathAndParameters>) split).value();
        if (!pp.parameters().isEmpty()) {
            return MailFrom.refuse(555, "5.5.4", "RCPT TO parameters not supported");
        }
        if (!smtpUtf8 && !PathAndParameters.isAscii(pp.path())) {
            return MailFrom.refuse(553, "5.6.7", "Non-ASCII address requires SMTPUTF8 on MAIL FROM");
        }
        return new Parsed.Ok<>(new RcptTo(pp.path()));
    }
}
