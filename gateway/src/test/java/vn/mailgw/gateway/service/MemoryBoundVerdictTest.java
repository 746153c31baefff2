package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.delivery.MaildirDelivery;
import vn.mailgw.gateway.stamp.StampHeaders;
import vn.mailgw.gateway.testing.SmtpData;
import vn.mailgw.samples.DemoProvince;

/**
 * The memory bound with the verdict steps on: 20 clients at once each send a message carrying a signed 24 MB PDF (the
 * largest attachment daknong-2012 Art 5.2 allows is 25 MB) to the real {@code serve} command in a child JVM with the
 * heap the README recommends for production ({@code -Xmx1g}). Every message must be accepted, validated (stamped
 * PAPER_EQUIVALENT: the signature engine really read each 24 MB document) and delivered with its attachment
 * byte-identical, and the child must not run out of memory. What bounds it: attachments are decoded for at most
 * {@code validation.maxConcurrent} documents at once; the transport streams to the spool. The peak heap from the
 * child's GC log is printed for the record (heap sizes are not test assertions).
 */
class MemoryBoundVerdictTest {

    private static final int CLIENTS = 20;
    private static final int PDF_PAD_BYTES = 24 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test // about 1.5 minutes: 20 x 33 MB through SMTP, spool, validation and Maildir
    void serveShouldValidateAndDeliver20Concurrent24MbSignedPdfsWhenHeapIsTheRecommended1Gb() throws Exception {
        try (DemoProvince province = DemoProvince.start(Instant.now())) {
            byte[] pdf = province.signedDecision("24/2026/QĐ-STC", PDF_PAD_BYTES);
            byte[] eml = province.eml("memory", "stc@daknong.gov.vn", "Quyết định phân bổ kinh phí",
                    "Quyết định 24.pdf", pdf);
            Path registry = dir.resolve("registry.yaml");
            try (InputStream in = DemoProvince.registryYaml()) {
                Files.copy(in, registry);
            }
            int port = MemoryBoundTest.freePort();
            Path gcLog = dir.resolve("gc.log");
            Path output = dir.resolve("gateway.log");
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:G1HeapRegionSize=4m", "-Xlog:gc:file=" + gcLog,
                    "-cp", System.getProperty("java.class.path"), "vn.mailgw.gateway.cli.Main", "serve",
                    "--set", "smtp.port=" + port,
                    "--set", "smtp.maxConnectionsPerIp=" + (CLIENTS + 5),
                    "--set", "spoolDir=" + dir.resolve("spool"),
                    "--set", "delivery.maildir=" + dir.resolve("maildir"),
                    "--set", "verdict.resolver=" + province.dnsResolver(),
                    "--set", "verdict.registryFile=" + registry,
                    "--set", "verdict.trustFolder=" + province.writeTrustFolder(dir.resolve("trust")),
                    "--set", "workers.pipeline=" + CLIENTS,
                    "--set", "http.port=0",
                    "--set", "audit.sqliteFile=" + dir.resolve("audit.sqlite"),
                    "--set", "audit.keyDir=" + dir)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                MemoryBoundTest.waitForStart(gateway, output);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<String>> sends = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    int index = i;
                    sends.add(pool.submit(() -> send(port, index, eml)));
                }
                for (int i = 0; i < CLIENTS; i++) {
                    assertThat(sends.get(i).get(10, TimeUnit.MINUTES)).as("reply to client " + i)
                            .startsWith("250 2.0.0 Ok: queued as");
                }
                pool.shutdown();
                assertThat(gateway.isAlive()).as("gateway survived").isTrue();

                Path newDir = dir.resolve("maildir").resolve(MaildirDelivery.folderName(DemoProvince.RECIPIENT))
                        .resolve("new");
                List<Path> delivered;
                try (Stream<Path> list = Files.list(newDir)) {
                    delivered = list.toList();
                }
                assertThat(delivered).hasSize(CLIENTS);
                // the gateway's summary line per message says what it found (shown when an assertion below fails)
                String findings = String.join("\n", Files.readAllLines(output).stream()
                        .filter(line -> line.contains("message from=")).toList());
                String sent = sha256(pdf);
                for (Path file : delivered) {
                    MimeMessage stored;
                    try (InputStream in = Files.newInputStream(file)) {
                        stored = new MimeMessage(Session.getInstance(new Properties()), in);
                    }
                    assertThat(stored.getHeader(StampHeaders.VERDICT, null)).as("verdict of %s; the gateway's findings:%n%s", file.getFileName(), findings)
                            .startsWith("PAPER_EQUIVALENT;");
                    assertThat(sha256(attachment(stored))).as(file.getFileName() + " attachment byte-identical")
                            .isEqualTo(sent);
                }
                assertThat(Files.readString(output)).doesNotContain("OutOfMemoryError");
                System.out.println("MemoryBoundVerdictTest: " + CLIENTS + " messages with a signed " + pdf.length
                        + "-byte PDF validated and delivered; peak heap in use before a GC (from the child's GC log): "
                        + MemoryBoundTest.peakHeapMb(gcLog) + " MB of -Xmx1g");
            } finally {
                gateway.destroy();
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    /** The PDF attachment of a delivered message, decoded, wherever the stamp left it in the MIME tree. */
    private static byte[] attachment(MimeMessage message) throws Exception {
        List<String> seen = new ArrayList<>();
        byte[] found = find(message, seen);
        if (found == null) {
            throw new AssertionError("no attachment named Quyết định 24.pdf among " + seen);
        }
        return found;
    }

    private static byte[] find(Part part, List<String> seen) throws Exception {
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = (MimeMultipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                byte[] found = find(multipart.getBodyPart(i), seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        seen.add(part.getContentType() + " " + part.getFileName());
        if ("Quyết định 24.pdf".equals(part.getFileName())) {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** One SMTP transaction over a raw socket, the message dot-stuffed; returns the reply to the final dot. */
    private static String send(int port, int index, byte[] eml) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(600_000);
            InputStream in = socket.getInputStream();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            MemoryBoundTest.expect(in, "220");
            MemoryBoundTest.command(out, "EHLO demo-client" + index + ".daknong.gov.vn");
            MemoryBoundTest.expect(in, "250");
            MemoryBoundTest.command(out, "MAIL FROM:<stc@daknong.gov.vn> SIZE=" + eml.length);
            MemoryBoundTest.expect(in, "250");
            MemoryBoundTest.command(out, "RCPT TO:<" + DemoProvince.RECIPIENT + ">");
            MemoryBoundTest.expect(in, "250");
            MemoryBoundTest.command(out, "DATA");
            MemoryBoundTest.expect(in, "354");
            SmtpData.writeDotStuffed(eml, out, false);
            out.flush();
            String reply = MemoryBoundTest.readReply(in);
            MemoryBoundTest.command(out, "QUIT");
            return reply;
        }
    }
}
