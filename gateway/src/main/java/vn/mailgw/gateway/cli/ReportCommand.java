package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.audit.AgencyStatistics;
import vn.mailgw.gateway.audit.AuditStore;

/** {@code mailgw report quarterly|yearly}: per-agency statistics (tuyenquang-2013 Art 13). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Báo cáo thống kê theo cơ quan / per-agency statistics (tuyenquang-2013 Art 13).",
        subcommands = {ReportCommand.Quarterly.class, ReportCommand.Yearly.class})
public final class ReportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "quarterly", mixinStandardHelpOptions = true, description = "One table per quarter of a year.")
    static final class Quarterly implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AuditStoreOptions store;
        @Option(names = "--year", description = "the year (default: this year)")
        Integer year;
        @Option(names = "--quarter", description = "only this quarter (1-4)")
        Integer quarter;

        @Override
        public Integer call() {
            int y = year == null ? Year.now(AuditFilterOptions.VIETNAM).getValue() : year;
            if (quarter != null && (quarter < 1 || quarter > 4)) {
                spec.commandLine().getErr().println("--quarter must be 1..4");
                return 2;
            }
            try (AuditStore s = store.open()) {
                for (int q = 1; q <= 4; q++) {
                    if (quarter == null || quarter == q) {
                        LocalDate start = LocalDate.of(y, (q - 1) * 3 + 1, 1);
                        print(spec.commandLine().getOut(), "Quý " + q + "/" + y + " (quarter " + q + ")", s,
                                start, start.plusMonths(3));
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "yearly", mixinStandardHelpOptions = true, description = "One table for a whole year.")
    static final class Yearly implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AuditStoreOptions store;
        @Option(names = "--year", description = "the year (default: this year)")
        Integer year;

        @Override
        public Integer call() {
            int y = year == null ? Year.now(AuditFilterOptions.VIETNAM).getValue() : year;
            try (AuditStore s = store.open()) {
                print(spec.commandLine().getOut(), "Năm " + y + " (year)", s, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
                return 0;
            }
        }
    }

    static void print(PrintWriter out, String title, AuditStore s, LocalDate from, LocalDate toExclusive) {
        Instant start = from.atStartOfDay(AuditFilterOptions.VIETNAM).toInstant();
        Instant end = toExclusive.atStartOfDay(AuditFilterOptions.VIETNAM).toInstant();
        List<AgencyStatistics> stats = s.statistics(start, end);
        out.println("== " + title + " ==");
        out.printf("%-36s %8s %10s %8s %6s %9s %10s %10s %6s%n", "Cơ quan / agency", "thư/msgs", "đã chuyển",
                "từ chối", "lỗi", "tài liệu", "tđ giấy", "không tđ", "khác");
        for (AgencyStatistics a : stats) {
            out.printf("%-36s %8d %10d %8d %6d %9d %10d %10d %6d%n",
                    a.agency() == null || a.agency().isEmpty() ? "(không thuộc cơ quan nào)" : a.agency(),
                    a.messages(), a.delivered(), a.refused(), a.failed(), a.documents(), a.paperEquivalent(),
                    a.notPaperEquivalent(), a.otherDocuments());
        }
        if (stats.isEmpty()) {
            out.println("(không có thư / no messages)");
        }
        out.flush();
    }
}
