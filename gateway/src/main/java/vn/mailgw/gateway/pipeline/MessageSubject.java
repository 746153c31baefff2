package vn.mailgw.gateway.pipeline;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/**
 * The Subject of a message, decoded, bounded. Why not {@link MimeMessage#getSubject()}: it unfolds the whole field
 * first, and Jakarta Mail's unfolding is quadratic in the number of folds, so one Subject folded over 40,000 lines
 * (3 MB, each line within SMTP's 1000 octets) held a pipeline worker for half a minute per call. RFC 5322 2.1.1
 * limits a line to 998 characters; a subject longer than {@link #MAX_RAW_CHARS} is cut before unfolding.
 */
public final class MessageSubject {

    /** Room for a long Vietnamese subject written as several RFC 2047 encoded words. */
    static final int MAX_RAW_CHARS = 4096;

    private MessageSubject() {}

    /** "" when there is none or it cannot be read. */
    public static String of(MimeMessage message) {
        String raw;
        try {
            raw = message.getHeader("Subject", null);
        } catch (MessagingException e) {
            return "";
        }
        if (raw == null) {
            return "";
        }
        if (raw.length() > MAX_RAW_CHARS) {
            raw = raw.substring(0, MAX_RAW_CHARS);
        }
        String unfolded = MimeUtility.unfold(raw);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }
}
