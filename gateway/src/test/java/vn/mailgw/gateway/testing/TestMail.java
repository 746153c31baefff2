package vn.mailgw.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.message.ReceivedMessage;

/** Builds received messages (spool file + envelope) for step and pipeline tests. */
public final class TestMail {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private String from = "vanthu@sonoivu.daknong.gov.vn";
    private List<String> recipients = List.of("vanthu@ubnd.daknong.gov.vn");
    private String bodyType = "8BITMIME";
    private boolean smtpUtf8 = false;
    private byte[] content = message("vanthu@sonoivu.daknong.gov.vn", "Giấy mời họp", "Kính gửi các đơn vị.\r\n");

    private TestMail() {}

    public static TestMail builder() {
        return new TestMail();
    }

    public TestMail from(String reversePath) {
        this.from = reversePath;
        return this;
    }

    public TestMail to(String... recipients) {
        this.recipients = List.of(recipients);
        return this;
    }

    public TestMail smtpUtf8(boolean smtpUtf8) {
        this.smtpUtf8 = smtpUtf8;
        return this;
    }

    public TestMail content(byte[] content) {
        this.content = content.clone();
        return this;
    }

    public TestMail content(String content) {
        return content(content.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] content() {
        return content.clone();
    }

    /** Writes the spool file into {@code spoolDir} and returns the received message. */
    public ReceivedMessage spoolInto(Path spoolDir) {
        try {
            Files.createDirectories(spoolDir);
            String queueId = "T" + System.nanoTime() + "x" + COUNTER.incrementAndGet();
            Path file = spoolDir.resolve(queueId + ".eml");
            Files.write(file, content);
            Envelope envelope = new Envelope("S" + COUNTER.get(), from, recipients, "192.0.2.10", "client.example.vn",
                    false, smtpUtf8, bodyType);
            return new ReceivedMessage(queueId, envelope, file, content.length, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small 8-bit plain-text message with a Vietnamese subject (raw UTF-8 body). */
    public static byte[] message(String headerFrom, String subject, String body) {
        String text = "From: " + headerFrom + "\r\n"
                + "To: vanthu@ubnd.daknong.gov.vn\r\n"
                + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                + "?=\r\n"
                + "Message-ID: <" + System.nanoTime() + "@test.daknong.gov.vn>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n" + body;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
