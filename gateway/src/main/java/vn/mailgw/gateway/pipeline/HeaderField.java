package vn.mailgw.gateway.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * A header field the gateway adds in front of the message (trace, notices, later the verdict stamp).
 * ASCII only (non-ASCII text goes in RFC 2047 encoded words) and no line breaks other than folding
 * (CRLF followed by a space or tab), so a value can never end the header block or inject another field.
 */
public record HeaderField(String name, String value) {

    public HeaderField {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127 || c == ':') {
                throw new IllegalArgumentException("invalid character in header name: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 127 || (c < 32 && c != '\t' && c != '\r' && c != '\n')) {
                throw new IllegalArgumentException("header value must be printable ASCII: " + name);
            }
            if (c == '\r' && !(i + 2 < value.length() && value.charAt(i + 1) == '\n'
                    && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t'))) {
                throw new IllegalArgumentException("header value may only break lines by folding: " + name);
            }
            if (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r')) {
                throw new IllegalArgumentException("header value may only break lines by folding: " + name);
            }
        }
    }

    /** "Name: value\r\n" as it goes on the wire. */
    public byte[] toWire() {
        return (name + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
