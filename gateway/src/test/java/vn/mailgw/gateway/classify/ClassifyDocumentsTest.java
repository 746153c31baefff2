package vn.mailgw.gateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.delivery.DeliverMessage;
import vn.mailgw.gateway.delivery.MaildirDelivery;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.PipelineRunner;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.testing.TestMail;
import vn.mailgw.validation.classify.DocumentType;
import vn.mailgw.validation.classify.SecrecyLevel;

/**
 * The step inside a real pipeline: Jakarta Mail parses the spooled message, the classifier reads the real
 * corpus documents, and the real Maildir delivery shows what reached a mailbox.
 */
class ClassifyDocumentsTest {

    static final Path CORPUS = Path.of("..", "validation", "src", "test", "resources", "classification-corpus");

    @TempDir
    Path dir;

    private Vertx vertx;
    private final AtomicReference<MessageContext> seen = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    private static byte[] corpus(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return Files.readAllBytes(files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow());
        }
    }

    /** A multipart message as an agency's mail client would send it: text body, then the attachments. */
    private static byte[] mail(String subject, Object... nameAndBytes) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("vanthu@snv.daknong.gov.vn"));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress("vanthu@ubnd.daknong.gov.vn"));
        message.setSubject(subject, "UTF-8");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Kính gửi các đơn vị. Đề nghị giữ bí mật thông tin cá nhân trong hồ sơ.", "UTF-8");
        multipart.addBodyPart(body);
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) nameAndBytes[i + 1], "application/octet-stream")));
            attachment.setFileName(jakarta.mail.internet.MimeUtility.encodeText((String) nameAndBytes[i], "UTF-8", "B"));
            multipart.addBodyPart(attachment);
        }
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private SmtpReply run(byte[] mail) {
        Path maildir = dir.resolve("maildir");
        Step capture = new Step() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public StepResult apply(MessageContext context) {
                seen.set(context);
                return StepResult.proceed();
            }
        };
        List<Step> steps = List.of(new ParseMime(), ClassifyDocuments.create(ClassifyConfig.DEFAULTS), capture,
                new DeliverMessage(new MaildirDelivery(maildir, "gw.test")));
        return new PipelineRunner(vertx.createSharedWorkerExecutor("classify-test", 1), steps)
                .run(TestMail.builder().content(mail).spoolInto(dir.resolve("spool")));
    }

    private List<Path> delivered() throws IOException {
        Path maildir = dir.resolve("maildir");
        if (!Files.exists(maildir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(maildir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void applyShouldRecordEachAttachmentTypeAndStampTheHeaderWhenNothingIsSecret() throws Exception {
        SmtpReply reply = run(mail("Gửi Quyết định và Giấy mời", "Quyết định 172.pdf", corpus("d000_"),
                "giay-moi.pdf", corpus("d046_"), "cong-van.pdf", corpus("d036_")));

        assertThat(reply.code()).isEqualTo(250);
        List<AttachmentClassification> results = seen.get().require(ClassifyDocuments.CLASSIFICATIONS);
        assertThat(results).extracting(r -> r.classification().type())
                .containsExactly(DocumentType.NGHI_QUYET, DocumentType.GIAY_MOI, DocumentType.CONG_VAN);
        assertThat(results.get(0).fileName()).isEqualTo("Quyết định 172.pdf");
        assertThat(results.get(1).classification().category().orElseThrow().citation()).isEqualTo("daknong-2012 Art 9.1");
        List<Path> files = delivered();
        assertThat(files).hasSize(1);
        String stored = Files.readString(files.get(0), StandardCharsets.ISO_8859_1);
        assertThat(stored).contains("X-Mailgw-Document-Type: 1;\r\n\ttype=NGHI_QUYET;")
                .contains("type=GIAY_MOI;").contains("type=CONG_VAN;")
                .contains("secrecy=NONE").doesNotContain("secrecy=MAT")
                .contains("filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20172.pdf");
    }

    @Test
    void applyShouldRefuseWith554AndDeliverNothingWhenAnAttachmentIsMarkedSecret() throws Exception {
        SmtpReply reply = run(mail("Gửi văn bản", "giay-moi.pdf", corpus("d046_"), "VB_0174.docx", corpus("d074_")));

        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.status().toString()).isEqualTo("5.7.1");
        assertThat(reply.lines()).hasSize(2);
        assertThat(reply.lines().get(0)).contains("TUYỆT MẬT").contains("daknong-2012 Art 8.2");
        assertThat(reply.lines().get(1)).contains("Top secret").contains("daknong-2012 Art 8.2").doesNotContain("VB_0174");
        assertThat(delivered()).isEmpty();
        assertThat(seen.get()).as("no step after the refusal ran").isNull();
    }

    @Test
    void auditRecordShouldListTheRefusedDocumentsWithTypeAndHashWhenAnAttachmentIsMarkedSecret() throws Exception {
        try (vn.mailgw.gateway.audit.AuditLog log = vn.mailgw.gateway.audit.AuditLog.open(
                vn.mailgw.gateway.audit.AuditConfig.sqlite(dir.resolve("audit.sqlite"), "gwC", dir))) {
            List<Step> steps = List.of(new ParseMime(), ClassifyDocuments.create(ClassifyConfig.DEFAULTS),
                    new DeliverMessage(new MaildirDelivery(dir.resolve("maildir"), "gw.test")));
            vn.mailgw.gateway.message.ReceivedMessage message = TestMail.builder()
                    .content(mail("Gửi văn bản", "giay-moi.pdf", corpus("d046_"), "VB_0174.docx", corpus("d074_")))
                    .spoolInto(dir.resolve("spool"));
            SmtpReply reply = new PipelineRunner(vertx.createSharedWorkerExecutor("classify-audit-test", 1), steps,
                    new vn.mailgw.gateway.audit.AuditRecorder(log, java.time.Clock.systemUTC())).run(message);

            assertThat(reply.code()).isEqualTo(554);
            String id = log.recordIdFor(message.queueId());
            assertThat(log.store().find(id)).get().satisfies(r -> assertThat(r.verdict()).isEqualTo("REFUSED"));
            List<vn.mailgw.gateway.audit.AuditRecord> documents = log.store().children(id);
            assertThat(documents).extracting(vn.mailgw.gateway.audit.AuditRecord::documentName)
                    .containsExactly("giay-moi.pdf", "VB_0174.docx");
            assertThat(documents).allSatisfy(d -> assertThat(d.documentSha256()).matches("[0-9a-f]{64}"));
            assertThat(documents.get(0).documentType()).isEqualTo("Giấy mời (GM)");
            assertThat(documents.get(1).reasonCodes()).singleElement().asString()
                    .startsWith("SECRET_DOCUMENT TUYET_MAT").contains("daknong-2012 Art 8.2");
        }
    }

    @Test
    void replyShouldCiteTheArticleInBothLanguagesForEveryLevel() {
        for (SecrecyLevel level : SecrecyLevel.values()) {
            SmtpReply reply = SecretDocumentRefusal.reply(level);
            assertThat(reply.code()).isEqualTo(554);
            assertThat(reply.lines()).allMatch(line -> line.contains("daknong-2012 Art 8.2"));
            assertThat(reply.lines().get(0)).contains(level.markVi());
            assertThat(reply.lines().get(1)).matches("\\p{ASCII}+");
        }
    }

    @Test
    void applyShouldPassAMessageWithoutAttachments() throws Exception {
        SmtpReply reply = run(TestMail.message("vanthu@snv.daknong.gov.vn", "Tối mật", "MẬT\r\nNội dung thư.\r\n"));
        assertThat(reply.code()).isEqualTo(250);
        assertThat(seen.get().require(ClassifyDocuments.CLASSIFICATIONS)).isEmpty();
    }

    @Test
    void classifyAllShouldReadNoAttachmentOnceTheMessageIsAbandoned() throws Exception {
        byte[] decision = corpus("d004_");
        java.util.List<vn.mailgw.gateway.documents.Attachment> attachments = new java.util.ArrayList<>();
        for (String name : java.util.List.of("a.pdf", "b.pdf", "c.pdf")) {
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(decision));
            attachments.add(new vn.mailgw.gateway.documents.Attachment(name, decision, sha,
                    vn.mailgw.validation.filetype.FileTypeSniffer.sniff(decision)));
        }
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // the pipeline deadline passes while the first attachment is being read
        List<AttachmentClassification> results = ClassifyDocuments.create(ClassifyConfig.DEFAULTS)
                .classifyAll(attachments, "", () -> asked.getAndIncrement() > 0);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).classification().type()).isNotEqualTo(vn.mailgw.validation.classify.DocumentType.UNDETERMINED);
        for (AttachmentClassification left : results.subList(1, 3)) {
            assertThat(left.classification().type()).isEqualTo(vn.mailgw.validation.classify.DocumentType.UNDETERMINED);
            assertThat(left.classification().secrecy()).isInstanceOfSatisfying(
                    vn.mailgw.validation.classify.SecrecyFinding.Undetermined.class,
                    undetermined -> assertThat(undetermined.reason()).contains("deadline passed"));
        }
    }
}
