package vn.mailgw.gateway.cli;

import io.vertx.core.Vertx;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.service.GatewayService;
import vn.mailgw.gateway.verdict.VerdictServices;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * {@code mailgw demo}: starts the demo province (CA with CRLs, DNS with SPF/DMARC, registry), runs the gateway on
 * the default configuration (SMTP 127.0.0.1:2525, Maildir under ./data) and replays the sample messages, printing
 * for each the SMTP reply and the stamped verdict. The samples are also written to data/demo/ for check-message.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Chạy thử với tỉnh mẫu / run the gateway with the demo province and replay the sample messages.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "configuration override, e.g. smtp.port=2526")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--keep-running", description = "keep the gateway running after the replay (Ctrl-C to stop)")
    boolean keepRunning;

    @Spec
    CommandSpec spec;

    /**
     * The gateway on the demo province: its DNS resolver, registry and trust snapshot, the default signature engine,
     * and {@code overrides} (configuration keys) on top. The demo uses it; so do end-to-end tests.
     */
    public static GatewayService startOn(DemoProvince province, Vertx vertx, List<String> overrides) throws Exception {
        List<String> all = new ArrayList<>(overrides);
        all.add(0, "verdict.resolver=" + province.dnsResolver());
        GatewayConfig config = new GatewayConfigLoader().load(Optional.empty(), all);
        VerdictServices services = VerdictServices.create(config.verdict(), province::registry, province::trust,
                new SignatureValidator(ValidationConfig.DEFAULT), Clock.systemUTC());
        return GatewayService.start(vertx, config, Optional.of(services)).await(60, TimeUnit.SECONDS);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DemoProvince province = DemoProvince.start(Instant.now())) {
            Vertx vertx = Vertx.vertx();
            GatewayService gateway = startOn(province, vertx, overrides);
            GatewayConfig config = gateway.config();
            try {
                Path samplesDir = Files.createDirectories(config.dataDir().resolve("demo"));
                Path maildir = config.delivery().maildir();
                out.printf("Cổng chạy tại / gateway on %s:%d, thư giao vào / delivered to %s%n", config.smtp().host(),
                        gateway.smtpPort(), maildir.toAbsolutePath());
                out.printf("%-22s %-5s %-22s %s%n", "MẪU / SAMPLE", "SMTP", "KẾT LUẬN / VERDICT", "LÝ DO / REASONS");
                int mismatches = 0;
                for (SampleMessage sample : province.messages()) {
                    Files.write(samplesDir.resolve(sample.name() + ".eml"), sample.eml());
                    Files.writeString(samplesDir.resolve(sample.name() + ".mailfrom"), sample.mailFrom() + "\n");
                    SampleSender.Reply reply = new SampleSender(config.smtp().host(), gateway.smtpPort()).send(sample);
                    String[] stamped = stampOf(maildir, sample.name());
                    boolean ok = reply.code() == sample.expectedReply() && stamped[0].equals(sample.expectedVerdict());
                    mismatches += ok ? 0 : 1;
                    out.printf("%-22s %-5d %-22s %s%s%n", sample.name(), reply.code(),
                            stamped[0].isEmpty() ? "(từ chối / refused)" : stamped[0],
                            stamped[1].isEmpty() ? firstLine(reply.text()) : stamped[1], ok ? "" : "   <-- KHÁC MONG ĐỢI / UNEXPECTED");
                    out.printf("    %s%n", sample.description());
                }
                Path trust = province.writeTrustFolder(samplesDir.resolve("trust"));
                out.printf("Mẫu .eml / samples written to %s (try: mailgw check-message --trust-folder %s %s/01-hop-le.eml)%n",
                        samplesDir, trust, samplesDir);
                out.flush();
                if (keepRunning) {
                    out.println("Đang chạy, Ctrl-C để dừng / running, Ctrl-C to stop");
                    out.flush();
                    new CountDownLatch(1).await();
                }
                return mismatches == 0 ? 0 : 1;
            } finally {
                gateway.stop().await(30, TimeUnit.SECONDS);
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /** {verdict, reasons} of the delivered copy of a sample, or {"", ""} when none was delivered. */
    static String[] stampOf(Path maildir, String name) throws Exception {
        String id = "<" + name + ".demo@daknong.gov.vn>";
        if (!Files.isDirectory(maildir)) {
            return new String[] {"", ""};
        }
        try (Stream<Path> files = Files.walk(maildir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("new")).toList()) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(Files.readAllBytes(f)));
                if (id.equals(m.getMessageID()) && m.getHeader("X-Mailgw-Verdict") != null) {
                    String verdict = m.getHeader("X-Mailgw-Verdict")[0].split(";")[0].strip();
                    List<String> reasons = new ArrayList<>();
                    for (String doc : m.getHeader("X-Mailgw-Document")) {
                        String unfolded = doc.replaceAll("\\s+", " ");
                        int at = unfolded.indexOf("reasons=");
                        if (at >= 0) {
                            reasons.add(unfolded.substring(at + 8).strip());
                        }
                    }
                    return new String[] {verdict, String.join(" | ", reasons)};
                }
            }
        }
        return new String[] {"", ""};
    }
}
