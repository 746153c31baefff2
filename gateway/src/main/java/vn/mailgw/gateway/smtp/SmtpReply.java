package vn.mailgw.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a code, an optional RFC 3463 enhanced status, and one or more text lines.
 * Text never carries CR or LF (a reply must not be able to inject another reply line).
 * Non-ASCII text (Vietnamese) is sent as UTF-8; RFC 6531 lets an SMTPUTF8 server do so and
 * clients that do not understand it show the bytes, which is why every refusal also carries English.
 */
public record SmtpReply(int code, EnhancedStatus status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        if (status != null && status.statusClass() != code / 100) {
            throw new IllegalArgumentException("enhanced status " + status + " does not match reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an SMTP reply needs at least one line of text");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("SMTP reply text must not contain CR or LF");
            }
        }
    }

    public static SmtpReply of(int code, EnhancedStatus status, String... lines) {
        return new SmtpReply(code, status, List.of(lines));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The reply as it goes on the wire: "250-first\r\n250 last\r\n", enhanced status on each line. */
    public byte[] toWire() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
