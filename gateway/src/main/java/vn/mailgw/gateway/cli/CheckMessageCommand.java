package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.SecretDocumentRefusal;
import vn.mailgw.gateway.config.FreemailConfig;
import vn.mailgw.gateway.config.VerdictConfig;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.stamp.StampHeaders;
import vn.mailgw.gateway.verdict.MessageCheck;
import vn.mailgw.gateway.verdict.VerdictServices;
import vn.mailgw.validation.classify.SecrecyFinding;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.Reason;
import vn.mailgw.validation.verdict.Verdict;

/**
 * {@code mailgw check-message FILE.eml}: the full verdict for a saved message, offline, as the gateway would stamp
 * it (headers, banner, each document's verdict and type, reasons with articles). Exit 0 = every document paper-equivalent, 1 = not, 2 = error.
 */
@Command(name = "check-message", mixinStandardHelpOptions = true,
        description = "Kiểm tra một thư đã lưu (.eml) như cổng sẽ đóng dấu / check a saved message as the gateway would stamp it.")
public final class CheckMessageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.eml")
    Path file;

    @Option(names = "--profile", description = "regulation profile (default ${DEFAULT-VALUE})")
    String profile = VerdictConfig.DEFAULTS.profile();

    @Option(names = "--registry", description = "agency registry YAML (default: the demo province's)")
    Path registry;

    @Option(names = "--trust-folder", description = "folder of trusted CA certificates (default: none = no CA trusted)")
    Path trustFolder;

    @Option(names = "--client-ip", description = "authenticate the sender as if the message came from this IP")
    String clientIp;

    @Option(names = "--mail-from", description = "envelope sender to assume (default: the header From)")
    String mailFrom = "";

    @Option(names = "--resolver", description = "DNS resolver host:port for SPF/DKIM/DMARC (with --client-ip)")
    String resolver = VerdictConfig.DEFAULTS.resolver();

    @Option(names = {"-o", "--output"}, description = "write the stamped message to this file")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("Không tìm thấy tệp / file not found: " + file);
            return 2;
        }
        VerdictConfig d = VerdictConfig.DEFAULTS;
        VerdictConfig config = new VerdictConfig(true, profile, registry == null ? "" : registry.toString(),
                trustFolder == null ? "" : trustFolder.toString(), resolver, d.dnsTimeout(), d.trustedRelays(),
                d.authServId(), d.attachReport(), d.timeZone(), false, d.notifyFrom(), d.dnsCacheMaxTtl(),
                d.dnsCacheMaxEntries());
        VerdictServices services = VerdictServices.fromConfig(config, Clock.systemUTC());
        MessageCheck.Result r = new MessageCheck(services, FreemailPolicy.fromConfig(FreemailConfig.DEFAULTS))
                .check(Files.readAllBytes(file), clientIp == null ? Optional.empty()
                        : Optional.of(InetAddress.getByName(clientIp)), mailFrom);
        out.println(StampHeaders.fold("Authentication-Results", r.authentication().headerValue()));
        out.println(StampHeaders.fold(StampHeaders.VERDICT, StampHeaders.verdictValue(r.verdict(), "offline-check",
                "offline-check")));
        List<DocumentVerdict> docs = r.verdict().documents();
        for (int i = 0; i < docs.size(); i++) {
            out.println(StampHeaders.fold(StampHeaders.DOCUMENT, StampHeaders.documentValue(i + 1, docs.get(i),
                    r.documentType(i))));
        }
        out.println();
        for (Reason reason : r.verdict().senderFindings()) {
            out.println("! " + reason.code() + " [" + reason.article() + "] " + reason.vietnamese() + " / " + reason.english());
        }
        boolean refused = false;
        for (AttachmentClassification c : r.classifications()) {
            if (c.classification().secrecy() instanceof SecrecyFinding.Marked marked) {
                // The gateway refuses such a message before delivery; say so rather than only print a verdict.
                out.println("! " + SecretDocumentRefusal.reply(marked.level()).lines().get(0) + " (" + c.fileName() + ")");
                refused = true;
            }
        }
        for (int i = 0; i < docs.size(); i++) {
            DocumentVerdict doc = docs.get(i);
            out.println(doc.fileName() + ": " + doc.verdict() + " - " + doc.verdict().vietnamese()
                    + r.documentType(i).map(t -> " - loại văn bản / document type: " + t).orElse(""));
            for (Reason reason : doc.reasons()) {
                out.println("    " + reason.code() + " [" + reason.article() + "] " + reason.vietnamese() + " / "
                        + reason.english());
            }
        }
        if (output != null) {
            Files.write(output, r.stamped());
            out.println("Thư đã đóng dấu / stamped message: " + output);
        }
        out.flush();
        return r.verdict().verdict() == Verdict.PAPER_EQUIVALENT && !refused ? 0 : 1;
    }

}
