package vn.mailgw.gateway.smtp.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark only (not a test): an SMTP load client that measures per-message latency (MAIL FROM to
 * the final reply after DATA) and throughput. Usage:
 * {@code SmtpLoadClient <host> <port> <connections> <messagesPerConnection> <messageBytes>}.
 * Prints one line: messages, seconds, msg/s, p50 ms, p99 ms, failures.
 */
public final class SmtpLoadClient {

    private SmtpLoadClient() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int perConnection = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        byte[] body = body(size);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            results.add(pool.submit(() -> run(host, port, perConnection, body)));
        }
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        for (Future<long[]> f : results) {
            for (long l : f.get()) {
                if (l < 0) {
                    failures++;
                } else {
                    latencies.add(l);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("messages=%d seconds=%.2f msg_per_s=%.1f p50_ms=%.2f p99_ms=%.2f failures=%d%n",
                sorted.length, seconds, sorted.length / seconds, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, failures);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A message of about {@code size} bytes: headers and 76-character lines, like base64 content. */
    private static byte[] body(int size) {
        StringBuilder sb = new StringBuilder("From: <bench@sonla.gov.vn>\r\nTo: <sink@sonla.gov.vn>\r\nSubject: bench\r\n\r\n");
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
        while (sb.length() + line.length() <= size) {
            sb.append(line);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long[] run(String host, int port, int messages, byte[] body) throws IOException {
        long[] latencies = new long[messages];
        Arrays.fill(latencies, -1);
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(120_000);
            socket.setTcpNoDelay(true); // else Nagle + delayed ACK add ~40 ms to every message
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            expect(in, '2');
            command(out, in, "EHLO bench.example");
            for (int i = 0; i < messages; i++) {
                long t0 = System.nanoTime();
                if (!command(out, in, "MAIL FROM:<bench@sonla.gov.vn>")
                        || !command(out, in, "RCPT TO:<sink@sonla.gov.vn>")) {
                    command(out, in, "RSET");
                    continue;
                }
                out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!expect(in, '3')) {
                    continue;
                }
                out.write(body);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (expect(in, '2')) {
                    latencies[i] = System.nanoTime() - t0;
                }
            }
            command(out, in, "QUIT");
        }
        return latencies;
    }

    private static boolean command(OutputStream out, InputStream in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return expect(in, '2');
    }

    /** Reads one (multi-line) reply; true when its code starts with {@code first}. */
    private static boolean expect(InputStream in, char first) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.length() > 0 && line.charAt(0) == first;
            }
        }
    }
}
