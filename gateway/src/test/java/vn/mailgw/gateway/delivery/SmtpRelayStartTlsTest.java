package vn.mailgw.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.config.NextHopConfig;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.gateway.testing.TestMail;

/**
 * STARTTLS towards the next hop, against a real STARTTLS server: a second gateway with a self-signed
 * certificate (made with the JDK's keytool) delivering into its Maildir.
 */
class SmtpRelayStartTlsTest {

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static GatewayService tlsNextHop;

    @BeforeAll
    static void startTlsNextHop() throws Exception {
        Path keyStore = dir.resolve("next-hop.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nexthop", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        vertx = Vertx.vertx();
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0",
                "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                "smtp.tls.keyStore=" + keyStore, "smtp.tls.keyStorePassword=changeit"));
        tlsNextHop = GatewayService.start(vertx, config).await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        tlsNextHop.stop().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private NextHopConfig nextHop(NextHopConfig.StartTls startTls) {
        return new NextHopConfig(Optional.of("127.0.0.1"), tlsNextHop.smtpPort(), startTls, "gw.test",
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    void deliverShouldUseStartTlsWhenOpportunisticAndTheNextHopOffersIt() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(dir.resolve("client-spool"));

        DeliveryOutcome outcome = new SmtpRelay(nextHop(NextHopConfig.StartTls.OPPORTUNISTIC)).deliver(
                new OutgoingMessage(message.queueId(), message.envelope(), List.of(), message.spoolFile(), message.size()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        Path newDir = dir.resolve("maildir").resolve(MaildirDelivery.folderName(message.envelope().recipients().get(0)))
                .resolve("new");
        try (Stream<Path> files = Files.list(newDir)) {
            String stored = Files.readString(files.findFirst().orElseThrow());
            assertThat(stored).contains("with ESMTPS id"); // the next hop recorded the transaction as TLS
        }
    }

    @Test
    void deliverShouldTempFailWhenTlsIsRequiredAndTheCertificateIsNotTrusted() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(dir.resolve("client-spool"));

        DeliveryOutcome outcome = new SmtpRelay(nextHop(NextHopConfig.StartTls.REQUIRED)).deliver(
                new OutgoingMessage(message.queueId(), message.envelope(), List.of(), message.spoolFile(), message.size()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        assertThat(((DeliveryOutcome.TempFailed) outcome).cause()).containsIgnoringCase("certif");
    }
}
