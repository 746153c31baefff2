package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import vn.mailgw.trust.anchors.AnchorListing;
import vn.mailgw.trust.anchors.AnchorListingFormatter;
import vn.mailgw.trust.anchors.TrustConfig;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustStore;

/** {@code trust list [--dir DIR]}: lists the trust folder's certificates with fingerprints, validity, family and warnings. */
@Command(name = "trust", mixinStandardHelpOptions = true, subcommands = TrustCommand.ListCommand.class,
        description = {"Kho chứng thư tin cậy / Trust store."})
public final class TrustCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Exit code 0 without warnings, 1 with warnings (expired or soon-expiring anchors, unreadable files), 2 on error. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Liệt kê chứng thư tin cậy / List trusted certificates."})
    public static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", description = "trust folder (default: ${DEFAULT-VALUE})")
        Path dir = TrustConfig.DEFAULT_FOLDER;

        @Option(names = "--warn-days", paramLabel = "DAYS", description = "warn about anchors expiring within DAYS (default: ${DEFAULT-VALUE})")
        long warnDays = TrustConfig.DEFAULT_EXPIRY_WARNING.toDays();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(dir)) {
                spec.commandLine().getErr().println("Không tìm thấy thư mục / Folder not found: " + dir);
                return 2;
            }
            TrustSnapshot snapshot = TrustStore.open(TrustConfig.forFolder(dir), Clock.systemUTC()).current();
            List<AnchorListing.Line> lines = AnchorListing.list(snapshot, Instant.now(), Duration.ofDays(warnDays));
            out.print(AnchorListingFormatter.format(snapshot, lines));
            out.flush();
            return AnchorListing.warnings(snapshot, lines).isEmpty() ? 0 : 1;
        }
    }
}
