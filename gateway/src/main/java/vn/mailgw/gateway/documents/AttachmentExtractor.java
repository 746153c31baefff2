package vn.mailgw.gateway.documents;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import vn.mailgw.validation.filetype.FileTypeSniffer;

/**
 * Finds the attachments of a message: every leaf part that is marked as an attachment, carries a file name,
 * or is not the message text (anything but text/plain and text/html without a name). Multipart containers are
 * walked, nested messages included as attachments of their own.
 */
public final class AttachmentExtractor {

    private final long maxBytes;

    /** @param maxBytes largest attachment decoded (daknong-2012 Art 5.2: 25 MB); bigger ones are cut and flagged. */
    public AttachmentExtractor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public List<Attachment> extract(MimeMessage message) throws MessagingException, IOException {
        List<Attachment> found = new ArrayList<>();
        walk(message, found, 0);
        return found;
    }

    private void walk(Part part, List<Attachment> found, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, found, depth + 1);
                }
            }
            return;
        }
        String fileName = safeFileName(part);
        boolean markedAttachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        boolean bodyText = (part.isMimeType("text/plain") || part.isMimeType("text/html")) && fileName.isEmpty();
        if (depth == 0 && bodyText) {
            return;
        }
        if (!markedAttachment && fileName.isEmpty() && bodyText) {
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
        }
        found.add(new Attachment(fileName, bytes, sha256(bytes), FileTypeSniffer.sniff(bytes)));
    }

    private static String disposition(Part part) {
        try {
            String d = part.getDisposition();
            return d == null ? "" : d.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String safeFileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return "";
            }
            try {
                name = jakarta.mail.internet.MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException ignored) {
                // keep the raw name
            }
            // Names go into headers and banners: no control characters, no paths.
            return name.replaceAll("[\\p{Cntrl}]", "").replaceAll(".*[/\\\\]", "").strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
