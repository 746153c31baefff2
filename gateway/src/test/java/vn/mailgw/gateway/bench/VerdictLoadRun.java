package vn.mailgw.gateway.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.gateway.verdict.VerdictServices;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.SignatureOutcome;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * Load run (not a test): messages per second through the whole gateway (SMTP in, SPF/DMARC, signature
 * validation, verdict, stamp, Maildir) with one signed ~1 MB PDF per message, side by side with the signature
 * engine alone on the same PDF, in the same JVM and run. Arguments: [messages] [concurrency] [padBytes]
 * [gatewaySessions] [warmUpMessages]. The engine runs at both the concurrency and the session count and the faster of the two
 * is the reference; the gateway is loaded by gatewaySessions concurrent SMTP clients (default: concurrency).
 * More sessions than cores let one message's network and disk waits overlap another's validation, as a
 * gateway serving many agencies does; they do not let the gateway validate more at once than the engine may.
 * See bench/verdict/README.md for the command.
 */
public final class VerdictLoadRun {

    static final int DEFAULT_WARM_UP = 60;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int pad = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int sessions = args.length > 3 ? Integer.parseInt(args[3]) : concurrency;
        // Both sides warm up with the same count, enough for the JIT to compile the gateway's own code too (SMTP,
        // MIME, classification, audit): the goal is about a gateway that runs for days, not its first minute.
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : Math.max(DEFAULT_WARM_UP, messages / 5);
        Path dir = Files.createTempDirectory("mailgw-bench");
        try (DemoProvince province = DemoProvince.start(Instant.now())) {
            byte[] pdf = province.signedDecision("99/2026/QĐ-STC", pad);
            SampleMessage message = new SampleMessage("bench", "bench", "stc@daknong.gov.vn",
                    List.of(DemoProvince.RECIPIENT), province.eml("bench", "stc@daknong.gov.vn", "Bench",
                    "Quyết định 99.pdf", pdf), 250, "PAPER_EQUIVALENT", List.of());
            System.out.printf("PDF %d bytes, message %d bytes, %d messages after %d to warm up, concurrency %d, "
                    + "gateway sessions %d, %d CPUs%n", pdf.length, message.eml().length, messages, warmUp,
                    concurrency, sessions, Runtime.getRuntime().availableProcessors());

            SignatureValidator validator = new SignatureValidator(ValidationConfig.DEFAULT);
            TrustSnapshot trust = province.trust();
            Runnable engineOnce = () -> {
                DocumentValidationReport r = validator.validate(pdf, "q.pdf", trust, Instant.now());
                if (r.outcome() != SignatureOutcome.VALID) {
                    throw new IllegalStateException("engine: not valid: " + r);
                }
            };
            run("engine warm-up", warmUp, concurrency, engineOnce);
            Phase engine = run("engine alone", messages, concurrency, engineOnce);
            if (sessions != concurrency) {
                Phase more = run("engine alone at " + sessions, messages, sessions, engineOnce);
                engine = more.rate() > engine.rate() ? more : engine;
            }

            GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), List.of("smtp.port=0",
                    "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                    "verdict.resolver=" + province.dnsResolver(), "workers.pipeline=" + Math.max(2, sessions)));
            VerdictServices services = VerdictServices.create(config.verdict(), province::registry, province::trust,
                    validator, Clock.systemUTC());
            Vertx vertx = Vertx.vertx();
            GatewayService gateway = GatewayService.start(vertx, config, Optional.of(services)).await(60, TimeUnit.SECONDS);
            try {
                // A lean socket client (same bytes as Jakarta Mail would send), see BenchSmtpClient for why.
                BenchSmtpClient sender = new BenchSmtpClient("127.0.0.1", gateway.smtpPort(),
                        "demo-client.daknong.gov.vn", message.mailFrom(), message.recipients(), message.eml());
                Runnable gatewayOnce = () -> {
                    String reply = sender.send();
                    if (!reply.startsWith("250")) {
                        throw new IllegalStateException("gateway: " + reply);
                    }
                };
                run("gateway warm-up", warmUp, sessions, gatewayOnce);
                Phase whole = run("whole gateway", messages, sessions, gatewayOnce);
                checkDelivered(dir.resolve("maildir"), warmUp + messages);
                // The wall-clock ratio is the goal's measure. The CPU ratio (engine CPU per message over the gateway's)
                // is what the wall ratio becomes when both phases have all cores; it does not depend on how much of a
                // shared machine each phase happened to get, so it tells a real change from a change of load.
                double cores = Runtime.getRuntime().availableProcessors();
                boolean quiet = engine.coresBusy() > 0.9 * cores && whole.coresBusy() > 0.9 * cores;
                System.out.printf("RESULT engine=%.2f msg/s gateway=%.2f msg/s ratio=%.0f%% cpu=%.0f%%%s%n",
                        engine.rate(), whole.rate(), 100 * whole.rate() / engine.rate(),
                        100 * engine.cpuMsPerMessage() / whole.cpuMsPerMessage(),
                        quiet ? "" : " (not all cores were ours in both phases: the wall ratio measured the load)");
            } finally {
                gateway.stop().await(30, TimeUnit.SECONDS);
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The gateway's work must not be skippable: every message is in the Maildir, stamped PAPER_EQUIVALENT (the
     * same answer as the engine alone), or the run fails.
     */
    private static void checkDelivered(Path maildir, int expected) throws Exception {
        List<Path> files;
        try (var walk = Files.walk(maildir)) {
            files = walk.filter(f -> f.getParent().getFileName().toString().equals("new")).toList();
        }
        if (files.size() != expected) {
            throw new IllegalStateException("gateway: " + files.size() + " messages delivered, " + expected + " sent");
        }
        for (Path f : files) {
            byte[] head = new byte[16 * 1024];
            int n;
            try (var in = Files.newInputStream(f)) {
                n = in.readNBytes(head, 0, head.length);
            }
            String headers = new String(head, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            if (!headers.contains(vn.mailgw.gateway.stamp.StampHeaders.VERDICT + ": PAPER_EQUIVALENT")) {
                throw new IllegalStateException("gateway: " + f.getFileName() + " not stamped PAPER_EQUIVALENT");
            }
        }
        System.out.printf("checked: %d delivered messages stamped PAPER_EQUIVALENT%n", files.size());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One measured phase: messages per second, JVM CPU milliseconds per message, cores busy on average. */
    private record Phase(double rate, double cpuMsPerMessage, double coresBusy) {}

    private static Phase run(String label, int count, int concurrency, Runnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger left = new AtomicInteger(count);
        Map<String, Long> threadsBefore = THREAD_CPU ? threadCpuByGroup() : Map.of();
        Map<String, Long> vmBefore = THREAD_CPU ? vmThreadTicks() : Map.of();
        long[] userSysBefore = THREAD_CPU ? userSysTicks() : new long[2];
        long cpuStart = processCpuNanos();
        long startEpochMs = System.currentTimeMillis();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    task.run();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        pool.shutdown();
        double rate = count / seconds;
        // CPU of the whole JVM (the in-JVM SMTP client and GC included): tells CPU cost from waiting.
        // The epoch-millisecond span lets a JFR recording be cut to one phase (bench/verdict/JfrSummary.java).
        System.out.printf("%-16s %4d in %6.2f s = %6.2f msg/s  (JVM CPU %5.1f ms/msg, %.2f of %d cores busy) [%d..%d]%n",
                label, count, seconds, rate, 1000 * cpuSeconds / count, cpuSeconds / seconds,
                Runtime.getRuntime().availableProcessors(), startEpochMs, System.currentTimeMillis());
        if (THREAD_CPU) {
            printThreadCpu(threadsBefore, threadCpuByGroup(), processCpuNanos() - cpuStart, count);
            printVmThreadCpu(vmBefore, vmThreadTicks(), count);
            long[] userSys = userSysTicks();
            System.out.printf("  CPU ms/msg user %.1f, kernel %.1f (/proc/self/stat)%n",
                    (userSys[0] - userSysBefore[0]) * 10.0 / count, (userSys[1] - userSysBefore[1]) * 10.0 / count);
        }
        return new Phase(rate, 1000 * cpuSeconds / count, cpuSeconds / seconds);
    }

    /** -Dbench.threadCpu=true: each phase also prints CPU per message by thread group (what JFR samples miss: GC, JIT). */
    private static final boolean THREAD_CPU = Boolean.getBoolean("bench.threadCpu");

    /** utime and stime of this process in clock ticks (10 ms on Linux), or zeros where there is no /proc. */
    private static long[] userSysTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (Exception e) {
            return new long[2];
        }
    }

    /**
     * CPU clock ticks (10 ms) of the JVM's own threads, which ThreadMXBean does not see, from /proc/self/task: garbage
     * collection (G1's "GC Thread", "G1 Conc", "G1 Refine", ...), the JIT compilers and the VM thread. Empty where
     * there is no /proc. Ticks are coarse: read them over phases of a few seconds.
     */
    static Map<String, Long> vmThreadTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String group = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC"
                            : name.contains("CompilerThre") ? "JIT" : name.equals("VM Thread") ? "VM" : null;
                    if (group != null) {
                        ticks.merge(group, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    }
                } catch (java.io.IOException | RuntimeException threadEnded) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException noProc) {
            return Map.of();
        }
        return ticks;
    }

    private static void printVmThreadCpu(Map<String, Long> before, Map<String, Long> after, int count) {
        StringBuilder line = new StringBuilder("  CPU ms/msg of the JVM's own threads (/proc):");
        for (Map.Entry<String, Long> e : after.entrySet()) {
            line.append(String.format(" %s=%.1f", e.getKey(),
                    (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 10.0 / count));
        }
        System.out.println(line);
    }

    private static Map<String, Long> threadCpuByGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    byGroup.merge(info.getThreadName().replaceAll("[-#]?\\d+$", "-N"), cpu, Long::sum);
                }
            }
        }
        return byGroup;
    }

    private static void printThreadCpu(Map<String, Long> before, Map<String, Long> after, long processNanos, int count) {
        long javaThreads = 0;
        StringBuilder line = new StringBuilder("  CPU ms/msg by thread:");
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            javaThreads += used;
            if (used > count * 200_000L) { // more than 0.2 ms per message
                line.append(String.format(" %s=%.1f", e.getKey(), used / 1e6 / count));
            }
        }
        line.append(String.format(" | GC+JIT+VM (rest of the process)=%.1f", (processNanos - javaThreads) / 1e6 / count));
        System.out.println(line);
    }
}
