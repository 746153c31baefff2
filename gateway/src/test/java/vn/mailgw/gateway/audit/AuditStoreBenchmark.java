package vn.mailgw.gateway.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: appends per second with the durability the gateway uses (one commit per message),
 * and search latency (p50/p95) over a store of {@code bench.records} records (default one million).
 * Run: {@code mvn -B -o test -pl gateway -am -Dtest=AuditStoreBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.records=200000} for a quicker run, {@code -Dbench.stores=sqlite} for one store).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AuditStoreBenchmark {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int AGENCIES = 50;
    private static final int SENDERS = 1000;

    @Test
    void benchmark() throws Exception {
        int records = Integer.getInteger("bench.records", 1_000_000);
        String stores = System.getProperty("bench.stores", "sqlite,postgres");
        Path dir = Files.createTempDirectory("audit-bench");
        // The loaded search databases are kept here, so a second run skips the slow bulk load.
        Path keep = Path.of(System.getProperty("bench.dir", "/tmp/mailgw-audit-bench"));
        Files.createDirectories(keep);
        System.out.printf(Locale.ROOT, "%n== audit benchmark: %d records, %d cores ==%n", records,
                Runtime.getRuntime().availableProcessors());
        if (stores.contains("sqlite")) {
            // The file name carries the schema version. A copy of an older version's file is migrated when opened
            // (the older file stays as it was, for the older code).
            Path file = keep.resolve("sqlite-v7-" + records + ".sqlite");
            for (String older : List.of("v6", "v4", "v3")) {
                Path old = keep.resolve("sqlite-" + older + "-" + records + ".sqlite");
                if (!Files.exists(file) && Files.exists(old)) {
                    long c0 = System.nanoTime();
                    Files.copy(old, file);
                    System.out.printf(Locale.ROOT, "open: copied the %s file to migrate it (%.1f s)%n", older,
                            (System.nanoTime() - c0) / 1e9);
                }
            }
            run("SQLite (WAL, synchronous=FULL)", () -> AuditLog.open(AuditConfig.sqlite(dir.resolve("a.sqlite"), "b1", dir)),
                    () -> AuditLog.open(AuditConfig.sqlite(file, "b1", keep)), records);
        }
        if (stores.contains("postgres")) {
            // Zonky's default is synchronous_commit=off; the gateway's durability needs every commit flushed.
            // The data folder is kept (initdb only when it has no postgresql.conf), so a second run skips the load.
            Path pgData = keep.resolve("postgres-v3-" + records);
            EmbeddedPostgres.Builder server = EmbeddedPostgres.builder().setDataDirectory(pgData)
                    .setCleanDataDirectory(false).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "256MB");
            pgDiagnostics().forEach(server::setServerConfig);
            try (EmbeddedPostgres pg = server.start()) {
                String url = pg.getJdbcUrl("postgres", "postgres");
                observer = java.sql.DriverManager.getConnection(url);
                run("PostgreSQL 14 (embedded, fsync on, synchronous_commit on)",
                        () -> AuditLog.open(AuditConfig.postgres(url, "postgres", null, "b1", dir)),
                        () -> AuditLog.open(AuditConfig.postgres(url, "postgres", null, "b2", dir)), records);
                observer.close();
                observer = null;
            }
        }
    }

    /**
     * {@code -Dbench.pgLog=DIR}: the server logs into DIR every statement over 200 ms with its plan as it ran
     * (auto_explain: actual rows, buffers, I/O time), lock waits, checkpoints and autovacuum runs, so a slow sample
     * can be explained from the server's side. Off by default: timing each plan node costs a little.
     */
    private static java.util.Map<String, String> pgDiagnostics() {
        String dir = System.getProperty("bench.pgLog", "");
        if (dir.isBlank()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("logging_collector", "on");
        c.put("log_directory", dir);
        c.put("log_min_duration_statement", "200");
        c.put("shared_preload_libraries", "auto_explain");
        c.put("auto_explain.log_min_duration", "200");
        c.put("auto_explain.log_analyze", "on");
        c.put("auto_explain.log_buffers", "on");
        c.put("auto_explain.log_nested_statements", "on");
        c.put("track_io_timing", "on");
        c.put("log_lock_waits", "on");
        c.put("deadlock_timeout", "100ms");
        c.put("log_checkpoints", "on");
        c.put("log_autovacuum_min_duration", "0");
        c.put("log_temp_files", "0");
        return c;
    }

    private void run(String name, Supplier<AuditLog> appendLog, Supplier<AuditLog> searchLog, int records)
            throws Exception {
        System.out.println("\n### " + name);
        jdk.jfr.Recording rec = System.getProperty("bench.jfr") == null ? null
                : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        if (rec != null) {
            rec.start();
        }
        if (!Boolean.getBoolean("bench.searchesOnly")) {
            appendPhase(appendLog);
        }
        if (rec != null) {
            rec.stop();
            rec.dump(Path.of(System.getProperty("bench.jfr")));
            rec.close();
        }
        if (Boolean.getBoolean("bench.appendsOnly")) {
            return;
        }
        searchPhase(searchLog, records);
    }

    private static void appendPhase(Supplier<AuditLog> appendLog) throws Exception {
        try (AuditLog log = appendLog.get()) {
            // The gateway is a long-running process (bench/smtp-relay warms it up before measuring too): the JIT
            // compiles the append path first, or the first table's rows measure the compiler.
            long warmUp = Long.getLong("bench.warmUpSeconds", 4);
            if (warmUp > 0) {
                for (Shape shape : shapes()) {
                    appendFor(log, shape, 64, Duration.ofSeconds(warmUp), "W");
                }
                System.out.printf(Locale.ROOT, "(warm-up: %d s of each kind at 64 appenders, not counted)%n", warmUp);
            }
            for (Shape shape : shapes()) {
                System.out.println("\n" + shape.title);
                System.out.println("| appenders (threads) | messages/s | records/s | indexing the rest after the"
                        + " last append (ms) | messages per commit | JVM CPU µs per message | audit writer + indexer"
                        + " threads' CPU µs per message (writer / indexer) |\n|---|---|---|---|---|---|---|");
                double best = 0;
                for (String t : System.getProperty("bench.threads", "1,16,64").split(",")) {
                    best = Math.max(best, appends(log, shape, Integer.parseInt(t.strip()),
                            Duration.ofSeconds(Long.getLong("bench.appendSeconds", 6))));
                }
                System.out.printf(Locale.ROOT, "best (%s): %.0f messages/s = %.2f of its goal (%s) -> %s%n", shape.name,
                        best, best / shape.goal, shape.goalText, best >= shape.goal ? "MET" : "NOT MET");
            }
        }
    }

    private static void searchPhase(Supplier<AuditLog> searchLog, int records) {
        long open0 = System.nanoTime();
        try (AuditLog log = searchLog.get()) {
            System.out.printf(Locale.ROOT, "open (with schema migration when the file is older): %.1f s%n",
                    (System.nanoTime() - open0) / 1e9);
            long have = log.store().count();
            if (have < records) {
                long t0 = System.nanoTime();
                load(log, records);
                System.out.printf(Locale.ROOT, "bulk load of %d records: %.1f s%n", log.store().count(),
                        (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.printf(Locale.ROOT, "reusing %d records loaded by an earlier run%n", have);
            }
            long o0 = System.nanoTime();
            log.store().optimize();
            System.out.printf(Locale.ROOT, "optimize (planner statistics): %.1f s%n", (System.nanoTime() - o0) / 1e9);
            searches(log.store(), log.nodeId());
            if (Boolean.getBoolean("bench.searchesOnly")) {
                return;
            }
            long v0 = System.nanoTime();
            ChainVerdict v = ChainVerifier.verify(log.store(), log.nodeId(), java.util.Optional.empty());
            System.out.printf(Locale.ROOT, "audit verify of the whole chain: %s in %.1f s%n",
                    v.intact() ? "intact" : "BROKEN", (System.nanoTime() - v0) / 1e9);
        }
    }

    /**
     * Message-by-message appends from {@code threads} callers for about {@code length}, each call returning after
     * the commit that holds its records, as the gateway's pipeline does before it answers 250.
     */
    private static double appends(AuditLog log, Shape shape, int threads, Duration length) throws Exception {
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        long groups0 = log.groups.get();
        long cpu0 = processCpuNanos();
        long writer0 = auditThreadsCpuNanos("audit-writer");
        long indexer0 = auditThreadsCpuNanos("audit-indexer");
        long t0 = System.nanoTime();
        done.set(appendFor(log, shape, threads, length, "A"));
        // The rate counts until the last record is indexed too (searchable), not only acknowledged: the writer
        // indexes every 50 ms under load, so what is left is at most one interval's records.
        long acknowledged = System.nanoTime();
        log.store().indexPending();
        double s = (System.nanoTime() - t0) / 1e9;
        long messages = done.get();
        double cpuPerMessage = (processCpuNanos() - cpu0) / 1e3 / messages;
        double writerPerMessage = (auditThreadsCpuNanos("audit-writer") - writer0) / 1e3 / messages;
        double indexerPerMessage = (auditThreadsCpuNanos("audit-indexer") - indexer0) / 1e3 / messages;
        System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.1f | %.1f | %.0f | %.0f (%.0f / %.0f) |%n", threads,
                messages / s, shape.records * messages / s, (System.nanoTime() - acknowledged) / 1e6,
                messages / (double) Math.max(1, log.groups.get() - groups0), cpuPerMessage,
                writerPerMessage + indexerPerMessage, writerPerMessage, indexerPerMessage);
        return messages / s;
    }

    /**
     * The traffic appended, each against its own goal (issue 6: at least 10 x the gateway's measured message rate).
     * The gateway's rates: bench/smtp-relay, 10 kB messages without attachments, median 1264 messages/s (integrated
     * main 2026-11-22 19:00; 1219 at 21:15); bench/verdict, one signed 1 MB PDF each, 24.0 messages/s (median, 21:17).
     * "strict" keeps the comparison published before: three records per message against the relay's goal.
     */
    private record Shape(String name, String title, int records, double goal, String goalText,
                         java.util.function.BiFunction<String, Instant, MessageAudit> message) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("relay", "relay-shaped messages (bench/smtp-relay: no attachment = 1 MESSAGE record)", 1, 12_640,
                    "12 640 messages/s = 10 x the relay's 1264", GatewayTrafficShapes::relayed),
            new Shape("verdict", "verdict-shaped messages (bench/verdict: one signed PDF = MESSAGE + DOCUMENT record)", 2,
                    240, "240 messages/s = 10 x the verdict run's 24.0", GatewayTrafficShapes::signedPdf),
            new Shape("strict", "strict: 3-record messages (MESSAGE + 2 DOCUMENT) against the relay's goal", 3, 12_640,
                    "12 640 messages/s = 10 x the relay's 1264",
                    (queueId, time) -> TestAudits.delivered(queueId, time, "Sở Nội vụ")));

    private static List<Shape> shapes() {
        List<String> wanted = List.of(System.getProperty("bench.shapes", "relay,verdict,strict").split(","));
        return SHAPES.stream().filter(s -> wanted.contains(s.name)).toList();
    }

    /** {@code threads} callers append {@code shape}'s messages for about {@code length}; returns how many. */
    private static long appendFor(AuditLog log, Shape shape, int threads, Duration length, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        String prefix = shape.name.charAt(0) + tag + threads + "T" + System.nanoTime() % 100000;
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            jobs.add(pool.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    log.append(shape.message.apply(prefix + "x" + thread + "x" + i, Instant.now()));
                    done.incrementAndGet();
                }
            }));
        }
        try {
            for (Future<?> j : jobs) {
                j.get(length.toSeconds() + 120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get();
    }

    /**
     * CPU time is what a shared machine distorts least: the other engineers' load stretches the wall clock, not the
     * work each message costs. (PostgreSQL's own processes are not in it.)
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The audit writer's or the indexer's thread, CPU only: each is one thread, so each bounds the rate by itself
     * (SQLite since V7: the two run at the same time, each on its own file's write lock; before: one after the other).
     */
    private static long auditThreadsCpuNanos(String namePrefix) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith(namePrefix)) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** A year of traffic: 60 % delivered with two documents, 30 % refused, 10 % failed. */
    private static void load(AuditLog log, int records) {
        Random random = new Random(42);
        int written = 0;
        int n = 0;
        long spanMillis = Duration.ofDays(365).toMillis();
        while (written < records) {
            List<MessageAudit> batch = new ArrayList<>();
            for (int i = 0; i < 2000 && written < records; i++, n++) {
                Instant t = START.plusMillis((long) n * spanMillis / (records / 2));
                int sender = random.nextInt(SENDERS);
                String agency = "Cơ quan " + (sender % AGENCIES);
                String from = "user" + sender + "@agency" + (sender % AGENCIES) + ".daknong.gov.vn";
                int kind = random.nextInt(10);
                MessageAudit m;
                if (kind < 6) {
                    MessageAudit d = TestAudits.delivered("L" + n, t, agency);
                    m = new MessageAudit(t, "L" + n, "<" + n + "@x>", from, from,
                            List.of("ubnd@daknong.gov.vn", "user" + random.nextInt(SENDERS) + "@daknong.gov.vn"),
                            d.clientIp(), d.helo(), d.sizeBytes(), d.authResults(), agency, d.profile(), d.verdict(),
                            d.reasonCodes(), Outcome.DELIVERED, d.smtpReply(), List.of(), renamed(d.documents(), n));
                    written += 3;
                } else if (kind < 9) {
                    m = TestAudits.freeMailRefusal("L" + n, t, "nguoi" + random.nextInt(300) + "@gmail.com");
                    written += 1;
                } else {
                    m = TestAudits.failed("L" + n, t);
                    written += 1;
                }
                batch.add(m);
            }
            log.appendAll(batch);
        }
    }

    private static List<DocumentAudit> renamed(List<DocumentAudit> docs, int n) {
        List<DocumentAudit> out = new ArrayList<>();
        for (DocumentAudit d : docs) {
            out.add(new DocumentAudit(n + "-" + d.name(), d.sha256(), d.type(), d.verdict(), d.reasonCodes(),
                    d.documentType(), d.profile(), d.rulesApplied(), d.signatures(), d.errors()));
        }
        return out;
    }

    private static void searches(AuditStore store, String nodeId) {
        Random r = new Random(7);
        Instant mid = START.plus(Duration.ofDays(180));
        System.out.println("Searches as the auditor page runs them: the page of 50, then the count of all matches"
                + " (exact up to " + MatchCount.CAP + ", else \"more than\"; stopped when the search and the count"
                + " took " + MatchCount.PAGE_GOAL.toMillis() + " ms, the count at least " + MatchCount.MIN_BUDGET.toMillis()
                + " ms: \"at least\"); the goal is on page + count.");
        System.out.println("| query (newest 50 first) | matches (min–max over the samples) | page p50 ms | page p95 ms"
                + " | count p50 ms | count p95 ms | page + count p50 ms | page + count p95 ms | p95 < 200 ms (goal) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        timeSearch(store, "latest page (no filter)", AuditQuery::all);
        timeSearch(store, "1 week time range", () -> {
            Instant from = START.plus(Duration.ofDays(r.nextInt(350)));
            return q(from, from.plus(Duration.ofDays(7)), null, null, null, null, null, null);
        });
        timeSearch(store, "sender (exact)", () -> {
            int sender = r.nextInt(SENDERS);
            return q(null, null, "user" + sender + "@agency" + (sender % AGENCIES) + ".daknong.gov.vn",
                    null, null, null, null, null);
        });
        timeSearch(store, "recipient (exact)", () -> q(null, null, null,
                "user" + r.nextInt(SENDERS) + "@daknong.gov.vn", null, null, null, null));
        timeSearch(store, "agency + quarter", () -> q(mid, mid.plus(Duration.ofDays(91)), null, null,
                "Cơ quan " + r.nextInt(AGENCIES), null, null, null));
        timeSearch(store, "verdict NOT_PAPER_EQUIVALENT + 1 month", () -> {
            Instant from = START.plus(Duration.ofDays(r.nextInt(330)));
            return q(from, from.plus(Duration.ofDays(30)), null, null, null, "NOT_PAPER_EQUIVALENT", null, null);
        });
        timeSearch(store, "document type dự thảo", () -> q(null, null, null, null, null, null, "dự thảo", null));
        timeSearch(store, "free text (file name) + 1 month", () -> {
            Instant from = START.plus(Duration.ofDays(r.nextInt(330)));
            return q(from, from.plus(Duration.ofDays(30)), null, null, null, null, null, r.nextInt(400000) + "-qđ-115");
        });
        timeSearch(store, "free text, no time range", () -> q(null, null, null, null, null, null, null,
                "nguoi" + r.nextInt(300) + "@gmail"));
        timeSearch(store, "free text, a signer (common: newest 50 of many)", () -> q(null, null, null, null, null, null,
                null, "nguyễn văn an"));
        timeSearch(store, "free text, ten agencies' senders (~13 %)", () -> q(null, null, null, null, null, null, null,
                "@agency1"));
        timeSearch(store, "free text, a sender's agency (~2 %)", () -> q(null, null, null, null, null, null, null,
                "@agency" + (10 + r.nextInt(AGENCIES - 10)) + "."));
        timeSearch(store, "page N (keyset: 50 after a cursor deep in the year)", () -> AuditQuery.all().after(
                new PageCursor(START.plus(Duration.ofMinutes(r.nextInt(500_000))).toEpochMilli(), "~")));
        timeSearch(store, "page N, sender (keyset)", () -> {
            int sender = r.nextInt(SENDERS);
            return q(null, null, "user" + sender + "@agency" + (sender % AGENCIES) + ".daknong.gov.vn",
                    null, null, null, null, null).after(new PageCursor(
                    START.plus(Duration.ofMinutes(r.nextInt(500_000))).toEpochMilli(), "~"));
        });
        misjudged(store);
        System.out.println("\n| other reads | p50 ms | p95 ms | p95 < 200 ms (goal) |\n|---|---|---|---|");
        time("record by id (stamp lookup)", () -> store.find(nodeId + ".L" + r.nextInt(300000)));
        // Report periods as `mailgw report` and the web page ask them: Vietnamese quarters and years.
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        time("statistics, one quarter (report quarterly)", () -> {
            java.time.LocalDate q = java.time.LocalDate.of(2026, 1 + 3 * r.nextInt(4), 1);
            return store.statistics(q.atStartOfDay(vietnam).toInstant(), q.plusMonths(3).atStartOfDay(vietnam).toInstant());
        });
        time("statistics, one year (report yearly)", () -> store.statistics(
                java.time.LocalDate.of(2026, 1, 1).atStartOfDay(vietnam).toInstant(),
                java.time.LocalDate.of(2027, 1, 1).atStartOfDay(vietnam).toInstant()));
        time("statistics, 91 days from a UTC midnight (partial days)", () -> store.statistics(mid, mid.plus(Duration.ofDays(91))));
        time("violators, one year", () -> store.violators(
                java.time.LocalDate.of(2026, 1, 1).atStartOfDay(vietnam).toInstant(),
                java.time.LocalDate.of(2027, 1, 1).atStartOfDay(vietnam).toInstant(), 500));
    }

    /** The statement every PostgreSQL page ran before PostgresPageSearch: one query, the plan left to the planner. */
    private static final String PLAIN_PAGE = "SELECT id FROM audit_record a WHERE %s ORDER BY recorded_at DESC, id DESC"
            + " LIMIT 51";

    /**
     * PostgreSQL only: the free-mail addresses (free text) and senders for which, with this run's statistics, the
     * planner would walk the time index for the plain page statement (its sampled estimate calls them common; their
     * matches are all in the synthetic year, older than the appended traffic): the values behind the "stalls". Prints
     * how many there are and one plain statement's actual run (EXPLAIN ANALYZE), then times the store's page + count
     * for exactly those values.
     */
    private static void misjudged(AuditStore store) {
        if (observer == null) {
            return;
        }
        List<AuditQuery> traps = new ArrayList<>();
        String example = null;
        try {
            for (int i = 0; i < 300; i++) {
                String text = "nguoi" + i + "@gmail";
                if (walks(String.format(Locale.ROOT, PLAIN_PAGE, "search_text LIKE ? ESCAPE '!'"), "%" + text + "%", 1)) {
                    traps.add(q(null, null, null, null, null, null, null, text));
                    example = example == null ? "search_text LIKE '%" + text + "%'" : example;
                }
            }
            int texts = traps.size();
            for (int i = 0; i < SENDERS; i++) {
                String sender = "user" + i + "@agency" + (i % AGENCIES) + ".daknong.gov.vn";
                if (walks(String.format(Locale.ROOT, PLAIN_PAGE, "(envelope_sender = ? OR header_from = ?)"), sender, 2)) {
                    traps.add(q(null, null, sender, null, null, null, null, null));
                }
            }
            System.out.printf(Locale.ROOT, "%nmisjudged by the planner with this run's statistics (the plain page statement"
                    + " would walk the time index): %d of 300 free-mail addresses, %d of %d senders%n", texts,
                    traps.size() - texts, SENDERS);
            if (example != null) {
                try (java.sql.Statement s = observer.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                        "EXPLAIN (ANALYZE) " + String.format(Locale.ROOT, PLAIN_PAGE, example))) {
                    while (rs.next()) {
                        String line = rs.getString(1);
                        if (line.contains("Index Scan") || line.contains("Rows Removed") || line.contains("Execution")) {
                            System.out.println("plain statement for " + example + ": " + line.strip());
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            System.out.println("misjudged values: cannot ask the server: " + e.getMessage());
            return;
        }
        if (!traps.isEmpty()) {
            int[] next = {0};
            timeSearch(store, "misjudged texts and senders (" + traps.size() + " values)",
                    () -> traps.get(next[0]++ % traps.size()));
        }
    }

    /** Whether the planner's plan for {@code sql} (a page statement) starts by walking the time index backward. */
    private static boolean walks(String sql, String value, int times) throws java.sql.SQLException {
        try (java.sql.PreparedStatement p = observer.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 1; i <= times; i++) {
                p.setString(i, value);
            }
            try (java.sql.ResultSet rs = p.executeQuery()) {
                rs.next();
                rs.next(); // the node under the Limit
                return rs.getString(1).contains("Index Scan Backward using audit_record_time");
            }
        }
    }

    private static AuditQuery q(Instant from, Instant to, String sender, String recipient, String agency, String verdict,
                                String type, String text) {
        return new AuditQuery(from, to, sender, recipient, agency, verdict, type, text, null, AuditQuery.DEFAULT_LIMIT, 0);
    }

    /**
     * PostgreSQL only: a connection that looks, right after a search sample over 200 ms, at what else the server was
     * doing (autovacuum workers, checkpoints), so an outlier comes with evidence (issue 6: one p95 of 2176 ms).
     */
    private static java.sql.Connection observer;
    private static long checkpointsAtStart = -1;

    private static void explainSlowSample(String label, long nanos) {
        if (observer == null) {
            return;
        }
        try (java.sql.Statement s = observer.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT (SELECT string_agg(query, '; ') FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'),"
                        + " (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)")) {
            rs.next();
            System.out.printf(Locale.ROOT, "slow sample: %s took %.0f ms; autovacuum right after: %s;"
                    + " checkpoints since the searches began: %d%n", label, nanos / 1e6,
                    rs.getString(1) == null ? "none" : rs.getString(1), rs.getLong(2) - checkpointsAtStart);
        } catch (java.sql.SQLException e) {
            System.out.println("slow sample: " + label + ": cannot ask the server: " + e.getMessage());
        }
    }

    /**
     * One search as the auditor page runs it: the page, then the count. Each sample takes a fresh query from
     * {@code queries} (random parameters) and times both; the goal (200 ms at p95) is on their sum.
     */
    private static void timeSearch(AuditStore store, String label, Supplier<AuditQuery> queries) {
        startObserving();
        AuditQuery warm = queries.get();
        store.search(warm); // warm-up: JIT and the database's caches
        store.countMatches(warm, MatchCount.PAGE_GOAL);
        long first = System.nanoTime();
        AuditQuery probe = queries.get();
        store.search(probe);
        store.countMatches(probe, MatchCount.PAGE_GOAL);
        int runs = System.nanoTime() - first > 500_000_000L ? 10 : 40;
        long[] page = new long[runs];
        long[] count = new long[runs];
        long[] total = new long[runs];
        long fewest = Long.MAX_VALUE;
        long most = -1;
        boolean moreThanCap = false;
        int stopped = 0;
        for (int i = 0; i < runs; i++) {
            AuditQuery q = queries.get();
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            store.search(q);
            long t1 = System.nanoTime();
            // As AuditorRoutes: the count gets what the search left of the page's time.
            MatchCount c = store.countMatches(q, MatchCount.budgetAfter(Duration.ofNanos(t1 - t0)));
            long t2 = System.nanoTime();
            page[i] = t1 - t0;
            count[i] = t2 - t1;
            total[i] = t2 - t0;
            fewest = Math.min(fewest, c.value());
            most = Math.max(most, c.value());
            moreThanCap |= c.precision() == MatchCount.Precision.MORE_THAN_CAP;
            stopped += c.precision() == MatchCount.Precision.AT_LEAST ? 1 : 0;
            if (total[i] > 200_000_000L) {
                System.out.printf(Locale.ROOT, "slow sample: %s: page %.0f ms, count %.0f ms, JVM GC %d ms%n", label,
                        page[i] / 1e6, count[i] / 1e6, gcMillis() - gc0);
                explainSlowSample(label, total[i]);
            }
        }
        String matches = (fewest == most ? "" : MatchCount.grouped(fewest) + "–")
                + (moreThanCap ? "> " : "") + MatchCount.grouped(most)
                + (stopped > 0 ? " (" + stopped + " of " + runs + " stopped at the budget: \"at least\")" : "");
        double p95 = percentile(total, 0.95);
        System.out.printf(Locale.ROOT, "| %-40s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n", label, matches,
                percentile(page, 0.5), percentile(page, 0.95), percentile(count, 0.5), percentile(count, 0.95),
                percentile(total, 0.5), p95, p95 < 200 ? "yes" : "NO");
    }

    /** Milliseconds the JVM's collectors have spent so far (a stall of the client shows here). */
    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static double percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /** PostgreSQL: the checkpoint count when the searches begin, for {@link #explainSlowSample}. */
    private static void startObserving() {
        if (observer != null && checkpointsAtStart < 0) {
            try (java.sql.Statement s = observer.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                    "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")) {
                rs.next();
                checkpointsAtStart = rs.getLong(1);
            } catch (java.sql.SQLException e) {
                System.out.println("cannot read pg_stat_bgwriter: " + e.getMessage());
            }
        }
    }

    private static void time(String label, Supplier<Object> query) {
        startObserving();
        query.get(); // warm-up: JIT and the database's caches
        // Fewer runs when a query is slow, so one slow query cannot hold the whole benchmark for minutes.
        long first = System.nanoTime();
        query.get();
        int runs = System.nanoTime() - first > 500_000_000L ? 10 : 40;
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            query.get();
            ns[i] = System.nanoTime() - t0;
            if (ns[i] > 200_000_000L) {
                explainSlowSample(label, ns[i]);
            }
        }
        Arrays.sort(ns);
        double p95 = ns[(int) (runs * 0.95)] / 1e6;
        System.out.printf(Locale.ROOT, "| %-40s | %8.1f | %8.1f | %s |%n", label, ns[runs / 2] / 1e6, p95,
                p95 < 200 ? "yes" : "NO");
    }
}
