package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.mailgw.gateway.message.EnvelopeChecks;

/** The conversation rules, over a real socket. */
class SmtpProtocolTest extends SmtpServerTestBase {

    private static List<String> replies(RawSmtpClient c, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(c.reply());
        }
        return out;
    }

    @Test
    void sessionShouldAnswerPipelinedCommandsInOrderWhenSentInOneWrite() throws Exception {
        start(config());
        handler.gate = Promise.promise(); // hold the first message's reply: later commands must wait for it
        try (RawSmtpClient c = connect()) {
            c.send("EHLO pipe.example\r\nMAIL FROM:<a@sonla.gov.vn>\r\nRCPT TO:<x@sonla.gov.vn>\r\n"
                    + "RCPT TO:<bad>\r\nRCPT TO:<y@sonla.gov.vn>\r\nDATA\r\n");
            List<String> first = replies(c, 6);
            assertThat(first.get(0)).startsWith("250-localhost");
            assertThat(first.subList(1, 6)).extracting(r -> r.substring(0, 9))
                    .containsExactly("250 2.1.0", "250 2.1.5", "501 5.1.3", "250 2.1.5", "354 End d");
            c.send("one\r\n.\r\nMAIL FROM:<b@sonla.gov.vn>\r\nRCPT TO:<z@sonla.gov.vn>\r\nDATA\r\ntwo\r\n.\r\nNOOP\r\n");
            Thread.sleep(200);
            assertThat(handler.received).isEmpty(); // nothing ran past the held message
            Promise<Void> gate = handler.gate;
            handler.gate = null;
            vertx.runOnContext(v -> gate.complete());
            List<String> second = replies(c, 6);
            assertThat(second).extracting(r -> r.substring(0, 9))
                    .containsExactly("250 2.0.0", "250 2.1.0", "250 2.1.5", "354 End d", "250 2.0.0", "250 2.0.0");
            assertThat(second.get(0)).isNotEqualTo(second.get(4)); // two different queue ids
            assertThat(second.get(5)).isEqualTo("250 2.0.0 Ok");
        }
        assertThat(handler.received).hasSize(2);
        assertThat(handler.received.get(0).message().envelope().recipients())
                .containsExactly("x@sonla.gov.vn", "y@sonla.gov.vn");
        assertThat(new String(handler.received.get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("two\r\n");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"\\n.\\n", "\\r\\n.\\n", "\\n.\\r\\n", "\\r.\\r\\n"})
    void dataShouldRefuseWholeMessageWhenBareLineEndSmugglingIsAttempted(String escaped) throws Exception {
        String smuggle = escaped.replace("\\r", "\r").replace("\\n", "\n");
        start(config());
        try (RawSmtpClient c = connect()) {
            c.send("EHLO x\r\nMAIL FROM:<a@sonla.gov.vn>\r\nRCPT TO:<b@sonla.gov.vn>\r\nDATA\r\n");
            assertThat(replies(c, 4).get(3)).startsWith("354");
            c.send("Subject: real\r\n\r\nhello" + smuggle
                    + "MAIL FROM:<forged@sonla.gov.vn>\r\nRCPT TO:<victim@sonla.gov.vn>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nevil\r\n.\r\n");
            assertThat(c.reply()).startsWith("550-5.5.2 Thư bị từ chối")
                    .contains("\n550 5.5.2 Message refused: bare CR or LF");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("RCPT TO:<c@sonla.gov.vn>")).startsWith("503 5.5.1"); // the transaction is over
        }
        assertThat(handler.received).isEmpty();
        eventually(() -> spoolFileCountUnchecked() == 0);
    }

    @Test
    void dataShouldRefuseMessageWhenTextLineOver1000OctetsAndKeepSessionUsable() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            c.send("EHLO x\r\nMAIL FROM:<a@sonla.gov.vn>\r\nRCPT TO:<b@sonla.gov.vn>\r\nDATA\r\n");
            replies(c, 4);
            c.send("ok line\r\n" + "y".repeat(999) + "\r\n.\r\n");
            assertThat(c.reply()).startsWith("550-5.5.2 ")
                    .contains("\n550 5.5.2 Message refused: a text line is longer than 1000 octets");
            assertThat(c.command("RSET")).startsWith("250 2.0.0");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("y".repeat(998) + "\r\n.\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued as");
        }
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void commandShouldGet500WhenLineOver512OctetsAndSessionStaysConsistent() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO x")).startsWith("250");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("250 2.1.0");
            assertThat(c.command("RCPT TO:<" + "r".repeat(600) + "@sonla.gov.vn>"))
                    .startsWith("500 5.5.2 Line too long");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("250 2.1.5"); // MAIL still stands
            assertThat(c.command("RSET")).startsWith("250 2.0.0");
            assertThat(c.command("DATA")).startsWith("503 5.5.1");
        }
    }

    @Test
    void commandShouldGet500WhenItEndsWithBareLf() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            c.send("EHLO x\n");
            assertThat(c.reply()).startsWith("500 5.5.2 Bare CR or LF");
            assertThat(c.command("EHLO x")).startsWith("250");
        }
    }

    @Test
    void rsetShouldDropTransactionWhenSentMidTransaction() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<first@sonla.gov.vn>");
            c.command("RCPT TO:<dropped@sonla.gov.vn>");
            assertThat(c.command("RSET")).isEqualTo("250 2.0.0 Ok: transaction reset");
            assertThat(c.command("DATA")).startsWith("503 5.5.1");
            assertThat(c.command("RCPT TO:<x@sonla.gov.vn>")).startsWith("503 5.5.1 Send MAIL FROM first");
            assertThat(c.command("MAIL FROM:<second@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<kept@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("x\r\n.\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0");
        }
        assertThat(handler.received).hasSize(1);
        assertThat(handler.received.get(0).message().envelope().reversePath()).isEqualTo("second@sonla.gov.vn");
        assertThat(handler.received.get(0).message().envelope().recipients()).containsExactly("kept@sonla.gov.vn");
    }

    @Test
    void sessionShouldEnforceCommandOrderAndAnswerSimpleCommands() throws Exception {
        start(config().withLimits(10, 10, 10, SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, 50)); // many bad commands on purpose
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("503 5.5.1 Send EHLO or HELO first");
            assertThat(c.command("HELO")).startsWith("501 5.5.4");
            assertThat(c.command("EHLO bad\u0000name")).startsWith("501 5.5.4");
            assertThat(c.command("EHLO two words")).startsWith("501 5.5.4");
            assertThat(c.command("HELO x")).isEqualTo("250 localhost");
            assertThat(c.command("DATA")).startsWith("503 5.5.1");
            assertThat(c.command("MAIL FROM:a@sonla.gov.vn")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn> FOO=1")).startsWith("555 5.5.4");
            assertThat(c.command("MAIL FROM:<>")).startsWith("250 2.1.0");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("503 5.5.1");
            assertThat(c.command("VRFY someone")).startsWith("252 2.5.2");
            assertThat(c.command("HELP")).startsWith("214 2.0.0");
            assertThat(c.command("AUTH PLAIN")).startsWith("502 5.5.1");
            assertThat(c.command("XYZZY")).startsWith("500 5.5.2");
            assertThat(c.command("STARTTLS")).startsWith("502 5.5.1"); // no certificate configured
            assertThat(c.command("QUIT")).startsWith("221");
        }
    }

    @Test
    void mailShouldRequireSmtpUtf8WhenAddressIsNotAscii() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            assertThat(c.command("MAIL FROM:<thư@bộ.vn>")).startsWith("553 5.6.7");
            assertThat(c.command("MAIL FROM:<thư@bộ.vn> SMTPUTF8 BODY=8BITMIME")).startsWith("250");
            assertThat(c.command("RCPT TO:<nhận@sở.vn>")).startsWith("250");
            c.command("DATA");
            c.send("Tiêu đề: thử\r\n.\r\n");
            assertThat(c.reply()).startsWith("250");
        }
        var envelope = handler.received.get(0).message().envelope();
        assertThat(envelope.reversePath()).isEqualTo("thư@bộ.vn");
        assertThat(envelope.recipients()).containsExactly("nhận@sở.vn");
        assertThat(envelope.smtpUtf8()).isTrue();
        assertThat(envelope.bodyType()).isEqualTo("8BITMIME");
    }

    @Test
    void dataShouldKeepEveryByteWhenContentIsEightBit() throws Exception {
        start(config());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int line = 0; line < 300; line++) {
            ByteArrayOutputStream l = new ByteArrayOutputStream();
            if (line % 3 == 0) {
                l.write('.'); // a line that starts with a dot, so the client stuffs it
            }
            for (int i = 0; i < 200; i++) {
                int b = (line * 7 + i * 13) & 0xff;
                l.write(b == '\r' || b == '\n' ? 0 : b);
            }
            byte[] bytes = l.toByteArray();
            expected.writeBytes(bytes);
            expected.writeBytes(new byte[] {'\r', '\n'});
            if (bytes[0] == '.') {
                wire.write('.');
            }
            wire.writeBytes(bytes);
            wire.writeBytes(new byte[] {'\r', '\n'});
        }
        wire.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn> BODY=8BITMIME");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            assertThat(c.command("DATA")).startsWith("354");
            c.send(wire.toByteArray());
            assertThat(c.reply()).startsWith("250");
        }
        assertThat(handler.received.get(0).bytes()).isEqualTo(expected.toByteArray());
    }

    @Test
    void dataShouldStreamLargeMessageToSpoolFileExactly() throws Exception {
        start(config());
        byte[] line = ("0123456789".repeat(7) + "abcdef\r\n").getBytes(StandardCharsets.US_ASCII);
        int lines = 20 * 1024 * 1024 / line.length; // ~20 MB: many socket reads, file back-pressure
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn> SIZE=" + ((long) lines * line.length));
            c.command("RCPT TO:<b@sonla.gov.vn>");
            assertThat(c.command("DATA")).startsWith("354");
            byte[] block = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            for (int i = 0; i < lines / 1000; i++) {
                c.send(block);
            }
            c.send(".\r\n");
            assertThat(c.reply()).startsWith("250");
        }
        byte[] got = handler.received.get(0).bytes();
        assertThat(got.length).isEqualTo((lines / 1000) * 1000 * line.length);
        for (int i = 0; i < got.length; i += line.length) {
            if (got[i] != '0' || got[i + line.length - 1] != '\n') {
                throw new AssertionError("content differs at offset " + i);
            }
        }
    }

    @Test
    void dataShouldAnswer451WhenSpoolFileCannotBeCreated() throws Exception {
        start(config());
        java.nio.file.Files.delete(spool); // the spool directory disappears under the running server
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            assertThat(c.command("DATA")).startsWith("451 4.3.0");
            assertThat(c.command("RSET")).startsWith("250"); // consistent: the client may retry later
            java.nio.file.Files.createDirectories(spool);
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("x\r\n.\r\n");
            assertThat(c.reply()).startsWith("250");
        }
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void dataShouldAnswer451WhenHandlerFails() throws Exception {
        start(config());
        handler.failNext = true;
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            c.command("RCPT TO:<b@sonla.gov.vn>");
            c.command("DATA");
            c.send("x\r\n.\r\n");
            assertThat(c.reply()).startsWith("451 4.3.0");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("250"); // back to GREETED
        }
        assertThat(handler.received).isEmpty();
    }

    @Test
    void envelopeChecksShouldRefuseSenderAtMailAndRecipientAtRcpt() throws Exception {
        SmtpReply freemail = SmtpReply.of(550, EnhancedStatus.of(5, 7, 1),
                "Không nhận văn bản từ hộp thư miễn phí (daknong-2012 Art 9.4)",
                "Documents from free mailboxes are not accepted (daknong-2012 Art 9.4)");
        SmtpReply noSuchUser = SmtpReply.of(550, EnhancedStatus.of(5, 1, 1), "No such mailbox");
        List<String> seen = new ArrayList<>();
        start(config(), new EnvelopeChecks() {
            @Override
            public Optional<SmtpReply> checkSender(String reversePath, String clientIp) {
                seen.add("sender " + reversePath + " " + clientIp);
                return reversePath.endsWith("@gmail.com") ? Optional.of(freemail) : Optional.empty();
            }

            @Override
            public Optional<SmtpReply> checkRecipient(String reversePath, String recipient, String clientIp) {
                seen.add("rcpt " + reversePath + " " + recipient);
                return recipient.startsWith("nobody@") ? Optional.of(noSuchUser) : Optional.empty();
            }
        });
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            assertThat(c.command("MAIL FROM:<someone@gmail.com>")).isEqualTo(
                    "550-5.7.1 Không nhận văn bản từ hộp thư miễn phí (daknong-2012 Art 9.4)\n"
                            + "550 5.7.1 Documents from free mailboxes are not accepted (daknong-2012 Art 9.4)");
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("503"); // refused sender opened nothing
            assertThat(c.command("MAIL FROM:<vp@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<nobody@sonla.gov.vn>")).isEqualTo("550 5.1.1 No such mailbox");
            assertThat(c.command("DATA")).startsWith("503"); // no valid recipient yet
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("250");
        }
        assertThat(seen).containsExactly("sender someone@gmail.com 127.0.0.1", "sender vp@sonla.gov.vn 127.0.0.1",
                "rcpt vp@sonla.gov.vn nobody@sonla.gov.vn", "rcpt vp@sonla.gov.vn b@sonla.gov.vn");
    }

    private long spoolFileCountUnchecked() {
        try {
            return spoolFileCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
