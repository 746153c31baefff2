package vn.mailgw.gateway.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.mailgw.gateway.cli.DemoCommand;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;

/**
 * Every sample message of the demo province through the running gateway: real SMTP in, real DNS for SPF/DMARC,
 * real CRLs over HTTP for revocation, Maildir out. Asserts the SMTP reply, the stamped verdict and reasons.
 */
class VerdictEndToEndTest {

    static final String AUDITOR = "kiemtoan";
    static final String PASSWORD = "mat-khau-kiem-toan-e2e";

    /** Deleted by JUnit after the class (the gateway is stopped first, in @AfterAll). */

    @TempDir

    static Path dir;
    static Vertx vertx;
    static DemoProvince province;
    static GatewayService gateway;
    static List<SampleMessage> samples;

    @BeforeAll
    static void start() throws Exception {
        province = DemoProvince.start(Instant.now());
        samples = province.messages();
        assertThat(samples).extracting(SampleMessage::name).containsExactlyElementsOf(DemoProvince.SAMPLE_NAMES);
        vertx = Vertx.vertx();
        gateway = DemoCommand.startOn(province, vertx, List.of("smtp.port=0", "http.port=0",
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=gwV",
                "http.users." + AUDITOR + "=" + vn.mailgw.gateway.http.PasswordHasher.hash(PASSWORD.toCharArray()),
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
        String auditId = auditIdOf(reply);
        MimeMessage m = deliveredWithAuditId(auditId);
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
                assertThat(sig.caFamily()).as("CA family of the issuer, from the trust store").isNotBlank();
            });
        });
    }

    @org.junit.jupiter.api.Test
    void auditorPageShouldShowTheRecordWhenSignedInWithTheStampedAuditId() throws Exception {
        SampleMessage sample = samples.stream().filter(s -> s.expectedReply() == 250).findFirst().orElseThrow();
        SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(sample);
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        String auditId = auditIdOf(reply);
        deliveredWithAuditId(auditId);

        String base = "http://127.0.0.1:" + gateway.httpPort();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        java.net.http.HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/login")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(login.body());
        assertThat(csrf.find()).as("login page has a CSRF token").isTrue();
        String form = "csrf=" + enc(csrf.group(1)) + "&username=" + enc(AUDITOR) + "&password=" + enc(PASSWORD);
        java.net.http.HttpResponse<String> signedIn = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isBetween(300, 399);

        java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/audit/records/" + auditId)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(auditId, sample.expectedVerdict());
    }

    /**
     * A message over StampVerdict's in-memory limit is delivered as the stamp's bytes around the spool file's body
     * (no stamped copy): the Maildir file must be the whole stamped message, its verdict stamped, and the signed
     * PDF inside byte-identical to what was sent.
     */
    @org.junit.jupiter.api.Test
    void gatewayShouldDeliverALargeStampedMessageWithTheOriginalBodyUnchangedWhenItIsOverTheInMemoryLimit()
            throws Exception {
        byte[] pdf = province.signedDecision("98/2026/QĐ-STC", 400_000);
        SampleMessage big = new SampleMessage("big-e2e", "big", "stc@daknong.gov.vn", List.of(DemoProvince.RECIPIENT),
                province.eml("big-e2e", "stc@daknong.gov.vn", "Lớn", "Quyết định 98.pdf", pdf), 250,
                "PAPER_EQUIVALENT", List.of());
        assertThat(big.eml().length).isGreaterThan((int) vn.mailgw.gateway.stamp.StampVerdict.IN_MEMORY_LIMIT);
        assertThat(new SampleSender("127.0.0.1", gateway.smtpPort()).send(big).code()).isEqualTo(250);
        MimeMessage m = delivered("big-e2e").orElseThrow(() -> new AssertionError("not delivered"));
        assertThat(m.getHeader("X-Mailgw-Verdict")).singleElement().asString().startsWith("PAPER_EQUIVALENT;");
        MimeMultipart top = (MimeMultipart) m.getContent();
        assertThat(top.getCount()).isEqualTo(4); // banner, the original, the report, DSS's report
        MimeMultipart original = (MimeMultipart) top.getBodyPart(1).getContent();
        byte[] attached = null;
        for (int i = 0; i < original.getCount(); i++) {
            if ("Quyết định 98.pdf".equals(jakarta.mail.internet.MimeUtility.decodeText(
                    String.valueOf(original.getBodyPart(i).getFileName())))) {
                attached = original.getBodyPart(i).getInputStream().readAllBytes();
            }
        }
        assertThat(attached).as("the PDF inside the stamped message").isEqualTo(pdf);
    }

    @org.junit.jupiter.api.Test
    void notificationShouldQuoteTheSameAuditIdAsTheStampWhenADocumentIsNotPaperEquivalent() throws Exception {
        for (SampleMessage sample : samples.stream().filter(s -> s.expectedReply() == 250
                && !s.expectedVerdict().equals("PAPER_EQUIVALENT")).toList()) {
            assertThat(new SampleSender("127.0.0.1", gateway.smtpPort()).send(sample).code()).isEqualTo(250);
        }
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("Audit record: (\\S+)");
        List<String> quotedIds = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("maildir"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(Files.readAllBytes(f)));
                if (m.getContent() instanceof String text) {
                    java.util.regex.Matcher id = quoted.matcher(text);
                    if (id.find()) {
                        assertThat(text).contains("Mã bản ghi nhật ký: " + id.group(1));
                        quotedIds.add(id.group(1));
                    }
                }
            }
        }
        assertThat(quotedIds).as("notifications in the maildir").isNotEmpty().allSatisfy(auditId -> {
            assertThat(gateway.audit().store().find(auditId)).as(auditId).isPresent();
            try {
                deliveredWithAuditId(auditId);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The stamped audit id must be the node's id and the queue id the client was told in the 250 reply. */
    private static String auditIdOf(SampleSender.Reply reply) {
        String text = reply.text().strip();
        return "gwV." + text.substring(text.lastIndexOf(' ') + 1);
    }

    /** The delivered copy whose X-Mailgw-Verdict carries this audit id (samples are sent more than once). */
    private static MimeMessage deliveredWithAuditId(String auditId) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("maildir"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(Files.readAllBytes(f)));
                String[] verdict = m.getHeader("X-Mailgw-Verdict");
                if (verdict != null && verdict[0].contains("audit-id=" + auditId + ";")) {
                    return m;
                }
            }
        }
        throw new AssertionError("no delivered message is stamped with audit-id=" + auditId);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
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
