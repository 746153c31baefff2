package vn.mailgw.gateway.smtp;

import java.util.Locale;

/**
 * One command line split into its verb and argument, e.g. {@code MAIL FROM:<a@b> SIZE=10} →
 * (MAIL, "FROM:<a@b> SIZE=10"). The argument is "" when absent.
 */
public record SmtpCommand(Verb verb, String argument) {

    /** The verbs this server knows. UNKNOWN covers everything else (500); NOT_IMPLEMENTED known but refused (502). */
    public enum Verb { EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, HELP, VRFY, STARTTLS, NOT_IMPLEMENTED, UNKNOWN }

    public SmtpCommand {
        if (verb == null || argument == null) {
            throw new IllegalArgumentException("verb and argument are required");
        }
    }

    public static SmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        return new SmtpCommand(verbOf(word), argument);
    }

    private static Verb verbOf(String word) {
        return switch (word) {
            case "EHLO" -> Verb.EHLO;
            case "HELO" -> Verb.HELO;
            case "MAIL" -> Verb.MAIL;
            case "RCPT" -> Verb.RCPT;
            case "DATA" -> Verb.DATA;
            case "RSET" -> Verb.RSET;
            case "NOOP" -> Verb.NOOP;
            case "QUIT" -> Verb.QUIT;
            case "HELP" -> Verb.HELP;
            case "VRFY" -> Verb.VRFY;
            case "STARTTLS" -> Verb.STARTTLS;
            // Real SMTP verbs this gateway deliberately does not offer.
            case "EXPN", "AUTH", "BDAT", "ETRN", "TURN", "ATRN", "SEND", "SOML", "SAML" -> Verb.NOT_IMPLEMENTED;
            default -> Verb.UNKNOWN;
        };
    }
}
