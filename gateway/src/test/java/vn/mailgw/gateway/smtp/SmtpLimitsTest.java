package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every limit answers with a clear reply and never hangs. */
class SmtpLimitsTest extends SmtpServerTestBase {

    @Test
    void connectShouldGet421WhenTooManyConnectionsFromOneIp() throws Exception {
        start(config().withLimits(10, 2, 100, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 10));
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect();
             RawSmtpClient third = new RawSmtpClient(server.actualPort())) {
            assertThat(third.reply()).startsWith("421 4.7.0 Too many connections from your address");
            assertThat(third.closedByServer()).isTrue();
            assertThat(first.command("NOOP")).startsWith("250"); // the others are unaffected
            assertThat(second.command("NOOP")).startsWith("250");
        }
        eventually(() -> server.openConnections() == 0);
        try (RawSmtpClient again = connect()) { // slots are given back on close
            assertThat(again.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void connectShouldGet421WhenTooManyConnectionsInTotal() throws Exception {
        start(config().withLimits(1, 1, 100, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 10));
        try (RawSmtpClient first = connect(); RawSmtpClient second = new RawSmtpClient(server.actualPort())) {
            assertThat(second.reply()).startsWith("421 4.3.2 Too many connections");
            assertThat(second.closedByServer()).isTrue();
            assertThat(first.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void rcptShouldGet452WhenRecipientLimitReached() throws Exception {
        start(config().withLimits(10, 10, 2, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 10));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            assertThat(c.command("RCPT TO:<r1@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<r2@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<r3@sonla.gov.vn>")).isEqualTo(
                    "452-4.5.3 Quá nhiều người nhận cho một thư, hãy gửi phần còn lại trong thư khác\n"
                            + "452 4.5.3 Too many recipients for one message, send the rest in another message");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("x\r\n.\r\n");
            assertThat(c.reply()).startsWith("250");
        }
        assertThat(handler.received.get(0).message().envelope().recipients())
                .containsExactly("r1@sonla.gov.vn", "r2@sonla.gov.vn");
    }

    @Test
    void mailShouldGet552WhenDeclaredSizeIsOverTheLimit() throws Exception {
        start(config().withLimits(10, 10, 10, 4096, 10));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO x")).contains("250-SIZE 4096");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn> SIZE=4097")).startsWith("552-5.3.4 Thư vượt quá kích thước tối đa cho phép (4096 byte)")
                    .endsWith("552 5.3.4 Message exceeds the maximum size of 4096 octets; attachments up to 25 MB each (daknong-2012 Art 5.2)");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn> SIZE=4096")).startsWith("250");
        }
    }

    @Test
    void dataShouldGet552AndStoreNothingWhenActualSizeIsOverTheLimit() throws Exception {
        start(config().withLimits(10, 10, 10, 4096, 10));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn> SIZE=100"); // lies about the size
            c.command("RCPT TO:<b@sonla.gov.vn>");
            assertThat(c.command("DATA")).startsWith("354");
            String line = "z".repeat(98) + "\r\n";
            c.send(line.repeat(41) + ".\r\n"); // 4100 octets
            assertThat(c.reply()).startsWith("552-5.3.4 Thư vượt quá kích thước tối đa cho phép (4096 byte)")
                    .endsWith("552 5.3.4 Message exceeds the maximum size of 4096 octets; attachments up to 25 MB each (daknong-2012 Art 5.2)");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            c.command("DATA");
            c.send(line.repeat(40) + ".\r\n"); // 4000 octets: fits
            assertThat(c.reply()).startsWith("250");
        }
        assertThat(handler.received).hasSize(1);
        assertThat(handler.received.get(0).bytes()).hasSize(4000);
        eventually(() -> countQuietly() == 0);
    }

    @Test
    void dataRefusalShouldBeToldToTheEnvelopeChecksWithItsQueueIdAndReply() throws Exception {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(config().withLimits(10, 10, 10, 4096, 10), new vn.mailgw.gateway.message.EnvelopeChecks() {
            @Override
            public java.util.Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String ip) {
                return java.util.Optional.empty();
            }

            @Override
            public void dataRefused(String queueId, String reversePath, java.util.List<String> recipients,
                                    String clientIp, String helo, long size, SmtpReply reply) {
                told.add(queueId + " " + reversePath + " " + recipients + " " + size + " " + reply.code());
            }
        });
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            c.command("DATA");
            c.send("Subject: " + "x".repeat(1200) + "\r\n\r\nbody\r\n.\r\n");
            assertThat(c.reply()).startsWith("550-5.5.2");
        }
        // The audit log hears of refusals the pipeline never sees (a line over 1000 octets here).
        eventually(() -> told.size() == 1);
        assertThat(told.get(0)).matches("\\S+ a@sonla.gov.vn \\[b@sonla.gov.vn\\] \\d+ 550");
        assertThat(handler.received).isEmpty();
    }

    @Test
    void sessionShouldGet421WhenIdleTimeoutExpires() throws Exception {
        start(config().withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(300)));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            c.command("DATA");
            c.send("started but never finished\r\n");
            assertThat(c.reply()).startsWith("421 4.4.2 Timeout");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(handler.received).isEmpty();
        eventually(() -> countQuietly() == 0); // the partial spool file is deleted
    }

    @Test
    void sessionShouldGet421WhenCommandTrickleExceedsCommandTimeout() throws Exception {
        start(config().withTimeouts(Duration.ofMillis(600), Duration.ofMinutes(1)));
        try (RawSmtpClient c = connect()) {
            for (char ch : "NOOP".toCharArray()) { // bytes keep coming, but the line never completes in time
                c.send(String.valueOf(ch));
                Thread.sleep(250);
            }
            assertThat(c.reply()).startsWith("421 4.4.2");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void sessionShouldCloseWith421WhenTooManyBadCommands() throws Exception {
        start(config().withLimits(10, 10, 10, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 2));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("FOO")).startsWith("500");
            assertThat(c.command("BAR")).startsWith("500");
            assertThat(c.command("BAZ")).startsWith("421 4.7.0 Too many errors");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void closeShouldSend421ToOpenSessions() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            await(server.close());
            server = null;
            assertThat(c.reply()).startsWith("421 4.3.2 Service shutting down");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void closeShouldLetPipelineReplyGoOutFirstWhenMessageIsInFlight() throws Exception {
        start(config());
        Promise<Void> gate = Promise.promise();
        handler.gate = gate;
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            c.command("DATA");
            c.send("in flight\r\n.\r\n");
            eventually(() -> handler.calls.get() == 1);
            var closing = server.close(Duration.ofSeconds(10));
            server = null;
            Thread.sleep(200); // the shutdown has reached the session while its message is in the pipeline
            vertx.runOnContext(v -> gate.complete());
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(c.reply()).startsWith("421 4.3.2");
            assertThat(c.closedByServer()).isTrue();
            await(closing);
        }
        assertThat(handler.received).hasSize(1);
    }

    private long countQuietly() {
        try {
            return spoolFileCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
