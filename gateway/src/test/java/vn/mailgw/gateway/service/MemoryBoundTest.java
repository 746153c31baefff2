package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.delivery.MaildirDelivery;

/**
 * Issue 2 point 7: 20 concurrent 30 MB messages pass through a gateway limited to -Xmx256m.
 * The gateway runs in a child JVM (the real {@code serve} command, on the test class path) with the
 * Maildir default; 20 raw SMTP clients send at once; every stored message must be byte-identical to
 * what its client sent (SHA-256), apart from the gateway's trace field on top. The child's GC log gives
 * the peak heap, printed for the record (not asserted: timings and heap sizes are not test assertions).
 */
class MemoryBoundTest {

    private static final int CLIENTS = 20;
    private static final int MESSAGE_BYTES = 30 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void serveShouldPass20Concurrent30MbMessagesByteIdenticalWhenHeapIs256Mb() throws Exception {
        Path body = writeBody(dir.resolve("body.txt"));
        int port = freePort();
        Path gcLog = dir.resolve("gc.log");
        Path output = dir.resolve("gateway.log");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "vn.mailgw.gateway.cli.Main", "serve",
                "--set", "smtp.port=" + port,
                "--set", "smtp.maxConnectionsPerIp=" + (CLIENTS + 5),
                "--set", "spoolDir=" + dir.resolve("spool"),
                "--set", "delivery.maildir=" + dir.resolve("maildir"),
                // Transport memory bound; the verdict steps hold attachments in memory and are tested elsewhere.
                "--set", "verdict.enabled=false",
                "--set", "workers.pipeline=" + CLIENTS,
                "--set", "http.port=0",
                "--set", "audit.sqliteFile=" + dir.resolve("audit.sqlite"),
                "--set", "audit.keyDir=" + dir)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            waitForStart(gateway, output);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<String[]>> sends = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int index = i;
                sends.add(pool.submit(() -> send(port, index, body)));
            }
            List<String[]> results = new ArrayList<>();
            for (Future<String[]> send : sends) {
                results.add(send.get(10, TimeUnit.MINUTES));
            }
            pool.shutdown();

            assertThat(gateway.isAlive()).as("gateway survived").isTrue();
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(results.get(i)[0]).as("reply to client " + i).startsWith("250 2.0.0 Ok: queued as");
                Path newDir = dir.resolve("maildir").resolve(MaildirDelivery.folderName(recipient(i))).resolve("new");
                List<Path> files;
                try (Stream<Path> list = Files.list(newDir)) {
                    files = list.toList();
                }
                assertThat(files).hasSize(1);
                assertThat(sha256WithoutTraceField(files.get(0))).as("message " + i + " byte-identical")
                        .isEqualTo(results.get(i)[1]);
            }
            assertThat(Files.readString(output)).doesNotContain("OutOfMemoryError");
            System.out.println("MemoryBoundTest: " + CLIENTS + " x " + MESSAGE_BYTES + " bytes delivered; peak heap in use"
                    + " before a GC (from the child's GC log): " + peakHeapMb(gcLog) + " MB of -Xmx256m");
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private static String recipient(int i) {
        return "vanthu" + i + "@ubnd.daknong.gov.vn";
    }

    /** ~30 MB of base64 lines (what a 22 MB attachment looks like on the wire), generated once on disk. */
    private static Path writeBody(Path file) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[57 * 1000];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long written = 0;
            java.util.Base64.Encoder encoder = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
            while (written < MESSAGE_BYTES) {
                random.nextBytes(chunk);
                byte[] lines = encoder.encode(chunk);
                out.write(lines);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                written += lines.length + 2;
            }
        }
        return file;
    }

    /** One SMTP transaction over a raw socket; returns {final reply, SHA-256 of the message bytes sent}. */
    private static String[] send(int port, int index, Path body) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(300_000);
            InputStream in = socket.getInputStream();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            expect(in, "220");
            command(out, "EHLO load" + index);
            expect(in, "250");
            long size = Files.size(body) + 200;
            command(out, "MAIL FROM:<vanthu@sonoivu.daknong.gov.vn> SIZE=" + size);
            expect(in, "250");
            command(out, "RCPT TO:<" + recipient(index) + ">");
            expect(in, "250");
            command(out, "DATA");
            expect(in, "354");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] header = ("From: vanthu@sonoivu.daknong.gov.vn\r\nTo: " + recipient(index) + "\r\n"
                    + "Subject: load " + index + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            sha.update(header);
            try (InputStream file = Files.newInputStream(body)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = file.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    sha.update(buffer, 0, n);
                }
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readReply(in);
            command(out, "QUIT");
            return new String[] {reply, HexFormat.of().formatHex(sha.digest())};
        }
    }

    static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void expect(InputStream in, String code) throws IOException {
        String reply = readReply(in);
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but got " + reply);
        }
    }

    static String readReply(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed; so far: " + all);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            all.append(text).append('\n');
            if (text.length() < 4 || text.charAt(3) != '-') {
                return text;
            }
        }
    }

    /** SHA-256 of the stored file after the gateway's Received field (which ends where "From: " starts). */
    private static String sha256WithoutTraceField(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] start = in.readNBytes(4096);
            String text = new String(start, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("Received: from ");
            int from = text.indexOf("\r\nFrom: ") + 2;
            sha.update(start, from, start.length - from);
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static void waitForStart(Process gateway, Path output) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(output) && Files.readString(output).contains("gateway started")) {
                return;
            }
            if (!gateway.isAlive()) {
                throw new AssertionError("gateway exited: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gateway did not start: " + Files.readString(output));
    }

    /** Largest heap-in-use value before a collection in a -Xlog:gc file ("123M->45M(256M)"). */
    static long peakHeapMb(Path gcLog) throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
