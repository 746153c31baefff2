package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several listener instances on one port: connections spread over event loops, limits count over all. */
class SmtpInstancesTest extends SmtpServerTestBase {

    private static final long SIZE = SmtpServerConfig.DEFAULT_MAX_MESSAGE_SIZE;

    @Test
    void listenShouldSpreadSessionsOverEventLoopsWhenSeveralInstancesShareThePort() throws Exception {
        start(config().withInstances(4));
        assertThat(server.instances()).isEqualTo(4);
        List<RawSmtpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                clients.add(connect());
            }
            for (RawSmtpClient c : clients) {
                c.command("EHLO client.example");
                assertThat(c.command("MAIL FROM:<a@so.gov.vn>")).startsWith("250");
                assertThat(c.command("RCPT TO:<b@so.gov.vn>")).startsWith("250");
                assertThat(c.command("DATA")).startsWith("354");
                assertThat(c.command("Subject: x\r\n\r\nbody\r\n.")).startsWith("250");
            }
        } finally {
            for (RawSmtpClient c : clients) {
                c.close();
            }
        }
        assertThat(handler.received).hasSize(8);
        assertThat(handler.callingThreads).as("event loops that ran sessions").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void connectShouldGet421WhenTotalLimitIsReachedAcrossInstances() throws Exception {
        start(config().withInstances(3).withLimits(2, 2, 100, SIZE, 10));
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect()) {
            // Whichever instance takes them, the third and fourth connections are over the shared total.
            for (int i = 0; i < 2; i++) {
                try (RawSmtpClient over = new RawSmtpClient(server.actualPort())) {
                    assertThat(over.reply()).startsWith("421 4.3.2");
                    assertThat(over.closedByServer()).isTrue();
                }
            }
            assertThat(first.command("NOOP")).startsWith("250");
            assertThat(second.command("NOOP")).startsWith("250");
        }
        eventually(() -> server.openConnections() == 0);
        try (RawSmtpClient again = connect(); RawSmtpClient another = connect()) { // slots given back on close
            assertThat(again.command("NOOP")).startsWith("250");
            assertThat(another.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void connectShouldGet421WhenPerIpLimitIsReachedAcrossInstances() throws Exception {
        start(config().withInstances(3).withLimits(10, 2, 100, SIZE, 10));
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect()) {
            for (int i = 0; i < 3; i++) {
                try (RawSmtpClient over = new RawSmtpClient(server.actualPort())) {
                    assertThat(over.reply()).startsWith("421 4.7.0");
                    assertThat(over.closedByServer()).isTrue();
                }
            }
            assertThat(first.command("NOOP")).startsWith("250");
            assertThat(second.command("NOOP")).startsWith("250");
            eventually(() -> server.openConnections() == 2); // the refused ones were released
        }
    }

    @Test
    void closeShouldTellSessionsOnEveryInstanceAndStopListening() throws Exception {
        start(config().withInstances(3));
        int port = server.actualPort();
        try (RawSmtpClient a = connect(); RawSmtpClient b = connect(); RawSmtpClient c = connect()) {
            await(server.close());
            server = null;
            for (RawSmtpClient client : List.of(a, b, c)) {
                assertThat(client.reply()).startsWith("421 4.3.2 Service shutting down");
                assertThat(client.closedByServer()).isTrue();
            }
        }
        assertThatThrownBy(() -> new RawSmtpClient(port).reply()).isInstanceOf(IOException.class);
    }
}
