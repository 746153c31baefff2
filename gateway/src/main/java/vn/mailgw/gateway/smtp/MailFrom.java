package vn.mailgw.gateway.smtp;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The argument of MAIL FROM (RFC 5321 4.1.1.2) with the ESMTP parameters this server supports:
 * SIZE (RFC 1870), BODY=7BIT|8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531).
 *
 * @param reversePath  the address without brackets; "" for the null sender
 * @param declaredSize SIZE=, when given
 * @param bodyType     "7BIT" or "8BITMIME"
 * @param smtpUtf8     whether SMTPUTF8 was given
 */
public record MailFrom(String reversePath, OptionalLong declaredSize, String bodyType, boolean smtpUtf8) {

    public MailFrom {
        if (reversePath == null || declaredSize == null || bodyType == null) {
            throw new IllegalArgumentException("all MAIL FROM fields are required");
        }
    }

    public static Parsed<MailFrom> parse(String argument) {
        Parsed<PathAndParameters> split = PathAndParameters.split(argument, "FROM:", true);
        if (split instanceof Parsed.Refused<PathAndParameters> refused) {
            return new Parsed.Refused<>(refused.reply());
        }
        PathAndParameters pp = ((Parsed.Ok<PathAndParameters>) split).value();
        OptionalLong size = OptionalLong.empty();
        String body = "7BIT";
        boolean utf8 = false;
        for (String parameter : pp.parameters()) {
            int eq = parameter.indexOf('=');
            String key = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            switch (key) {
                case "SIZE" -> {
                    if (!value.matches("[0-9]{1,18}")) {
                        return refuse(501, "5.5.4", "SIZE must be a number of octets");
                    }
                    size = OptionalLong.of(Long.parseLong(value));
                }
                case "BODY" -> {
                    String upper = value.toUpperCase(Locale.ROOT);
                    if (!upper.equals("7BIT") && !upper.equals("8BITMIME")) {
                        return refuse(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                    body = upper;
                }
                case "SMTPUTF8" -> {
                    if (!value.isEmpty()) {
                        return refuse(501, "5.5.4", "SMTPUTF8 takes no value");
                    }
                    utf8 = true;
                }
                default -> {
                    return refuse(555, "5.5.4", "MAIL FROM parameter not supported");
                }
            }
        }
        if (!utf8 && !PathAndParameters.isAscii(pp.path())) {
            return refuse(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter");
        }
        return new Parsed.Ok<>(new MailFrom(pp.path(), size, body, utf8));
    }

    static <T> Parsed<T> refuse(int code, String status, String text) {
        String[] p = status.split("\\.");
        return new Parsed.Refused<>(SmtpReply.of(code,
                EnhancedStatus.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])), text));
    }
}
