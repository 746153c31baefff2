package vn.mailgw.gateway.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * Every sample message of the demo province through the running gateway: real SMTP in, real DNS for SPF/DMARC,
 * real CRLs over HTTP for revocation, Maildir out. Asserts the SMTP reply, the stamped verdict and reasons.
 */
class VerdictEndToEndTest {

    static Path dir;
    static Vertx vertx;
    static DemoProvince province;
    static GatewayService gateway;
    static List<SampleMessage> samples;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mailgw-verdict-e2e");
        province = DemoProvince.start(Instant.now());
        samples = province.messages();
        assertThat(samples).extracting(SampleMessage::name).containsExactlyElementsOf(DemoProvince.SAMPLE_NAMES);
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0", "http.port=0",
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=gwV",
                "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"), "workers.pipeline=2",
                "verdict.resolver=" + province.dnsResolver()));
        VerdictServices services = VerdictServices.create(config.verdict(), province::registry, province::trust,
                new SignatureValidator(ValidationConfig.DEFAULT), Clock.systemUTC());
        vertx = Vertx.vertx();
        gateway = GatewayService.start(vertx, config, Optional.of(services)).await(30, TimeUnit.SECONDS);
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

    static List<String> names() {
        return DemoProvince.SAMPLE_NAMES;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("names")
    void gatewayShouldStampExpectedVerdictWhenSampleIsReplayed(String name) throws Exception {
        SampleMessage sample = samples.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(sample);
        assertThat(reply.code()).as(reply.text()).isEqualTo(sample.expectedReply());
        if (sample.expectedReply() != 250) {
            assertThat(reply.text()).contains("5.7.1", "daknong-2012 Art 9.4");
            assertThat(delivered(name)).isEmpty();
            return;
        }
        MimeMessage m = delivered(name).orElseThrow(() -> new AssertionError("not delivered: " + name));
        assertThat(m.getHeader("X-Mailgw-Verdict")).as(name).singleElement().asString()
                .startsWith(sample.expectedVerdict() + ";").contains("profile=daknong-2012");
        String documents = String.join("\n", m.getHeader("X-Mailgw-Document"));
        assertThat(documents).contains("verdict=" + sample.expectedVerdict());
        for (String reason : sample.expectedReasons()) {
            assertThat(documents).as(name + " reasons").contains(reason);
        }
        assertThat(m.getHeader("Authentication-Results")[0]).startsWith("mailgw;");
        MimeMultipart top = (MimeMultipart) m.getContent();
        MimeMultipart banner = (MimeMultipart) top.getBodyPart(0).getContent();
        assertThat((String) banner.getBodyPart(0).getContent()).contains("KẾT QUẢ KIỂM TRA GIÁ TRỊ PHÁP LÝ");
        if (sample.expectedVerdict().equals("PAPER_EQUIVALENT")) {
            assertThat(documents).contains("reasons=none");
            assertThat((String) banner.getBodyPart(0).getContent()).contains("SỞ TÀI CHÍNH TỈNH ĐẮK NÔNG", "[HỢP LỆ]");
        }
    }

    @org.junit.jupiter.api.Test
    void stampedAuditIdShouldFindTheRecordWithVerdictAndDocumentFactsWhenSampleIsDelivered() throws Exception {
        SampleMessage sample = samples.stream().filter(s -> s.expectedVerdict().equals("PAPER_EQUIVALENT"))
                .findFirst().orElseThrow();
        SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(sample);
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        MimeMessage m = delivered(sample.name()).orElseThrow();
        String verdictHeader = m.getHeader("X-Mailgw-Verdict")[0];
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("audit-id=([^;\\s]+)").matcher(verdictHeader);
        assertThat(id.find()).as(verdictHeader).isTrue();
        String auditId = id.group(1);
        assertThat(auditId).startsWith("gwV.");
        MimeMultipart banner = (MimeMultipart) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
        assertThat((String) banner.getBodyPart(0).getContent()).contains("Audit record: " + auditId);

        vn.mailgw.gateway.audit.AuditRecord record = gateway.audit().store().find(auditId).orElseThrow();
        assertThat(record.verdict()).isEqualTo("PAPER_EQUIVALENT");
        assertThat(record.profile()).isEqualTo("daknong-2012");
        assertThat(record.agency()).isNotBlank();
        assertThat(record.authResults()).startsWith("mailgw;");
        List<vn.mailgw.gateway.audit.AuditRecord> documents = gateway.audit().store().children(auditId);
        assertThat(documents).isNotEmpty().allSatisfy(d -> {
            assertThat(d.documentSha256()).matches("[0-9a-f]{64}");
            assertThat(d.fileType()).isEqualTo("PDF");
            assertThat(d.verdict()).isEqualTo("PAPER_EQUIVALENT");
            assertThat(d.documentType()).isNotBlank();
            // The classification reaches the stamp: banner line, X-Mailgw-Document, and our own Document-Type field.
            try {
                assertThat((String) banner.getBodyPart(0).getContent()).contains("(loại văn bản: " + d.documentType() + ")");
                assertThat(String.join("\n", m.getHeader("X-Mailgw-Document"))).contains("document-type*=utf-8''");
                assertThat(m.getHeader("X-Mailgw-Document-Type")).isNotNull()
                        .anySatisfy(h -> assertThat(h).contains("sha256=" + d.documentSha256()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(d.signatures()).isNotEmpty().allSatisfy(sig -> {
                assertThat(sig.signer()).contains("CN=");
                assertThat(sig.signingTime()).isNotNull();
            });
        });
    }

    static Optional<MimeMessage> delivered(String name) throws Exception {
        String id = "<" + name + ".demo@daknong.gov.vn>";
        try (Stream<Path> files = Files.walk(dir.resolve("maildir"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString()
                    .equals("new")).toList()) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(Files.readAllBytes(f)));
                if (id.equals(m.getMessageID())) {
                    return Optional.of(m);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
