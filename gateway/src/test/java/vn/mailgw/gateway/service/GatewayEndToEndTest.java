package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.delivery.MaildirDelivery;
import vn.mailgw.gateway.testing.TestMail;

/**
 * The whole gateway on loopback: Jakarta Mail's SMTP transport as the client, the real SMTP server and
 * pipeline, GreenMail as the next hop (or the embedded Maildir).
 */
class GatewayEndToEndTest {

    private static final String OFFICIAL = "vanthu@sonoivu.daknong.gov.vn";
    private static final String RECIPIENT = "vanthu@ubnd.daknong.gov.vn";
    private static final String FEEDBACK = "gopy@daknong.gov.vn";

    @TempDir
    Path dir;

    private Vertx vertx;
    private GreenMail nextHop;
    private int nextHopPort;
    private final List<GatewayService> services = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        nextHopPort = freePort();
        startNextHop();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (GatewayService service : services) {
            service.stop().await(10, TimeUnit.SECONDS);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
        nextHop.stop();
    }

    private void startNextHop() {
        nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        nextHop.start();
    }

    private GatewayService start(String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("smtp.port=0", "spoolDir=" + dir.resolve("spool"),
                "delivery.maildir=" + dir.resolve("maildir"), "freemail.acceptingMailboxes=[" + FEEDBACK + "]",
                "workers.pipeline=4"));
        all.addAll(List.of(overrides));
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), all);
        GatewayService service = GatewayService.start(vertx, config).await(20, TimeUnit.SECONDS);
        services.add(service);
        return service;
    }

    private GatewayService startRelaying() throws Exception {
        return start("delivery.nextHop.host=127.0.0.1", "delivery.nextHop.port=" + nextHopPort,
                "delivery.nextHop.startTls=NONE");
    }

    /** Sends raw message bytes with Jakarta Mail's SMTP transport; returns the server's last reply line. */
    private static String send(int port, String envelopeFrom, byte[] raw, String... recipients) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.from", envelopeFrom);
        props.setProperty("mail.smtp.allow8bitmime", "true");
        props.setProperty("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Address[] to = Stream.of(recipients).map(r -> {
            try {
                return new InternetAddress(r);
            } catch (MessagingException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(Address[]::new);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, to); // no saveChanges: the bytes go out as given
            return transport.getLastServerResponse();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] rawAtNextHop(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void relayShouldAnswerQueuedAsIdAndAddTraceHeaderWhenNextHopAccepts() throws Exception {
        GatewayService gateway = startRelaying();

        String reply = send(gateway.smtpPort(), OFFICIAL, TestMail.message(OFFICIAL, "Giấy mời họp", "Nội dung.\r\n"),
                RECIPIENT);

        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        String queueId = reply.substring("250 2.0.0 Ok: queued as ".length()).strip();
        assertThat(nextHop.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = nextHop.getReceivedMessages()[0];
        String trace = String.join("\n", received.getHeader("Received"));
        assertThat(trace).contains("by localhost (mailgw) with ESMTP id " + queueId).contains("[127.0.0.1]");
        assertThat(received.getSubject()).isEqualTo("Giấy mời họp");
        assertThat(Files.list(dir.resolve("spool"))).as("spool file removed after delivery").isEmpty();
    }

    @Test
    void relayShouldKeep8BitBodyByteIdenticalApartFromAddedHeaders() throws Exception {
        GatewayService gateway = startRelaying();
        byte[] original = TestMail.message(OFFICIAL, "Tám bit",
                "Văn bản số 115/2025/QĐ-UBND\r\n.dòng chấm\r\n\u00ff\u0001 byte lạ\r\n");

        send(gateway.smtpPort(), OFFICIAL, original, RECIPIENT);

        assertThat(nextHop.waitForIncomingEmail(5000, 1)).isTrue();
        byte[] raw = rawAtNextHop(nextHop.getReceivedMessages()[0]);
        String text = new String(raw, StandardCharsets.UTF_8);
        int ours = text.indexOf("Received: from ", text.indexOf("Received: from ") + 1);
        assertThat(ours).as("the gateway's Received field below GreenMail's own").isPositive();
        int originalStart = text.indexOf("From: " + OFFICIAL);
        byte[] delivered = Arrays.copyOfRange(raw, new String(raw, StandardCharsets.UTF_8).substring(0, originalStart)
                .getBytes(StandardCharsets.UTF_8).length, raw.length);
        // GreenMail drops the CRLF before the final dot; every other byte must be the client's.
        assertThat(delivered).isEqualTo(Arrays.copyOf(original, original.length - 2));
    }

    @Test
    void relayShouldAnswer451AndLoseNothingWhenNextHopIsDownThenDeliverOnceWhenItIsBack() throws Exception {
        GatewayService gateway = startRelaying();
        nextHop.stop();
        byte[] message = TestMail.message(OFFICIAL, "Thử lại", "Gửi lại khi máy chủ chuyển tiếp hoạt động.\r\n");

        assertThatThrownBy(() -> send(gateway.smtpPort(), OFFICIAL, message, RECIPIENT))
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo(451);
                    assertThat(e.getMessage()).contains("4.4.1");
                });
        assertThat(Files.list(dir.resolve("spool"))).isEmpty();
        assertThat(Files.exists(dir.resolve("maildir"))).as("never falls back to the Maildir").isFalse();

        startNextHop();
        String reply = send(gateway.smtpPort(), OFFICIAL, message, RECIPIENT);

        assertThat(reply).startsWith("250 2.0.0 Ok: queued as");
        assertThat(nextHop.waitForIncomingEmail(5000, 1)).isTrue();
        Thread.sleep(300); // a duplicate would have arrived by now
        assertThat(nextHop.getReceivedMessages()).hasSize(1);
    }

    @Test
    void gatewayShouldRefuseFreemailEnvelopeSenderForAnOrdinaryRecipient() throws Exception {
        GatewayService gateway = startRelaying();

        assertThatThrownBy(() -> send(gateway.smtpPort(), "someone@gmail.com",
                TestMail.message("someone@gmail.com", "Xin chào", "x\r\n"), RECIPIENT))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> {
                    Exception next = ((SendFailedException) e).getNextException();
                    assertThat(next).isNotNull();
                    assertThat(next.getMessage()).contains("550").contains("5.7.1").contains("daknong-2012 Art 9.4");
                });
        assertThat(nextHop.getReceivedMessages()).isEmpty();
    }

    @Test
    void gatewayShouldRefuseFreemailHeaderFromAfterData() throws Exception {
        GatewayService gateway = startRelaying();

        assertThatThrownBy(() -> send(gateway.smtpPort(), OFFICIAL,
                TestMail.message("Nguyen Van A <nguyenvana@Yahoo.com.VN>", "Công văn", "x\r\n"), RECIPIENT))
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo(550);
                    // Angus reads reply bytes as ISO-8859-1; the gateway sent UTF-8.
                    String text = new String(e.getMessage().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    assertThat(text).contains("5.7.1").contains("daknong-2012 Art 9.4")
                            .contains("Không chấp nhận văn bản gửi từ hộp thư miễn phí");
                });
        assertThat(nextHop.getReceivedMessages()).isEmpty();
    }

    @Test
    void gatewayShouldDeliverFreemailToTheAcceptingMailboxWithANotice() throws Exception {
        GatewayService gateway = startRelaying();

        String reply = send(gateway.smtpPort(), "congdan@gmail.com",
                TestMail.message("Công dân <congdan@gmail.com>", "Góp ý", "Kiến nghị.\r\n"), FEEDBACK);

        assertThat(reply).startsWith("250");
        assertThat(nextHop.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = nextHop.getReceivedMessages()[0];
        String notice = received.getHeader("X-Mailgw-Notice", null);
        assertThat(notice).contains("not an official document");
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(notice)))
                .contains("Không phải văn bản chính thức");
    }

    @Test
    void gatewayShouldDeliverIntoMaildirWhenNoNextHopIsConfigured() throws Exception {
        GatewayService gateway = start();
        byte[] original = TestMail.message(OFFICIAL, "Lưu Maildir", "Nội dung 8-bit: Đắk Nông.\r\n");

        String reply = send(gateway.smtpPort(), OFFICIAL, original, RECIPIENT, "vanthu@sonla.gov.vn");

        assertThat(reply).startsWith("250 2.0.0 Ok: queued as");
        for (String rcpt : List.of(RECIPIENT, "vanthu@sonla.gov.vn")) {
            Path mailbox = dir.resolve("maildir").resolve(MaildirDelivery.folderName(rcpt));
            assertThat(mailbox.resolve("tmp")).isEmptyDirectory();
            assertThat(mailbox.resolve("cur")).isEmptyDirectory();
            List<Path> files;
            try (Stream<Path> list = Files.list(mailbox.resolve("new"))) {
                files = list.toList();
            }
            assertThat(files).hasSize(1);
            byte[] stored = Files.readAllBytes(files.get(0));
            String text = new String(stored, StandardCharsets.UTF_8);
            assertThat(text).startsWith("Received: from ");
            byte[] after = Arrays.copyOfRange(stored, stored.length - original.length, stored.length);
            assertThat(after).isEqualTo(original);
            assertThat(files.get(0).getFileName().toString()).endsWith(",S=" + stored.length);
        }
    }
}
