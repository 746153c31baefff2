package vn.mailgw.gateway.documents;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import vn.mailgw.gateway.classify.ClassifyConfig;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.config.DataSize;
import vn.mailgw.gateway.delivery.DeliverMessage;
import vn.mailgw.gateway.delivery.MaildirDelivery;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.PipelineRunner;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.gateway.testing.TestMail;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.classify.SecrecyFinding;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.verdict.SignatureEvidence;

/**
 * Classification alongside signature validation in a real pipeline: Jakarta Mail parses the spooled message, the
 * real classifier reads corpus documents, the real signature engine checks them, Maildir shows what was delivered.
 */
class ValidateDocumentsTest {

    static final Path CORPUS = Path.of("..", "validation", "src", "test", "resources", "classification-corpus");
    static final SignatureValidator VALIDATOR = new SignatureValidator(ValidationConfig.DEFAULT);

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

    private static byte[] mail(Object... nameAndBytes) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("vanthu@snv.daknong.gov.vn"));
        message.setSubject("Gửi văn bản", "UTF-8");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Kính gửi các đơn vị.", "UTF-8");
        multipart.addBodyPart(body);
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) nameAndBytes[i + 1],
                    "application/octet-stream")));
            attachment.setFileName((String) nameAndBytes[i]);
            multipart.addBodyPart(attachment);
        }
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The documents part of the gateway's pipeline, with one attachment size limit for both steps. */
    private SmtpReply run(byte[] mail, long maxAttachmentBytes) {
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
        ClassifyDocuments classify = ClassifyDocuments.create(new ClassifyConfig("daknong-2012", false,
                Duration.ofSeconds(30), 3, DataSize.ofBytes(maxAttachmentBytes), ClassifyConfig.DEFAULT_MAX_ATTACHMENTS));
        DocumentInspector inspector = new DocumentInspector(VALIDATOR, () -> TrustSnapshot.empty(Instant.now()),
                Clock.systemUTC());
        List<Step> steps = List.of(new ParseMime(),
                new ValidateDocuments(new AttachmentExtractor(maxAttachmentBytes), inspector, List.of(classify)), capture,
                new DeliverMessage(new MaildirDelivery(dir.resolve("maildir"), "gw.test")));
        return new PipelineRunner(vertx.createSharedWorkerExecutor("documents-test", 1), steps)
                .run(TestMail.builder().content(mail).spoolInto(dir.resolve("spool")));
    }

    private long deliveredCount() throws IOException {
        Path maildir = dir.resolve("maildir");
        if (!Files.exists(maildir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(maildir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void applyShouldGiveEachDocumentItsSignatureFindingAndTypeFromOneExtraction() throws Exception {
        SmtpReply reply = run(mail("giay-moi.pdf", corpus("d046_")), 25L * 1024 * 1024);

        assertThat(reply.code()).isEqualTo(250);
        MessageContext context = seen.get();
        List<InspectedDocument> docs = context.require(ValidateDocuments.DOCUMENTS).list();
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.facts().fileName()).isEqualTo("giay-moi.pdf");
            assertThat(d.facts().signatures()).isInstanceOf(SignatureEvidence.NotSigned.class);
            assertThat(d.facts().classification()).contains("Giấy mời (GM)");
        });
        // Classification and signatures read the same decoded attachment, whose bytes are released afterwards.
        assertThat(context.require(ClassifyDocuments.CLASSIFICATIONS).get(0).sha256())
                .isEqualTo(docs.get(0).facts().sha256()).isEqualTo(AttachmentExtractor.sha256(corpus("d046_")));
        assertThat(context.require(MessageAttachments.ATTACHMENTS).released()).isTrue();
        assertThat(context.require(MessageAttachments.ATTACHMENTS).list()).isEmpty();
        assertThat(deliveredCount()).isEqualTo(1);
    }

    @Test
    void applyShouldRefuseASecretDocumentBeforeDeliveryWhileSignaturesAreChecked() throws Exception {
        SmtpReply reply = run(mail("giay-moi.pdf", corpus("d046_"), "VB_0174.docx", corpus("d074_")), 25L * 1024 * 1024);

        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.lines().get(0)).contains("TUYỆT MẬT");
        assertThat(seen.get()).as("no step after the refusal ran").isNull();
        assertThat(deliveredCount()).isZero();
    }

    @Test
    void applyShouldFlagAnOversizedAttachmentAndNeverTreatItAsNotSigned() throws Exception {
        byte[] big = corpus("d036_");
        byte[] small = corpus("d074_");
        long limit = big.length - 1;
        assertThat((long) small.length).isLessThan(limit);
        SmtpReply reply = run(mail("cong-van.pdf", big), limit);

        assertThat(reply.code()).isEqualTo(250);
        MessageContext context = seen.get();
        InspectedDocument doc = context.require(ValidateDocuments.DOCUMENTS).list().get(0);
        assertThat(doc.facts().signatures()).isInstanceOfSatisfying(SignatureEvidence.NotChecked.class,
                n -> assertThat(n.cause()).contains("daknong-2012 Art 5.2"));
        assertThat(doc.facts().sha256()).isEqualTo(AttachmentExtractor.sha256(big));
        assertThat(context.require(ClassifyDocuments.CLASSIFICATIONS).get(0).classification().secrecy())
                .isInstanceOf(SecrecyFinding.Undetermined.class);
        assertThat(context.findings()).filteredOn(f -> f.startsWith("documents: attachment 1"))
                .singleElement().asString().contains("larger than " + limit + " bytes", "daknong-2012 Art 5.2");
    }

    /** Lines logged while a document is validated (on the engine's own threads) name their message's queue id. */
    @Test
    void applyShouldCarryTheQueueIdIntoTheValidationThreadsLogLines() throws Exception {
        byte[] signedAbroad = Files.readAllBytes(Path.of(System.getProperty("shared.dir", "../../shared"),
                "corpus", "signed-pdf", "dss-doc-firmado-LT.pdf"));
        Logger dss = (Logger) LoggerFactory.getLogger("eu.europa.esig");
        Level before = dss.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        dss.addAppender(events);
        dss.setLevel(Level.WARN);
        try {
            assertThat(run(mail("van-ban.pdf", signedAbroad), 25L * 1024 * 1024).code()).isEqualTo(250);
        } finally {
            dss.detachAppender(events);
            dss.setLevel(before);
        }

        // A chain to a CA outside the (empty) trust store makes DSS warn on the engine's worker thread.
        List<ILoggingEvent> fromEngine = events.list.stream()
                .filter(e -> e.getThreadName().startsWith("mailgw-validation-")).toList();
        assertThat(fromEngine).isNotEmpty();
        assertThat(fromEngine).allSatisfy(e ->
                assertThat(e.getMDCPropertyMap()).containsEntry("queue", seen.get().queueId()));
    }
}
