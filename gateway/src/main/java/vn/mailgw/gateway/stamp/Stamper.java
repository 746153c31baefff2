package vn.mailgw.gateway.stamp;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import vn.mailgw.validation.verdict.DocumentVerdict;

/**
 * Stamps a message: removes incoming headers of our names (and Authentication-Results claiming our authserv-id),
 * adds the machine-readable verdict headers, and wraps the original body, byte for byte, as the second part of
 * a new multipart/mixed whose first part is the Vietnamese banner (text + HTML alternative) and whose last parts
 * are the validation report.
 *
 * <p>Why wrap instead of re-writing the MIME tree: the original body and its Content-* headers are copied
 * unchanged into the inner part, so every attachment, alternative/related structure, RFC 2231 file name and
 * transfer encoding stays byte-identical (DKIM body hashes of inner parts still match for auditors), and mail
 * clients show the original content inline below the banner. Streams the body; memory holds only headers.
 */
public final class Stamper {

    private final StampConfig config;
    private final Banner banner;

    public Stamper(StampConfig config) {
        this.config = config;
        this.banner = new Banner(config.timeZone());
    }

    public void stamp(InputStream original, OutputStream out, StampInput input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(original, 64 * 1024);
        List<String> headers = readHeaderFields(in);
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
        String boundary = "=_mailgw_" + UUID.randomUUID().toString().replace("-", "");
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
        writePart(out, bannerPart(input));
        out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
        // The original, unchanged: its Content-* headers, the blank line, then the body bytes as received.
        for (String field : contentHeaders) {
            out.write(field.getBytes(StandardCharsets.UTF_8));
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        in.transferTo(out);
        if (config.attachReport()) {
            out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            writePart(out, attachment(ValidationReport.html(input, config.timeZone()).getBytes(StandardCharsets.UTF_8),
                    "text/html; charset=utf-8", "bao-cao-kiem-tra.html"));
            int n = 1;
            for (StampInput.MachineReport r : input.machineReports()) {
                out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
                writePart(out, attachment(r.xml(), "application/xml", "dss-report-" + n++ + ".xml"));
            }
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private MimeBodyPart bannerPart(StampInput input) throws IOException {
        try {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(banner.text(input), "UTF-8", "plain");
            // Parts written outside a MimeMessage get no automatic header update: set the type ourselves.
            text.setHeader("Content-Type", "text/plain; charset=UTF-8");
            text.setHeader("Content-Transfer-Encoding", "quoted-printable");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(banner.html(input), "UTF-8", "html");
            html.setHeader("Content-Type", "text/html; charset=UTF-8");
            html.setHeader("Content-Transfer-Encoding", "quoted-printable");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(alternative);
            part.setHeader("Content-Type", alternative.getContentType());
            part.setDisposition("inline");
            return part;
        } catch (MessagingException e) {
            throw new IOException("cannot build banner part", e);
        }
    }

    private static MimeBodyPart attachment(byte[] content, String type, String fileName) throws IOException {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
            part.setHeader("Content-Type", type);
            part.setFileName(fileName);
            part.setDisposition("attachment; filename=\"" + fileName + "\"");
            part.setHeader("Content-Transfer-Encoding", "base64");
            return part;
        } catch (MessagingException e) {
            throw new IOException("cannot build report part", e);
        }
    }

    private static void writePart(OutputStream out, MimeBodyPart part) throws IOException {
        try {
            part.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("cannot write MIME part", e);
        }
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
     * Reads the header block up to and including the empty line; returns the fields with their folding and
     * line ends as received (each ending with its line break). Header bytes are read as UTF-8 (RFC 6532).
     */
    static List<String> readHeaderFields(InputStream in) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        while (true) {
            String line = readLine(in);
            if (line == null || line.equals("\r\n") || line.equals("\n")) {
                break;
            }
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (continuation && current != null) {
                current.append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        if (line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s : s + "\r\n";
    }
}
