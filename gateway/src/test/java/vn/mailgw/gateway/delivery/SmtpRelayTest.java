package vn.mailgw.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.config.NextHopConfig;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.pipeline.HeaderField;
import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.testing.ScriptedSmtpPeer;
import vn.mailgw.gateway.testing.TestMail;

class SmtpRelayTest {

    @TempDir
    Path spool;

    private GreenMail nextHop;

    @BeforeEach
    void startNextHop() {
        nextHop = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        nextHop.start();
    }

    @AfterEach
    void stopNextHop() {
        nextHop.stop();
    }

    private static NextHopConfig nextHopAt(int port) {
        return new NextHopConfig(Optional.of("127.0.0.1"), port, NextHopConfig.StartTls.OPPORTUNISTIC, "gw.test",
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private static OutgoingMessage outgoing(ReceivedMessage m, HeaderField... added) {
        return new OutgoingMessage(m.queueId(), m.envelope(), List.of(added), m.spoolFile(), m.size());
    }

    @Test
    void deliverShouldBreakOffBeforeTheFinalDotWhenTheClientWasAnsweredMeanwhile() throws Exception {
        ReceivedMessage message = TestMail.builder().spoolInto(spool);
        SmtpRelay relay = new SmtpRelay(nextHopAt(nextHop.getSmtp().getPort()));
        OutgoingMessage abandoned = new OutgoingMessage(message.queueId(), message.envelope(), List.of(),
                MessageContent.file(message.spoolFile(), message.size()), () -> true);

        DeliveryOutcome outcome = relay.deliver(abandoned);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        assertThat(((DeliveryOutcome.TempFailed) outcome).cause()).contains("before the final dot");
        // The next hop saw the transfer break off and queued nothing; the relay still works for the next message.
        assertThat(relay.deliver(outgoing(message))).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(nextHop.getReceivedMessages()).hasSize(1);
    }

    @Test
    void deliverShouldRelayBytesUnchangedApartFromAddedHeadersWhenBodyIs8BitWithLeadingDots() throws Exception {
        byte[] body = ("Dòng một: văn bản số 115/2025/QĐ-UBND\r\n"
                + ".dòng bắt đầu bằng dấu chấm\r\n"
                + "..hai dấu chấm\r\n"
                + ".\r\n"
                + "byte\u00a0lạ: \u0001\u00ff\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] original = concat(TestMail.message("vanthu@sonoivu.daknong.gov.vn", "Thử 8-bit", ""), body);
        ReceivedMessage message = TestMail.builder().content(original).spoolInto(spool);
        HeaderField trace = new HeaderField("X-Test-Trace", "added by the gateway");

        DeliveryOutcome outcome = new SmtpRelay(nextHopAt(nextHop.getSmtp().getPort())).deliver(outgoing(message, trace));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        MimeMessage[] received = nextHop.getReceivedMessages();
        assertThat(received).hasSize(1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received[0].writeTo(raw);
        // GreenMail stores the data without the CRLF that precedes the final dot (it joins the lines it read);
        // every other byte, the 8-bit text and the dot-stuffed lines included, must be exactly ours.
        byte[] withFinalCrlf = concat(trace.toWire(), original);
        byte[] ours = Arrays.copyOf(withFinalCrlf, withFinalCrlf.length - 2);
        assertThat(new String(afterGreenMailsOwnFields(raw.toByteArray(), trace.toWire()), StandardCharsets.UTF_8))
                .isEqualTo(new String(ours, StandardCharsets.UTF_8));
        assertThat(afterGreenMailsOwnFields(raw.toByteArray(), trace.toWire())).isEqualTo(ours);
    }

    /** GreenMail puts its own Return-Path and Received on top; everything from our first field on must be ours. */
    static byte[] afterGreenMailsOwnFields(byte[] raw, byte[] firstOwnField) {
        outer:
        for (int i = 0; i + firstOwnField.length <= raw.length; i++) {
            for (int j = 0; j < firstOwnField.length; j++) {
                if (raw[i + j] != firstOwnField[j]) {
                    continue outer;
                }
            }
            return Arrays.copyOfRange(raw, i, raw.length);
        }
        throw new AssertionError("the gateway's header field is missing at the next hop");
    }

    @Test
    void deliverShouldTempFailWith441WhenNextHopIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ReceivedMessage message = TestMail.builder().spoolInto(spool);

        DeliveryOutcome outcome = new SmtpRelay(nextHopAt(closedPort)).deliver(outgoing(message));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        DeliveryOutcome.TempFailed failed = (DeliveryOutcome.TempFailed) outcome;
        assertThat(failed.reply().code()).isEqualTo(451);
        assertThat(failed.reply().status()).isEqualTo(EnhancedStatus.of(4, 4, 1));
        assertThat(failed.cause()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void deliverShouldPassThroughTheSame5xxWhenNextHopRefusesARecipient() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("RCPT", "550 5.1.1 <x@y>: Recipient address rejected"))) {
            ReceivedMessage message = TestMail.builder().spoolInto(spool);

            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port())).deliver(outgoing(message));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Refused.class);
            DeliveryOutcome.Refused refused = (DeliveryOutcome.Refused) outcome;
            assertThat(refused.reply().code()).isEqualTo(550);
            assertThat(refused.reply().status()).isEqualTo(EnhancedStatus.of(5, 1, 1));
            assertThat(String.join("\n", refused.reply().lines()))
                    .contains("next hop refused RCPT TO:<vanthu@ubnd.daknong.gov.vn>")
                    .contains("Recipient address rejected");
            assertThat(peer.commands()).noneMatch(c -> c.startsWith("DATA"));
        }
    }

    @Test
    void deliverShouldPassThroughTheSame5xxWhenNextHopRefusesTheData() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("DOT", "554 5.7.1 message content rejected"))) {
            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port()))
                    .deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Refused.class);
            assertThat(((DeliveryOutcome.Refused) outcome).reply().code()).isEqualTo(554);
            assertThat(((DeliveryOutcome.Refused) outcome).reply().status()).isEqualTo(EnhancedStatus.of(5, 7, 1));
        }
    }

    @Test
    void deliverShouldTempFailWhenNextHopAnswers4xxToARecipient() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("RCPT", "452 4.2.2 mailbox full"))) {
            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port()))
                    .deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
            assertThat(((DeliveryOutcome.TempFailed) outcome).reply().status()).isEqualTo(EnhancedStatus.of(4, 4, 1));
            assertThat(peer.commands()).anyMatch(c -> c.equals("RSET"));
        }
    }

    @Test
    void deliverShouldTempFailWhenNextHopRefusesTheConnectionWith554Greeting() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("CONNECT", "554 no service for you"))) {
            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port()))
                    .deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        }
    }

    @Test
    void deliverShouldSendTheClientsEnvelopeWithBodyAndSize() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of())) {
            ReceivedMessage message = TestMail.builder().from("a@sonla.gov.vn").to("b@sonla.gov.vn", "c@sonla.gov.vn")
                    .spoolInto(spool);

            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port())).deliver(outgoing(message));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(peer.commands()).contains("MAIL FROM:<a@sonla.gov.vn> BODY=8BITMIME SIZE=" + message.size(),
                    "RCPT TO:<b@sonla.gov.vn>", "RCPT TO:<c@sonla.gov.vn>");
        }
    }

    private static final String EHLO_WITH_PIPELINING = "250-peer\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 100000000";

    @Test
    void deliverShouldSendMailRcptAndDataAsOneGroupWhenNextHopOffersPipelining() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("EHLO", EHLO_WITH_PIPELINING))) {
            ReceivedMessage message = TestMail.builder().from("a@sonla.gov.vn").to("b@sonla.gov.vn", "c@sonla.gov.vn")
                    .spoolInto(spool);

            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port())).deliver(outgoing(message));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(peer.messagesCompleted()).isEqualTo(1);
            assertThat(peer.commands()).containsSubsequence("MAIL FROM:<a@sonla.gov.vn> BODY=8BITMIME SIZE="
                    + message.size(), "RCPT TO:<b@sonla.gov.vn>", "RCPT TO:<c@sonla.gov.vn>", "DATA");
            // MAIL and both RCPTs were on the wire before the peer answered them: one round trip, not four.
            assertThat(peer.commandsArrivedWithNext()).contains("MAIL FROM:<a@sonla.gov.vn> BODY=8BITMIME SIZE="
                    + message.size(), "RCPT TO:<b@sonla.gov.vn>", "RCPT TO:<c@sonla.gov.vn>");
        }
    }

    @Test
    void deliverShouldNotSendTheMessageWhenAPipelinedRecipientIsRefusedButDataAccepted() throws Exception {
        // A next hop that refuses one recipient but still answers DATA with 354 (it has another valid one).
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("EHLO", EHLO_WITH_PIPELINING,
                "RCPT", "550 5.1.1 <x@y>: Recipient address rejected"))) {
            ReceivedMessage message = TestMail.builder().to("b@sonla.gov.vn", "c@sonla.gov.vn").spoolInto(spool);

            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port())).deliver(outgoing(message));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Refused.class);
            DeliveryOutcome.Refused refused = (DeliveryOutcome.Refused) outcome;
            assertThat(refused.reply().code()).isEqualTo(550);
            assertThat(refused.reply().status()).isEqualTo(EnhancedStatus.of(5, 1, 1));
            assertThat(String.join("\n", refused.reply().lines())).contains("next hop refused RCPT TO:<b@sonla.gov.vn>");
            assertThat(peer.messagesCompleted()).as("no final dot: the next hop delivers nothing").isZero();
        }
    }

    @Test
    void deliverShouldTempFailAndResetWhenAPipelinedRecipientGets4xxAndDataIsRefused() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("EHLO", EHLO_WITH_PIPELINING,
                "RCPT", "452 4.2.2 mailbox full", "DATA", "554 5.5.1 no valid recipients"))) {
            DeliveryOutcome outcome = new SmtpRelay(nextHopAt(peer.port()))
                    .deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
            assertThat(((DeliveryOutcome.TempFailed) outcome).reply().status()).isEqualTo(EnhancedStatus.of(4, 4, 1));
            assertThat(peer.commands()).anyMatch(c -> c.equals("RSET"));
            assertThat(peer.messagesCompleted()).isZero();
        }
    }

    @Test
    void deliverShouldReuseTheConnectionForTheNextMessage() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of())) {
            SmtpRelay relay = new SmtpRelay(nextHopAt(peer.port()));

            DeliveryOutcome first = relay.deliver(outgoing(TestMail.builder().spoolInto(spool)));
            DeliveryOutcome second = relay.deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(first).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(second).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(peer.commands().stream().filter(c -> c.startsWith("EHLO"))).hasSize(1);
            assertThat(peer.commands().stream().filter(c -> c.startsWith("MAIL FROM"))).hasSize(2);
        }
    }

    @Test
    void deliverShouldRetryOnAFreshConnectionWhenTheReusedOneWasDropped() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(Map.of("CLOSE_AFTER_DOT", "yes"))) {
            SmtpRelay relay = new SmtpRelay(nextHopAt(peer.port()));

            relay.deliver(outgoing(TestMail.builder().spoolInto(spool)));
            DeliveryOutcome second = relay.deliver(outgoing(TestMail.builder().spoolInto(spool)));

            assertThat(second).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(peer.commands().stream().filter(c -> c.startsWith("EHLO"))).hasSize(2);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
