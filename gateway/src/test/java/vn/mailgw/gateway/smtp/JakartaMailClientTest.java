package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real SMTP client (Jakarta Mail / Angus) talks to the server, in clear text and over STARTTLS. */
class JakartaMailClientTest extends SmtpServerTestBase {

    private static final Path PDF = Path.of(System.getProperty("shared.dir", "../../shared"),
            "corpus", "signed-pdf", "rub-hide-v1-3-signed.pdf");

    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificate() {
        certificates = new TestCertificates();
    }

    @AfterAll
    static void deleteCertificate() {
        certificates.delete();
    }

    private MimeMessage message(Session session, byte[] pdf) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("vanthu@sonla.gov.vn"));
        message.setRecipients(Message.RecipientType.TO, "snv@sonla.gov.vn, sngv@sonla.gov.vn");
        message.setSubject("Giấy mời họp", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Kính gửi các đơn vị: giấy mời đính kèm.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("giay-moi.pdf");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        return message;
    }

    private void sendAndCheck(Properties props) throws Exception {
        Session session = Session.getInstance(props);
        byte[] pdf = Files.readAllBytes(PDF);
        Transport.send(message(session, pdf));

        assertThat(handler.received).hasSize(1);
        RecordingHandler.Received r = handler.received.get(0);
        assertThat(r.message().envelope().reversePath()).isEqualTo("vanthu@sonla.gov.vn");
        assertThat(r.message().envelope().recipients()).containsExactly("snv@sonla.gov.vn", "sngv@sonla.gov.vn");
        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(r.bytes()));
        assertThat(parsed.getSubject()).isEqualTo("Giấy mời họp");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        MimeBodyPart attachment = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("giay-moi.pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    private Properties props() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.actualPort()));
        props.put("mail.smtp.localhost", "vanthu.sonla.gov.vn");
        props.put("mail.smtp.timeout", "10000");
        return props;
    }

    @Test
    void transportShouldDeliverMessageWithPdfAttachmentWhenPlain() throws Exception {
        start(config());
        sendAndCheck(props());
        assertThat(handler.received.get(0).message().envelope().tls()).isFalse();
        assertThat(handler.received.get(0).message().envelope().helo()).isEqualTo("vanthu.sonla.gov.vn");
    }

    @Test
    void transportShouldDeliverOverStartTlsWhenRequired() throws Exception {
        start(config().withTls(certificates.tlsConfig()));
        Properties props = props();
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", certificates.clientContext().getSocketFactory());
        props.put("mail.smtp.ssl.checkserveridentity", "true"); // the test certificate names 127.0.0.1
        sendAndCheck(props);
        assertThat(handler.received.get(0).message().envelope().tls()).isTrue();
    }
}
