package vn.mailgw.gateway.documents;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.FileType;

/**
 * The one attachment walker on real MIME written and parsed by Jakarta Mail: which parts are documents, that
 * the fast base64 path gives the same bytes as Jakarta Mail's decoder, and that oversized parts are flagged.
 */
class AttachmentExtractorTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static MimeBodyPart attachment(String name, byte[] content, String type) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        if (name != null) {
            part.setFileName(name);
        }
        return part;
    }

    /** Writes the message out and parses it back, as the gateway sees it after the spool. */
    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    private static MimeMessage multipart(MimeBodyPart... parts) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setSubject("Gửi văn bản", "UTF-8");
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Kính gửi các đơn vị.", "UTF-8");
        mixed.addBodyPart(text);
        for (MimeBodyPart p : parts) {
            mixed.addBodyPart(p);
        }
        message.setContent(mixed);
        return roundTrip(message);
    }

    @Test
    void extractShouldReturnNamedAndNonTextPartsButNotTheMessageText() throws Exception {
        byte[] a = pdf(3000, 1);
        byte[] b = pdf(5000, 2);
        MimeBodyPart namedText = attachment("ghi-chu.txt", "ghi chú".getBytes(StandardCharsets.UTF_8), "text/plain");
        MimeBodyPart unnamedPdf = attachment(null, b, "application/pdf");
        List<Attachment> found = new AttachmentExtractor(1_000_000).extract(
                multipart(attachment("Quyết định.pdf", a, "application/pdf"), namedText, unnamedPdf));

        assertThat(found).extracting(Attachment::fileName).containsExactly("Quyết định.pdf", "ghi-chu.txt", "");
        assertThat(found.get(0).content()).isEqualTo(a);
        assertThat(found.get(0).sha256()).isEqualTo(AttachmentExtractor.sha256(a));
        assertThat(found.get(0).type()).isEqualTo(FileType.PDF);
        assertThat(found.get(2).content()).isEqualTo(b);
        assertThat(found).noneMatch(Attachment::oversized);
    }

    @Test
    void extractShouldTreatABarePdfBodyAsADocumentAndAPlainTextBodyAsNone() throws Exception {
        byte[] a = pdf(2000, 3);
        MimeMessage bare = new MimeMessage(SESSION);
        bare.setDataHandler(new DataHandler(new ByteArrayDataSource(a, "application/pdf")));
        MimeMessage text = new MimeMessage(SESSION);
        text.setText("Chỉ có lời nhắn.", "UTF-8");

        assertThat(new AttachmentExtractor(1_000_000).extract(roundTrip(bare))).singleElement()
                .satisfies(x -> assertThat(x.content()).isEqualTo(a));
        assertThat(new AttachmentExtractor(1_000_000).extract(roundTrip(text))).isEmpty();
    }

    @Test
    void extractShouldFlagAnOversizedAttachmentWithItsFullHashAndKeepNoBytes() throws Exception {
        byte[] big = pdf(10_000, 4);
        List<Attachment> found = new AttachmentExtractor(4_000).extract(multipart(attachment("lon.pdf", big,
                "application/pdf"), attachment("nho.pdf", pdf(1000, 5), "application/pdf")));

        Attachment flagged = found.get(0);
        assertThat(flagged.oversized()).isTrue();
        assertThat(flagged.content()).isEmpty();
        assertThat(flagged.size()).isEqualTo(10_000);
        assertThat(flagged.sha256()).isEqualTo(AttachmentExtractor.sha256(big));
        assertThat(flagged.type()).isEqualTo(FileType.PDF);
        assertThat(found.get(1).oversized()).isFalse();
    }

    @Test
    void extractShouldDecodeLikeJakartaMailWhenBase64HasDataAfterThePaddingOrOtherEncodings() throws Exception {
        // Two base64 runs in one body: the JDK decoder would stop at the first padding, Jakarta Mail reads on.
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: application/octet-stream; name=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "QQ==\r\nQkM=\r\n--b\r\n"
                + "Content-Type: application/octet-stream; name=q.bin\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "x=3Dy\r\n--b--\r\n";
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        List<Attachment> found = new AttachmentExtractor(1_000).extract(message);
        byte[] jakarta = ((MimeMultipart) message.getContent()).getBodyPart(0).getInputStream().readAllBytes();

        assertThat(found.get(0).content()).isEqualTo(jakarta);
        assertThat(new String(found.get(1).content(), StandardCharsets.US_ASCII)).isEqualTo("x=y");
    }

    /** A message with one part written by hand: raw part headers and an already-encoded body. */
    private static MimeMessage handWritten(String partHeaders, String body) throws Exception {
        String eml = "From: a@daknong.gov.vn\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nxin chào\r\n"
                + "--b\r\n" + partHeaders + "\r\n" + body + "--b--\r\n";
        return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void extractShouldFlagAPartWhoseBase64IsGarbageAndKeepTheOthers() throws Exception {
        MimeMessage m = handWritten("Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"rac.pdf\"\r\n", "!!!!@@@@ not base64 ~~~\r\n===\r\n");

        List<Attachment> found = new AttachmentExtractor(1024 * 1024).extract(m);

        // Jakarta Mail's decoder throws mid-stream; that used to fail the whole message with 451, forever.
        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("rac.pdf");
            assertThat(a.undecodable()).contains("BASE64");
            assertThat(a.notRead()).isTrue();
            assertThat(a.content()).isEmpty();
            assertThat(a.sha256()).matches("[0-9a-f]{64}");
        });
    }

    @Test
    void extractShouldBoundAHugeRfc2231FileNameQuickly() throws Exception {
        StringBuilder segments = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            segments.append(";\r\n filename*").append(i).append("*=utf-8''%E1%BA%A4").append("a".repeat(40));
        }
        segments.append(";\r\n filename*5000*=utf-8''.pdf");
        MimeMessage m = handWritten("Content-Type: application/pdf\r\nContent-Disposition: attachment" + segments
                + "\r\n", "JVBERi0xLjcK\r\n");

        List<Attachment> found = new AttachmentExtractor(1024 * 1024).extract(m);

        // The old ".*[/\\]" regex was quadratic in the name (minutes for this one); the name is now cut first.
        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.fileName()).hasSizeLessThanOrEqualTo(AttachmentExtractor.MAX_FILE_NAME_CHARS)
                    .startsWith("Ấaaa").endsWith(".pdf");
        });
    }

    @Test
    void extractShouldStopAtTheAttachmentLimit() throws Exception {
        MimeMessage m = withEmptyAttachments(AttachmentExtractor.DEFAULT_MAX_ATTACHMENTS + 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AttachmentExtractor(1024).extract(m))
                .isInstanceOf(AttachmentExtractor.TooManyAttachments.class)
                .hasMessageContaining("more than " + AttachmentExtractor.DEFAULT_MAX_ATTACHMENTS);
    }

    @Test
    void extractShouldTakeTheConfiguredAttachmentLimit() throws Exception {
        // classify.maxAttachments: exactly the limit passes, one more is refused.
        assertThat(new AttachmentExtractor(1024, 5).extract(withEmptyAttachments(5))).hasSize(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AttachmentExtractor(1024, 5)
                        .extract(withEmptyAttachments(6)))
                .isInstanceOfSatisfying(AttachmentExtractor.TooManyAttachments.class,
                        e -> assertThat(e.max()).isEqualTo(5));
    }

    private static MimeMessage withEmptyAttachments(int count) throws Exception {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < count; i++) {
            parts.append("--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a")
                    .append(i).append(".pdf\"\r\n\r\n");
        }
        String eml = "From: a@daknong.gov.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + parts + "--b--\r\n";
        return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
    }
}
