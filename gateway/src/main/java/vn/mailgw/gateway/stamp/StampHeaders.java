package vn.mailgw.gateway.stamp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.MessageVerdict;

/**
 * The machine-readable stamp headers. Values are ASCII; non-ASCII file names use RFC 2231 ext-value encoding
 * ({@code filename*=utf-8''...}) so any mail client or script can read them.
 */
public final class StampHeaders {

    public static final String VERDICT = "X-Mailgw-Verdict";
    public static final String DOCUMENT = "X-Mailgw-Document";
    public static final String SENDER = "X-Mailgw-Sender";

    /** Names a sender must never be able to set: removed from every incoming message before stamping. */
    /**
     * Every field whose name starts with this (lower case) is the gateway's: an incoming one is a forgery and the
     * stamp drops it. The gateway's own (e.g. X-Mailgw-Document-Type from classification) are added at delivery,
     * on top of the stamped message, so they are not affected.
     */
    public static final String OUR_PREFIX = "x-mailgw-";

    public static final Set<String> OURS = Set.of(VERDICT.toLowerCase(Locale.ROOT), DOCUMENT.toLowerCase(Locale.ROOT),
            SENDER.toLowerCase(Locale.ROOT));

    private StampHeaders() {}

    public static String verdictValue(MessageVerdict v, String auditId, String queueId) {
        return v.verdict().name() + "; profile=" + v.profile() + "; documents=" + v.documents().size() + "; audit-id="
                + auditId + "; queue-id=" + queueId;
    }

    public static String documentValue(int index, DocumentVerdict d) {
        return documentValue(index, d, Optional.empty());
    }

    /** @param documentType the classification's label (e.g. "Giấy mời (GM)"), as RFC 2231 {@code document-type*} */
    public static String documentValue(int index, DocumentVerdict d, Optional<String> documentType) {
        return "index=" + index + "; " + fileNameParam(d.fileName()) + "; sha256=" + d.sha256() + "; type="
                + d.type().name() + documentType.map(t -> "; document-type*=" + utf8Param(t)).orElse("")
                + "; verdict=" + d.verdict().name() + "; reasons="
                + (d.reasonCodes().isEmpty() ? "none" : String.join(",", d.reasonCodes()));
    }

    public static String senderValue(MessageVerdict v) {
        List<String> codes = v.senderFindings().stream().map(r -> r.code()).toList();
        return codes.isEmpty() ? "ok" : String.join(",", codes);
    }

    static String fileNameParam(String name) {
        boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        if (plain) {
            return "filename=\"" + name + "\"";
        }
        return "filename*=" + utf8Param(name);
    }

    /** RFC 2231 extended value: {@code utf-8''} and the percent-encoded UTF-8 bytes, so the field stays ASCII. */
    static String utf8Param(String text) {
        StringBuilder sb = new StringBuilder("utf-8''");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /**
     * Folds "Name: value" after "; " (or at spaces before it) so no line exceeds 78 characters where possible
     * (RFC 5322 §2.2.3). The tokens are the value split after each "; ".
     */
    public static String fold(String name, String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 16).append(name).append(": ");
        int lineStart = 0;
        int from = 0;
        while (from < value.length()) {
            int split = value.indexOf("; ", from);
            String token = split < 0 ? value.substring(from) : value.substring(from, split + 1);
            from = split < 0 ? value.length() : split + 2;
            int lineLength = out.length() - lineStart;
            if (lineLength + token.length() + 1 > 79 && lineLength > name.length() + 2) {
                trimTrailingSpace(out);
                out.append("\r\n");
                lineStart = out.length();
                out.append(' ');
            }
            out.append(token).append(' ');
        }
        trimTrailingSpace(out);
        return out.toString();
    }

    private static void trimTrailingSpace(StringBuilder sb) {
        while (sb.length() > 0 && Character.isWhitespace(sb.charAt(sb.length() - 1))
                && sb.charAt(sb.length() - 1) != '\n') {
            sb.setLength(sb.length() - 1);
        }
    }
}
