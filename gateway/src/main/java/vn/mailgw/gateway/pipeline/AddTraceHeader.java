package vn.mailgw.gateway.pipeline;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import vn.mailgw.gateway.message.Envelope;

/**
 * Adds the RFC 5321 4.4 trace field on top of the message: the client's HELO and IP, this gateway, the
 * protocol (ESMTP, ESMTPS under TLS, UTF8SMTP(S) for SMTPUTF8, RFC 3848 / RFC 6531) and the queue id.
 * The HELO text is client input: anything but host-name characters is dropped so it cannot inject a field.
 */
public final class AddTraceHeader implements Step {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final String hostname;
    private final ZoneId zone;

    public AddTraceHeader(String hostname, ZoneId zone) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (!hostname.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("hostname must be a plain host name: " + hostname);
        }
    }

    @Override
    public String name() {
        return "add-trace-header";
    }

    @Override
    public StepResult apply(MessageContext context) {
        context.addHeader(receivedField(context));
        return StepResult.proceed();
    }

    HeaderField receivedField(MessageContext context) {
        Envelope envelope = context.message().envelope();
        String protocol = (envelope.smtpUtf8() ? "UTF8SMTP" : "ESMTP") + (envelope.tls() ? "S" : "");
        String ip = hostChars(envelope.clientIp());
        StringBuilder value = new StringBuilder()
                .append("from ").append(hostChars(envelope.helo()))
                .append(" ([").append(ip).append("])")
                .append("\r\n\tby ").append(hostname).append(" (mailgw) with ").append(protocol)
                .append(" id ").append(hostChars(context.queueId()));
        if (envelope.recipients().size() == 1 && isPlainAddress(envelope.recipients().get(0))) {
            value.append("\r\n\tfor <").append(envelope.recipients().get(0)).append('>');
        }
        value.append(";\r\n\t").append(DATE.format(ZonedDateTime.ofInstant(context.message().receivedAt(), zone)));
        return new HeaderField("Received", value.toString());
    }

    /** Keeps letters, digits and . - : _ (host names, IPv4 and IPv6 literals); at most 255 characters. */
    static String hostChars(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 255; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == ':' || c == '_') {
                out.append(c);
            }
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }

    private static boolean isPlainAddress(String address) {
        return address.length() <= 254 && address.matches("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]+");
    }
}
