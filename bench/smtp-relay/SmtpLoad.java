import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client that measures per-message latency (smtp-source gives only totals): S sessions in parallel,
 * each sending messages one connection per message (as smtp-source does by default): connect, EHLO, MAIL,
 * RCPT, DATA, body, final dot, QUIT. Latency = connect until the reply to the final dot.
 * Run with: java SmtpLoad.java HOST PORT SESSIONS MESSAGES SIZE_BYTES
 * Prints: messages, failures, seconds, messages/s, p50 ms, p99 ms.
 */
public class SmtpLoad {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        byte[] body = body(size);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long[] latencies = new long[messages];
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < messages) {
                    long t0 = System.nanoTime();
                    try {
                        sendOne(host, port, body, i);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("messages=%d failures=%d seconds=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f%n", messages,
                failures.get(), seconds, messages / seconds, latencies[messages / 2] / 1e6,
                latencies[(int) Math.min(messages - 1, Math.ceil(messages * 0.99) - 1)] / 1e6);
    }

    static byte[] body(int size) {
        StringBuilder text = new StringBuilder("From: vanthu@sonoivu.daknong.gov.vn\r\nTo: vanthu@ubnd.daknong.gov.vn\r\n"
                + "Subject: load\r\n\r\n");
        while (text.length() < size) {
            text.append("Noi dung van ban tai lieu kiem tra tai 0123456789 abcdefghijklmnopqrstuvwxyz\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void sendOne(String host, int port, byte[] body, int i) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            expect(in, '2');
            cmd(out, "EHLO load.test");
            expect(in, '2');
            cmd(out, "MAIL FROM:<vanthu@sonoivu.daknong.gov.vn>");
            expect(in, '2');
            cmd(out, "RCPT TO:<vanthu" + (i % 50) + "@ubnd.daknong.gov.vn>");
            expect(in, '2');
            cmd(out, "DATA");
            expect(in, '3');
            out.write(body);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, '2');
            cmd(out, "QUIT");
            in.read();
        }
    }

    static void cmd(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void expect(InputStream in, char first) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("closed");
                }
                line.append((char) b);
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                if (line.charAt(0) != first) {
                    throw new IOException("unexpected reply: " + line);
                }
                return;
            }
        }
    }
}
