package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.classify.SecretDocumentRefusal;
import vn.mailgw.gateway.config.ConfigException;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
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
 * it (headers, banner, each document's verdict and type, reasons with articles). With {@code --config} the deployment's
 * own file decides the profile, registry, trust, classification and attachment limit. Exit 0 = every document paper-equivalent, 1 = not, 2 = error.
 */
@Command(name = "check-message", mixinStandardHelpOptions = true,
        description = "Kiểm tra một thư đã lưu (.eml) như cổng sẽ đóng dấu / check a saved message as the gateway would stamp it.")
public final class CheckMessageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.eml")
    Path file;

    /** The deployment's file: its profile, registry, trust folder, resolver, classification, attachment limit. */
    @Mixin
    ConfigFileOptions configuration;

    @Option(names = "--profile", description = "regulation profile (default: verdict.profile, daknong-2012)")
    String profile;

    @Option(names = "--registry", description = "agency registry YAML (default: verdict.registryFile, else the demo province's)")
    Path registry;

    @Option(names = "--trust-folder",
            description = "folder of trusted CA certificates (default: verdict.trustFolder, else none = no CA trusted)")
    Path trustFolder;

    @Option(names = "--client-ip", description = "authenticate the sender as if the message came from this IP")
    String clientIp;

    @Option(names = "--mail-from", description = "envelope sender to assume (default: the header From)")
    String mailFrom = "";

    @Option(names = "--resolver", description = "DNS resolver host:port for SPF/DKIM/DMARC, with --client-ip "
            + "(default: verdict.resolver)")
    String resolver;

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
        GatewayConfig config;
        VerdictServices services;
        try {
            config = configuration.load(new GatewayConfigLoader(), explicitOptions());
            // The same readers as the pipeline (Pipelines.standard): one attachment limit for classification and
            // signatures, the classification by the verdict's profile unless classify.profile names another.
            services = VerdictServices.fromConfig(config.verdict(), config.validation().withoutWarmUp(),
                    Clock.systemUTC());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("mailgw: bad configuration: " + e.getMessage());
            return 2;
        }
        MessageCheck.Result r = new MessageCheck(services, FreemailPolicy.fromConfig(config.freemail()),
                ClassifyDocuments.create(config.classify().withProfileOr(config.verdict().profile())),
                config.classify().attachmentReader())
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

    /**
     * The explicit options win over the file and {@code --set}: they are appended as overrides of their keys, so
     * the loader checks them like any other value (a bad profile names the option's key).
     */
    private List<String> explicitOptions() {
        List<String> all = new ArrayList<>();
        if (profile != null) {
            all.add("verdict.profile=" + profile);
        }
        if (registry != null) {
            all.add("verdict.registryFile=" + registry);
        }
        if (trustFolder != null) {
            all.add("verdict.trustFolder=" + trustFolder);
        }
        if (resolver != null) {
            all.add("verdict.resolver=" + resolver);
        }
        return all;
    }
}
