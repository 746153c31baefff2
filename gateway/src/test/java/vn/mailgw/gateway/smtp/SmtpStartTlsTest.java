package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmtpStartTlsTest extends SmtpServerTestBase {

    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificate() {
        certificates = new TestCertificates(); // key generation is slow: once per class
    }

    @AfterAll
    static void deleteCertificate() {
        certificates.delete();
    }

    private void handshake(RawSmtpClient c) throws Exception {
        SSLSocket tls = (SSLSocket) certificates.clientContext().getSocketFactory()
                .createSocket(c.socket(), "localhost", server.actualPort(), true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        c.use(tls);
    }

    @Test
    void startTlsShouldUpgradeAndResetSessionWhenCertificateConfigured() throws Exception {
        start(config().withTls(certificates.tlsConfig()));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO x")).contains("250-STARTTLS");
            assertThat(c.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            handshake(c);
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("503 5.5.1 Send EHLO"); // back to CONNECTED
            assertThat(c.command("EHLO tls.example")).doesNotContain("STARTTLS");
            assertThat(c.command("STARTTLS")).startsWith("503 5.5.1 TLS already active");
            assertThat(c.command("MAIL FROM:<a@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("Subject: qua TLS\r\n\r\nbí mật\r\n.\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0");
        }
        var envelope = handler.received.get(0).message().envelope();
        assertThat(envelope.tls()).isTrue();
        assertThat(envelope.helo()).isEqualTo("tls.example");
    }

    @Test
    void startTlsShouldWorkOnEveryConnectionWhenSeveralInstancesAreConfigured() throws Exception {
        // Several Vert.x listeners on one port cannot all STARTTLS (Vert.x 5.0.8): the server runs one.
        start(config().withTls(certificates.tlsConfig()).withInstances(4));
        assertThat(server.instances()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            try (RawSmtpClient c = connect()) {
                c.command("EHLO x");
                assertThat(c.command("STARTTLS")).as("connection %d", i).isEqualTo("220 2.0.0 Ready to start TLS");
                handshake(c);
                assertThat(c.command("EHLO tls.example")).startsWith("250");
            }
        }
    }

    @Test
    void listenShouldFailWithClearMessageWhenKeyCannotBeRead() throws Exception {
        java.nio.file.Path badKey = spool.resolve("bad-key.pem");
        java.nio.file.Files.writeString(badKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        SmtpTlsConfig.PemFiles good = (SmtpTlsConfig.PemFiles) certificates.tlsConfig();
        var failure = org.assertj.core.api.Assertions.catchThrowable(() -> start(config().withTls(
                new SmtpTlsConfig.PemFiles(good.certificateChain(), badKey))));
        assertThat(failure).hasRootCauseInstanceOf(Exception.class)
                .hasMessageContaining("smtp tls: cannot load the STARTTLS key and certificate")
                .hasMessageContaining("bad-key.pem");
        server = null;
        var wrongPassword = org.assertj.core.api.Assertions.catchThrowable(() -> start(config().withTls(
                new SmtpTlsConfig.KeyStoreFile(((SmtpTlsConfig.KeyStoreFile) certificates.keyStoreConfig()).path(),
                        "wrong", "PKCS12"))));
        assertThat(wrongPassword).hasMessageContaining("smtp tls: cannot load").hasMessageContaining("server.p12");
        server = null;
    }

    @Test
    void startTlsShouldWorkWhenCertificateComesFromPkcs12KeyStore() throws Exception {
        start(config().withTls(certificates.keyStoreConfig()));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            assertThat(c.command("STARTTLS")).startsWith("220");
            handshake(c);
            assertThat(c.command("EHLO x")).startsWith("250-localhost");
        }
    }

    @Test
    void startTlsShouldDiscardCommandsSentInTheSamePacket() throws Exception {
        start(config().withTls(certificates.tlsConfig()));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            c.send("STARTTLS\r\nRSET\r\nMAIL FROM:<injected@evil.example>\r\n");
            assertThat(c.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            handshake(c);
            // The injected RSET would answer "Ok: transaction reset", the injected MAIL 503/250: neither came.
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("EHLO x")).startsWith("250-localhost");
            assertThat(c.command("RCPT TO:<b@sonla.gov.vn>")).startsWith("503 5.5.1 Send MAIL FROM first");
        }
    }

    @Test
    void startTlsShouldBeRefusedWhenGivenArgumentsOrInsideTransaction() throws Exception {
        start(config().withTls(certificates.tlsConfig()));
        try (RawSmtpClient c = connect()) {
            c.command("EHLO x");
            assertThat(c.command("STARTTLS now")).startsWith("501 5.5.4");
            c.command("MAIL FROM:<a@sonla.gov.vn>");
            assertThat(c.command("STARTTLS")).startsWith("503 5.5.1");
            assertThat(c.command("NOOP")).startsWith("250"); // still in clear text, still consistent
        }
    }
}
