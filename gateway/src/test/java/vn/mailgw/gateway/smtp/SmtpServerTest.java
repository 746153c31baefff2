package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmtpServerTest extends SmtpServerTestBase {

    @Test
    void dataShouldHandOverExactBytesWhenTransactionCompletes() throws Exception {
        start(config());
        try (RawSmtpClient c = connect()) {
            String ehlo = c.command("EHLO client.example");
            assertThat(ehlo).contains("250-SIZE " + SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE, "250-PIPELINING",
                    "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-SMTPUTF8").doesNotContain("STARTTLS");
            assertThat(c.command("MAIL FROM:<sender@sonla.gov.vn>")).startsWith("250 2.1.0");
            assertThat(c.command("RCPT TO:<a@daknong.gov.vn>")).startsWith("250 2.1.5");
            assertThat(c.command("RCPT TO:<b@daknong.gov.vn>")).startsWith("250 2.1.5");
            assertThat(c.command("DATA")).startsWith("354 ");
            c.send("Subject: test\r\n\r\n..dotted\r\nbody\r\n.\r\n");
            String queued = c.reply();
            assertThat(queued).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(c.command("QUIT")).startsWith("221 2.0.0");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(handler.received).hasSize(1);
        RecordingHandler.Received r = handler.received.get(0);
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: test\r\n\r\n.dotted\r\nbody\r\n");
        assertThat(r.message().size()).isEqualTo(r.bytes().length);
        assertThat(r.message().envelope().reversePath()).isEqualTo("sender@sonla.gov.vn");
        assertThat(r.message().envelope().recipients()).containsExactly("a@daknong.gov.vn", "b@daknong.gov.vn");
        assertThat(r.message().envelope().helo()).isEqualTo("client.example");
        assertThat(r.message().envelope().clientIp()).isEqualTo("127.0.0.1");
        assertThat(r.message().envelope().tls()).isFalse();
        assertThat(r.message().queueId()).hasSize(12);
        assertThat(r.message().spoolFile().getParent()).isEqualTo(spool);
    }
}
