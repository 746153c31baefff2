package vn.mailgw.gateway.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * {@code classify.maxAttachmentSize} is the one read limit of the running gateway: an attachment over it is neither
 * classified nor signature-checked, and the stamp says so, instead of being checked by one reader and skipped by the
 * other (the signature step used to have its own fixed 25 MB limit).
 */
class AttachmentLimitEndToEndTest {

    @TempDir
    Path dir;

    private String validName;

    @Test
    void attachmentOverTheConfiguredLimitShouldBeFlaggedNotCheckedByTheWholeGateway() throws Exception {
        try (DemoProvince province = DemoProvince.start(Instant.now())) {
            SampleMessage valid = province.messages().stream()
                    .filter(s -> s.expectedVerdict().equals("PAPER_EQUIVALENT")).findFirst().orElseThrow();
            validName = valid.name();
            GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0",
                    "http.port=0", "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir,
                    "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                    "verdict.resolver=" + province.dnsResolver(), "classify.maxAttachmentSize=8kB"));
            VerdictServices services = VerdictServices.create(config.verdict(), province::registry, province::trust,
                    new SignatureValidator(ValidationConfig.DEFAULT), Clock.systemUTC());
            Vertx vertx = Vertx.vertx();
            try {
                GatewayService gateway = GatewayService.start(vertx, config, Optional.of(services))
                        .await(30, TimeUnit.SECONDS);
                try {
                    SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(valid);
                    assertThat(reply.code()).as(reply.text()).isEqualTo(250);
                } finally {
                    gateway.stop().await(20, TimeUnit.SECONDS);
                }
            } finally {
                vertx.close().await(20, TimeUnit.SECONDS);
            }
        }

        MimeMessage stamped = delivered("<" + validName + ".demo@daknong.gov.vn>");
        String documents = String.join("\n", stamped.getHeader("X-Mailgw-Document"));
        // The signed PDF (tens of kB) is over 8 kB: not valid, not "unsigned", but not checked, with the article.
        assertThat(documents).contains("SIGNATURE_NOT_CHECKED").doesNotContain("verdict=PAPER_EQUIVALENT")
                .doesNotContain("NOT_SIGNED");
        assertThat(stamped.getHeader("X-Mailgw-Verdict")[0]).doesNotStartWith("PAPER_EQUIVALENT");
    }

    /** The delivered copy of the sample (the sender's notification is delivered to the same Maildir). */
    private MimeMessage delivered(String messageId) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("maildir"))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("new")).toList()) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(Files.readAllBytes(f)));
                if (messageId.equals(m.getMessageID())) {
                    return m;
                }
            }
        }
        throw new AssertionError("not delivered: " + messageId);
    }
}
