package vn.mailgw.gateway.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.audit.AuditExport;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.AuditStore;
import vn.mailgw.gateway.audit.ChainVerdict;
import vn.mailgw.gateway.audit.ChainVerifier;
import vn.mailgw.gateway.audit.MatchCount;
import vn.mailgw.gateway.audit.PageCursor;
import vn.mailgw.gateway.audit.SearchPage;

/** {@code mailgw audit search|export|verify}: the auditor's tools on the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Nhật ký xác thực / audit log: search, export, verify.",
        subcommands = {AuditCommand.Search.class, AuditCommand.Export.class, AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One line per record, newest first. */
    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search records (newest first) and"
            + " count all matches (exact up to " + MatchCount.CAP + ").")
    static final class Search implements Callable<Integer> {
        /** At a shell an exact count is worth a wait the web page cannot afford (MatchCount.PAGE_GOAL); still bounded. */
        static final Duration COUNT_BUDGET = Duration.ofSeconds(30);
        @Spec
        CommandSpec spec;
        @Mixin
        AuditStoreOptions store;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = "--limit", defaultValue = "50", description = "rows per page (default ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--after", paramLabel = "CURSOR",
                description = "the next page: the cursor the previous page printed (keyset pagination)")
        String after;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditFilterOptions.VIETNAM);
            try (AuditStore s = store.open()) {
                AuditQuery query = filters.query(limit, after == null ? null : PageCursor.parse(after));
                SearchPage page = s.search(query);
                MatchCount count = s.countMatches(query, COUNT_BUDGET).atLeastSeen(page.records().size()
                        + (page.more() ? 1 : 0));
                for (AuditRecord r : page.records()) {
                    out.printf("%s  %-22s %-8s %-32s %-22s %-9s %s%n", time.format(r.time()), r.id(), r.kind(),
                            r.envelopeSender(), r.verdict() == null ? "-" : r.verdict(),
                            r.outcome() == null ? "-" : r.outcome(), r.documentName() == null ? "" : r.documentName());
                }
                out.printf("%d record(s)%s%n", page.records().size(), page.next() != null ? ", more with --after "
                        + page.next().token() : "");
                out.printf("%s / %s%n", count.vietnamese(), count.english());
                out.flush();
                return 0;
            }
        }
    }

    /** CSV or JSON of a search, to a file or standard output. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export a search as CSV or JSON.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AuditStoreOptions store;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default ${DEFAULT-VALUE})")
        String format;
        @Option(names = {"-o", "--output"}, description = "file to write (default: standard output)")
        Path output;
        @Option(names = "--limit", defaultValue = "10000", description = "at most this many records (max 10000)")
        int limit;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("csv") && !format.equals("json")) {
                spec.commandLine().getErr().println("--format must be csv or json");
                return 2;
            }
            try (AuditStore s = store.open()) {
                List<AuditRecord> records = s.search(filters.query(Math.min(limit, AuditQuery.MAX_LIMIT), null)).records();
                try (Writer w = output == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    if (format.equals("csv")) {
                        AuditExport.csv(records, w);
                    } else {
                        AuditExport.json(records, w);
                    }
                }
                if (output != null) {
                    spec.commandLine().getOut().printf("%d record(s) written to %s%n", records.size(), output);
                    spec.commandLine().getOut().flush();
                }
                return 0;
            }
        }
    }

    /** Verifies every node's chain; exit code 1 when any chain is broken. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the hash chains; prints the first bad record of each broken chain.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AuditStoreOptions store;
        @Option(names = "--anchor", paramLabel = "NODE:SEQ:HASH", description = "a head printed by an earlier verify"
                + " and kept elsewhere; catches a tail cut that also restored an old head")
        List<String> anchors = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean allIntact = true;
            try (AuditStore s = store.open()) {
                List<String> nodes = s.nodes();
                for (String node : nodes) {
                    Optional<ChainVerifier.Anchor> anchor = anchors.stream().map(a -> a.split(":"))
                            .filter(p -> p.length == 3 && p[0].equals(node))
                            .map(p -> new ChainVerifier.Anchor(Long.parseLong(p[1]), p[2])).findFirst();
                    ChainVerdict v = ChainVerifier.verify(s, node, anchor);
                    out.println(v.describe());
                    if (v instanceof ChainVerdict.Intact i) {
                        out.println("  anchor for a later verify: --anchor " + node + ":" + i.lastSeq() + ":" + i.lastHash());
                    }
                    allIntact &= v.intact();
                }
                if (nodes.isEmpty()) {
                    out.println("no records yet");
                }
                out.flush();
                return allIntact ? 0 : 1;
            }
        }
    }

}
