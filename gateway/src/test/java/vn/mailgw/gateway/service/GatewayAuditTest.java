package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.Outcome;
import vn.mailgw.gateway.audit.RecordKind;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;

/** The audit log inside the running gateway: delivered and refused messages all get their records. */
class GatewayAuditTest {

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private GatewayService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop().await(20, TimeUnit.SECONDS);
        }
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    @Test
    void gatewayShouldAuditDeliveredAndRefusedMessagesWhenMailArrives() throws Exception {
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0", "http.port=0",
                "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=gwT",
                "http.metricsTokenSha256=" + sha256Hex(SCRAPER_TOKEN)));
        service = GatewayService.start(vertx, config).await(30, TimeUnit.SECONDS);

        String delivered;
        String headerFromRefusal;
        String mailFromRefusal;
        try (Socket s = new Socket("127.0.0.1", service.smtpPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(in);
            send(out, "EHLO mail.snv.daknong.gov.vn");
            reply(in);
            delivered = transaction(in, out, "vanthu@snv.daknong.gov.vn", "vanthu@snv.daknong.gov.vn");
            headerFromRefusal = transaction(in, out, "vanthu@snv.daknong.gov.vn", "canbo@gmail.com");
            send(out, "MAIL FROM:<canbo@yahoo.com.vn>");
            mailFromRefusal = reply(in);
            send(out, "QUIT");
        }

        assertThat(delivered).startsWith("250 ");
        assertThat(headerFromRefusal).startsWith("5");
        assertThat(mailFromRefusal).startsWith("550");
        String queueId = delivered.substring(delivered.lastIndexOf(' ') + 1);
        AuditRecord record = service.audit().store().find("gwT." + queueId).orElseThrow();
        assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(record.envelopeSender()).isEqualTo("vanthu@snv.daknong.gov.vn");
        assertThat(record.headerFrom()).isEqualTo("vanthu@snv.daknong.gov.vn");
        assertThat(record.messageId()).isEqualTo("<m-vanthu@snv.daknong.gov.vn>");
        assertThat(record.recipients()).containsExactly("ubnd@daknong.gov.vn");
        assertThat(record.clientIp()).isEqualTo("127.0.0.1");
        assertThat(record.helo()).isEqualTo("mail.snv.daknong.gov.vn");
        assertThat(record.sizeBytes()).isPositive();
        assertThat(record.smtpReply()).startsWith("250 2.0.0");

        List<AuditRecord> refused = service.audit().store().search(new AuditQuery(null, null, "canbo@gmail.com", null,
                null, null, null, null, RecordKind.MESSAGE, 10, 0)).records();
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.smtpReply()).startsWith("5");
        });
        // The MAIL FROM refusal is written on a worker after the reply: wait for it briefly.
        List<AuditRecord> early = List.of();
        for (int i = 0; i < 50 && early.isEmpty(); i++) {
            early = service.audit().store().search(new AuditQuery(null, null, "canbo@yahoo.com.vn", null, null, null,
                    null, null, null, 10, 0)).records();
            Thread.sleep(100);
        }
        assertThat(early).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo("REFUSED"));

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        // The operator's view of the same traffic: /metrics for a scraper with the bearer token, nobody else.
        assertThat(metrics(null).statusCode()).isEqualTo(401);
        assertThat(metrics("not-the-token").statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = metrics(SCRAPER_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(scraped.body()).contains(
                "mailgw_messages_total{reply=\"250\",status=\"2.0.0\"} 1",
                "mailgw_messages_total{reply=\"550\",status=\"5.7.1\"} 1",
                "mailgw_envelope_refusals_total{reply=\"550\",stage=\"mail\",status=\"5.7.1\"} 1",
                "mailgw_message_answer_seconds_count 2",
                "mailgw_pipeline_step_seconds_count{step=\"deliver\"} 1",
                "mailgw_pipeline_step_seconds_count{step=\"parse-mime\"} 2",
                "mailgw_smtp_connections_open", "jvm_memory_used_bytes",
                // Every reply above waited for its commit, so nothing is queued for the writer now.
                "mailgw_audit_commit_waiting 0", "mailgw_audit_index_backlog", "mailgw_audit_index_failing 0");
        assertThat(scraped.body()).doesNotContain("vanthu@", "canbo@"); // no addresses as labels
    }

    @Test
    void gatewayShouldNotServeMetricsWhenNoTokenIsConfigured() throws Exception {
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0", "http.port=0",
                "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=gwN"));
        service = GatewayService.start(vertx, config).await(30, TimeUnit.SECONDS);

        HttpResponse<String> response = metrics(SCRAPER_TOKEN);

        // Not served at all: the auditors' sign-in guards every other path.
        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("mailgw_messages_total", "jvm_");
    }

    private static final String SCRAPER_TOKEN = "prometheus-scraper-token-6Yq0T2wz";

    private HttpResponse<String> metrics(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256Hex(String token) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String transaction(BufferedReader in, OutputStream out, String mailFrom, String headerFrom)
            throws IOException {
        send(out, "MAIL FROM:<" + mailFrom + ">");
        reply(in);
        send(out, "RCPT TO:<ubnd@daknong.gov.vn>");
        reply(in);
        send(out, "DATA");
        reply(in);
        send(out, "From: <" + headerFrom + ">\r\nTo: <ubnd@daknong.gov.vn>\r\nMessage-ID: <m-" + headerFrom
                + ">\r\nSubject: Thong bao\r\n\r\nNoi dung.\r\n.");
        return reply(in);
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
