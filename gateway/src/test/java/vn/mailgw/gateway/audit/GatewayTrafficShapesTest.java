package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.cli.DemoCommand;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;

/**
 * The audit benchmark appends {@link GatewayTrafficShapes}' messages as stand-ins for the two gateway runs the issue's
 * append goal refers to. This sends the same two kinds of message through the running gateway (real SMTP, the demo
 * province's DNS, signed PDF and CRLs) and checks that the gateway writes what the shapes stand for: as many records,
 * the same fields filled, the same verdicts. If the gateway starts writing more per message, this fails and the
 * benchmark's comparison must change with it.
 */
class GatewayTrafficShapesTest {

    /** Deleted by JUnit after the class (the gateway is stopped first, in @AfterAll). */

    @TempDir

    private static Path dir;
    private static DemoProvince province;
    private static Vertx vertx;
    private static GatewayService gateway;

    @BeforeAll
    static void start() throws Exception {
        province = DemoProvince.start(Instant.now());
        vertx = Vertx.vertx();
        gateway = DemoCommand.startOn(province, vertx, List.of("smtp.port=0", "http.port=0",
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=gwS",
                "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"), "workers.pipeline=2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().await(20, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
        if (province != null) {
            province.close();
        }
    }

    @Test
    void messageWithoutAttachmentShouldBeOneMessageRecordLikeTheRelayShapeWhenRelayed() throws Exception {
        AuditRecord record = send(new SampleMessage("plain", "bench/smtp-relay's kind: text only", "stc@daknong.gov.vn",
                List.of(DemoProvince.RECIPIENT), textOnly("stc@daknong.gov.vn"), 250, "NOT_A_DOCUMENT", List.of()));

        assertThat(gateway.audit().store().children(record.id())).isEmpty();
        MessageAudit shape = GatewayTrafficShapes.relayed("Q1", Instant.now());
        assertThat(shape.documents()).isEmpty();
        assertSameFieldsFilled(record, shape);
        assertThat(record.errors()).isEqualTo(GatewayTrafficShapes.findings("stc@daknong.gov.vn", "NOT_A_DOCUMENT", 0));
    }

    @Test
    void messageWithOneSignedPdfShouldBeAMessageAndOneDocumentRecordLikeTheVerdictShapeWhenDelivered() throws Exception {
        byte[] eml = province.eml("shape", "stc@daknong.gov.vn", "Quyết định 99", "Quyết định 99.pdf",
                province.signedDecision("99/2026/QĐ-STC", 0));
        AuditRecord record = send(new SampleMessage("pdf", "bench/verdict's kind: one signed PDF", "stc@daknong.gov.vn",
                List.of(DemoProvince.RECIPIENT), eml, 250, "PAPER_EQUIVALENT", List.of()));

        List<AuditRecord> documents = gateway.audit().store().children(record.id());
        MessageAudit shape = GatewayTrafficShapes.signedPdf("Q2", Instant.now());
        assertThat(documents).hasSize(shape.documents().size()).hasSize(1);
        assertSameFieldsFilled(record, shape);
        assertThat(record.errors()).isEqualTo(shape.errors());
        assertThat(record.agency()).isEqualTo(shape.agency());
        AuditRecord document = documents.get(0);
        DocumentAudit shapeDocument = shape.documents().get(0);
        assertThat(document.verdict()).isEqualTo(shapeDocument.verdict()).isEqualTo("PAPER_EQUIVALENT");
        assertThat(document.fileType()).isEqualTo(shapeDocument.type());
        assertThat(document.signatures()).hasSameSizeAs(shapeDocument.signatures());
        assertThat(document.documentType()).isNotBlank();
        assertThat(shapeDocument.documentType()).isNotBlank();
        assertThat(document.rulesApplied()).isEqualTo(shapeDocument.rulesApplied());
        assertThat(document.reasonCodes()).isEqualTo(shapeDocument.reasonCodes()).isEmpty();
        assertThat(document.errors()).isEqualTo(shapeDocument.errors());
        assertThat(document.documentName()).isEqualTo(shapeDocument.name());
    }

    /** Sends the message, expects 250 and returns its MESSAGE record. */
    private static AuditRecord send(SampleMessage message) {
        SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(message);
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        String text = reply.text().strip();
        String id = "gwS." + text.substring(text.lastIndexOf(' ') + 1);
        AuditRecord record = gateway.audit().store().find(id).orElseThrow();
        assertThat(record.verdict()).isEqualTo(message.expectedVerdict());
        assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
        return record;
    }

    /** Which optional message fields the gateway filled, and the shape too; the verdict and outcome match. */
    private static void assertSameFieldsFilled(AuditRecord record, MessageAudit shape) {
        assertThat(filled(record.messageId(), record.headerFrom(), record.helo(), record.sizeBytes(),
                record.authResults(), record.agency(), record.profile(), record.verdict()))
                .isEqualTo(filled(shape.messageId(), shape.headerFrom(), shape.helo(), shape.sizeBytes(),
                        shape.authResults(), shape.agency(), shape.profile(), shape.verdict()));
        assertThat(record.verdict()).isEqualTo(shape.verdict());
        assertThat(record.outcome()).isEqualTo(shape.outcome());
        assertThat(record.recipients()).hasSameSizeAs(shape.recipients());
        assertThat(record.reasonCodes()).hasSameSizeAs(shape.reasonCodes());
        assertThat(record.errors()).hasSameSizeAs(shape.errors());
        assertThat(record.smtpReply()).startsWith("250 ");
        assertThat(shape.smtpReply()).startsWith("250 ");
    }

    private static List<Boolean> filled(Object... values) {
        return java.util.Arrays.stream(values).map(v -> v != null).toList();
    }

    private static byte[] textOnly(String from) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoProvince.RECIPIENT));
        m.setSubject("Thông báo lịch họp", "UTF-8");
        m.setText("Kính gửi Văn phòng UBND tỉnh,\r\n\r\n" + "Nội dung thư. ".repeat(700) + "\r\n", "UTF-8");
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
