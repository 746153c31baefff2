package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.audit.AuditStore;
import vn.mailgw.gateway.audit.ChainVerdict;
import vn.mailgw.gateway.audit.ChainVerifier;
import vn.mailgw.gateway.audit.JdbcAuditStore;

/**
 * The promise behind every 250: the message's audit record is committed first. The whole gateway runs in a
 * child JVM ({@code mailgw serve}), four clients send mail as fast as they can, the gateway is killed with
 * SIGKILL in the middle of the load, and then every message a client saw accepted must have its record,
 * and the chain must still verify (a transaction cut by the kill leaves nothing half-written).
 */
class AuditDurabilityKillTest {

    private static final Pattern STARTED = Pattern.compile("gateway started: smtp [0-9.]+:(\\d+)");
    private static final Pattern QUEUED = Pattern.compile("^250 .*queued as ([A-Z0-9]+)");

    @TempDir
    Path dir;

    @Test
    void everyAcceptedMessageShouldHaveAnAuditRecordWhenTheGatewayIsKilledDuringLoad() throws Exception {
        Process gateway = startGateway();
        int port = awaitSmtpPort(gateway);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch enoughAccepted = new CountDownLatch(40);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> sendUntilRefused(port, accepted, attempts, enoughAccepted), "client-" + c);
            t.start();
            clients.add(t);
        }
        assertThat(enoughAccepted.await(120, TimeUnit.SECONDS)).as("the gateway accepted 40 messages").isTrue();

        gateway.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isEqualTo(137);
        for (Thread t : clients) {
            t.join(30_000);
        }

        System.out.printf("kill test: %d messages accepted, %d DATA transactions started before SIGKILL%n",
                accepted.size(), attempts.get());
        assertThat(attempts.get()).as("some transactions were in flight or refused after the kill")
                .isGreaterThanOrEqualTo(accepted.size());
        try (AuditStore store = JdbcAuditStore.openSqlite(dir.resolve("audit.sqlite"))) {
            for (String queueId : accepted) {
                assertThat(store.find("node1." + queueId)).as("record for accepted message " + queueId).isPresent();
            }
            ChainVerdict verdict = ChainVerifier.verify(store, "node1", Optional.empty());
            assertThat(verdict).isInstanceOf(ChainVerdict.Intact.class);
            assertThat(((ChainVerdict.Intact) verdict).records()).isGreaterThanOrEqualTo(accepted.size());
        }
    }

    private Process startGateway() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "vn.mailgw.gateway.cli.Main", "serve"));
        for (String set : List.of("smtp.port=0", "http.port=0", "spoolDir=" + dir.resolve("spool"),
                "delivery.maildir=" + dir.resolve("maildir"), "audit.sqliteFile=" + dir.resolve("audit.sqlite"),
                "audit.keyDir=" + dir, "workers.pipeline=4")) {
            cmd.add("--set");
            cmd.add(set);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's log until it says which port SMTP got; keeps draining it afterwards. */
    private static int awaitSmtpPort(Process gateway) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while (System.nanoTime() < deadline && (line = log.readLine()) != null) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (log.readLine() != null) {
                            // discard: the pipe must not fill up and block the child
                        }
                    } catch (IOException ignored) {
                        // the child was killed
                    }
                }, "gateway-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        gateway.destroyForcibly();
        throw new AssertionError("the gateway did not start");
    }

    /** One SMTP connection sending message after message until the connection dies. */
    private static void sendUntilRefused(int port, Set<String> accepted, AtomicInteger attempts, CountDownLatch enough) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(in);
            command(out, "EHLO client.snv.daknong.gov.vn");
            reply(in);
            for (int i = 0; ; i++) {
                command(out, "MAIL FROM:<vanthu@snv.daknong.gov.vn>");
                reply(in);
                command(out, "RCPT TO:<ubnd@daknong.gov.vn>");
                reply(in);
                command(out, "DATA");
                reply(in);
                attempts.incrementAndGet();
                command(out, "From: vanthu@snv.daknong.gov.vn\r\nTo: ubnd@daknong.gov.vn\r\nSubject: Giay moi " + i
                        + "\r\nMessage-ID: <" + Thread.currentThread().getName() + "-" + i + "@snv>\r\n\r\nNoi dung " + i
                        + "\r\n.");
                String last = reply(in);
                Matcher m = QUEUED.matcher(last);
                if (m.find()) {
                    accepted.add(m.group(1));
                    enough.countDown();
                }
            }
        } catch (IOException expected) {
            // The gateway was killed: the transaction in flight was never acknowledged, so it is not counted.
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply and returns its last line. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
