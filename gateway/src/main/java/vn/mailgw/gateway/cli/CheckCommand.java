package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import vn.mailgw.trust.anchors.TrustConfig;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustStore;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.ReportFormatter;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * {@code check FILE [--trust DIR] [--p7s SIG] [--offline]}: validates the signatures of one file
 * and prints the per-signature table in Vietnamese and English. Exit code 0 when every signature
 * is valid, 1 when not (invalid, indeterminate, unsigned, unreadable), 2 on a usage error.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Kiểm tra chữ ký số của một tệp / Check the digital signatures of a file."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "PDF (PAdES), signed .docx/.xlsx/.pptx, .asice/.asics, .p7m, .odt/.ods, the file a .p7s signs, or a saved message (.eml: see check-message)")
    Path file;

    @Option(names = "--trust", paramLabel = "DIR", description = "trust folder (default: ${DEFAULT-VALUE})")
    Path trust = TrustConfig.DEFAULT_FOLDER;

    @Option(names = "--p7s", paramLabel = "SIG", description = "detached CAdES signature of FILE")
    Path p7s;

    @Option(names = "--offline", description = "no OCSP/CRL requests: only revocation data inside the file")
    boolean offline;

    @Option(names = "--at", paramLabel = "INSTANT", description = "validation time, ISO-8601 (default: now)")
    Instant at;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("Không tìm thấy tệp / File not found: " + file);
            return 2;
        }
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml")) {
            // A saved message: the full offline verdict as the gateway would stamp it (issue 4 point 8).
            // check-message has the options to authenticate the sender; without them it fails closed.
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(file.toString()));
            if (Files.isDirectory(trust)) {
                args.addAll(java.util.List.of("--trust-folder", trust.toString()));
            }
            picocli.CommandLine message = new picocli.CommandLine(new CheckMessageCommand());
            message.setOut(out);
            message.setErr(err);
            return message.execute(args.toArray(String[]::new));
        }
        if (!Files.isDirectory(trust)) {
            err.println("Không tìm thấy thư mục tin cậy / Trust folder not found: " + trust + " (use --trust DIR)");
            return 2;
        }
        TrustSnapshot snapshot = TrustStore.open(TrustConfig.forFolder(trust), Clock.systemUTC()).current();
        snapshot.problems().forEach(p -> err.println("Cảnh báo kho tin cậy / Trust store warning: " + p));
        ValidationConfig config = offline ? ValidationConfig.offline() : ValidationConfig.DEFAULT;
        SignatureValidator validator = new SignatureValidator(config);
        byte[] content = Files.readAllBytes(file);
        Instant time = at != null ? at : Instant.now();
        String name = file.getFileName().toString();
        DocumentValidationReport report = p7s == null
                ? validator.validateFile(content, name, snapshot, time)
                : validator.validateDetached(content, name, Files.readAllBytes(p7s), snapshot, time);
        out.print(ReportFormatter.format(report));
        out.flush();
        return report.isValid() ? 0 : 1;
    }
}
