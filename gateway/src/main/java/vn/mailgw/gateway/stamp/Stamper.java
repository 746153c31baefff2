package vn.mailgw.gateway.stamp;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import vn.mailgw.validation.verdict.DocumentVerdict;

/**
 * Stamps a message: removes incoming headers of our names (and Authentication-Results claiming our authserv-id),
 * adds the machine-readable verdict headers, and wraps the original body, byte for byte, as the second part of
 * a new multipart/mixed whose first part is the Vietnamese banner (text + HTML alternative) and whose last parts
 * are the validation report (only when the message carries documents).
 *
 * <p>Why wrap instead of re-writing the MIME tree: the original body and its Content-* headers are copied
 * unchanged into the inner part, so every attachment, alternative/related structure, RFC 2231 file name and
 * transfer encoding stays byte-identical (DKIM body hashes of inner parts still match for auditors), and mail
 * clients show the original content inline below the banner. The body is never read here: memory holds only the
 * headers, the banner and the report ({@link #around}); delivery copies the body from the spool file.
 */
public final class Stamper {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });
    private static final Base64.Encoder MIME_BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    private final StampConfig config;
    private final Banner banner;

    public Stamper(StampConfig config) {
        this.config = config;
        this.banner = new Banner(config.timeZone());
    }

    /**
     * The stamped message around the original's body: {@code head}, then the original's bytes from
     * {@code bodyOffset} to its end, unchanged, then {@code tail}. Delivery writes the three straight from the spool
     * file, so no stamped copy of the message is written and read back.
     */
    public record Stamped(byte[] head, long bodyOffset, byte[] tail) {}

    /** Stamps {@code original} into {@code out}: the stamped message, written in full. */
    public void stamp(InputStream original, OutputStream out, StampInput input) throws IOException {
        HeaderBlock block = HeaderBlock.read(original);
        Stamped stamped = around(block, input);
        out.write(stamped.head());
        out.write(block.bodyStart());
        original.transferTo(out);
        out.write(stamped.tail());
        out.flush();
    }

    /**
     * Reads the header block of {@code original} (and at most a chunk past it, which does not matter) and returns
     * what goes around its body: the same bytes {@link #stamp} writes before and after it.
     */
    public Stamped around(InputStream original, StampInput input) throws IOException {
        return around(HeaderBlock.read(original), input);
    }

    private Stamped around(HeaderBlock block, StampInput input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        List<String> headers = block.fields();
        List<String> contentHeaders = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String field : headers) {
            String name = nameOf(field);
            if (name.startsWith(StampHeaders.OUR_PREFIX) || isOurAuthenticationResults(name, field)
                    || name.equals("mime-version")) {
                continue;
            }
            if (name.startsWith("content-")) {
                contentHeaders.add(field);
            } else {
                kept.add(field);
            }
        }
        String boundary = "=_mailgw_" + randomHex();
        StringBuilder h = new StringBuilder();
        input.authenticationResults().ifPresent(a -> h.append(StampHeaders.fold("Authentication-Results", a)).append("\r\n"));
        h.append(StampHeaders.fold(StampHeaders.VERDICT,
                StampHeaders.verdictValue(input.verdict(), input.auditRecordId(), input.queueId()))).append("\r\n");
        h.append(StampHeaders.fold(StampHeaders.SENDER, StampHeaders.senderValue(input.verdict()))).append("\r\n");
        int index = 1;
        for (DocumentVerdict d : input.verdict().documents()) {
            h.append(StampHeaders.fold(StampHeaders.DOCUMENT, StampHeaders.documentValue(index++, d, input.documentType(d.sha256())))).append("\r\n");
        }
        for (String field : kept) {
            h.append(field);
        }
        h.append("MIME-Version: 1.0\r\n");
        h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        h.append("This is a multi-part message in MIME format (stamped by mailgw).\r\n");
        h.append("\r\n--").append(boundary).append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.UTF_8));
        writeBannerPart(out, input, boundary);
        out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
        // The original, unchanged: its Content-* headers, the blank line, then the body bytes as received.
        for (String field : contentHeaders) {
            out.write(field.getBytes(StandardCharsets.UTF_8));
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] head = out.toByteArray();
        out.reset();
        // Here the original body follows, byte for byte. The report explains documents; on a message without any (most mail) the banner says so, and a report
        // attachment would only put an attachment icon on every message in the clerk's list.
        if (config.attachReport() && !input.verdict().documents().isEmpty()) {
            out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            writeBase64Part(out, "text/html; charset=utf-8", "bao-cao-kiem-tra.html",
                    ValidationReport.html(input, config.timeZone()).getBytes(StandardCharsets.UTF_8));
            int n = 1;
            for (StampInput.MachineReport r : input.machineReports()) {
                out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
                writeBase64Part(out, "application/xml", "dss-report-" + n++ + ".xml", r.xml());
            }
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Stamped(head, block.length(), out.toByteArray());
    }

    /**
     * The banner as multipart/alternative (plain text, then HTML), each base64-encoded. Written by hand with the
     * JDK's MIME encoder rather than through Jakarta Mail's part objects: the banner is on every message, and
     * Jakarta Mail's quoted-printable encoder (byte at a time) was the largest CPU cost of relaying a small
     * message. Base64 also keeps Vietnamese text shorter than quoted-printable (1.33x instead of up to 3x).
     */
    private void writeBannerPart(OutputStream out, StampInput input, String boundary) throws IOException {
        // Not outer + suffix: lenient parsers match a boundary as a line prefix, so neither may start the other.
        String inner = boundary.replace("=_mailgw_", "=_mailgw_alt_");
        ascii(out, "Content-Type: multipart/alternative; boundary=\"" + inner + "\"\r\n"
                + "Content-Disposition: inline\r\n\r\n--" + inner + "\r\n");
        writeBase64Part(out, "text/plain; charset=UTF-8", null, banner.text(input).getBytes(StandardCharsets.UTF_8));
        ascii(out, "\r\n--" + inner + "\r\n");
        writeBase64Part(out, "text/html; charset=UTF-8", null, banner.html(input).getBytes(StandardCharsets.UTF_8));
        ascii(out, "\r\n--" + inner + "--\r\n");
    }

    /** One leaf part: headers, blank line, base64 body in 76-character lines (RFC 2045 6.8); no trailing CRLF. */
    private static void writeBase64Part(OutputStream out, String type, String fileName, byte[] content)
            throws IOException {
        StringBuilder h = new StringBuilder("Content-Type: ").append(type);
        if (fileName != null) {
            // File names we write are ASCII (checked by the callers' constants), so no RFC 2231 encoding is needed.
            h.append("; name=\"").append(fileName).append("\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(fileName).append('"');
        }
        h.append("\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        ascii(out, h.toString());
        out.write(MIME_BASE64.encode(content));
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean isOurAuthenticationResults(String name, String field) {
        if (!name.equals("authentication-results")) {
            return false;
        }
        String value = field.substring(field.indexOf(':') + 1).strip();
        try {
            value = MimeUtility.unfold(value);
        } catch (RuntimeException ignored) {
            // keep the raw value
        }
        String id = value.split("[;\\s]", 2)[0];
        return id.equalsIgnoreCase(config.authServId());
    }

    private static String nameOf(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * 128 random bits for the boundary. Unpredictable on purpose: a sender who could guess it could end our
     * multipart inside the original body and add a forged banner part. One DRBG per thread: UUID.randomUUID()
     * shares one SecureRandom (and a lock) across all pipeline workers.
     */
    private static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
