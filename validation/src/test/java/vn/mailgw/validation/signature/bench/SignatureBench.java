package vn.mailgw.validation.signature.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

/**
 * Benchmark harness (not a test): validations per second of signed PDFs of about 100 kB, 1 MB and
 * 10 MB, for this engine, plain DSS default validation, the floor (SHA-256 of the byte ranges plus
 * BouncyCastle's CMS check) and poppler's pdfsig. See bench/signatures/README.md for the command.
 *
 * <pre>
 * generate DIR                                    writes DIR/{100k,1m,10m}.pdf and DIR/root.der
 * run DIR MODE SIZE THREADS WARMUP_S MEASURE_S    prints: MODE SIZE THREADS first_ms ops_per_s ms_per_op
 * </pre>
 * MODE is ours, dss, floor or pdfsig. first_ms is the first validation in this (fresh) JVM.
 */
public final class SignatureBench {

    private SignatureBench() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]));
            return;
        }
        Path dir = Path.of(args[1]);
        String mode = args[2];
        String size = args[3];
        int threads = Integer.parseInt(args[4]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[5]));
        Duration measure = Duration.ofSeconds(Long.parseLong(args[6]));
        byte[] pdf = Files.readAllBytes(dir.resolve(size + ".pdf"));
        X509Certificate root = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(dir.resolve("root.der"))));
        Validation validation = switch (mode) {
            case "ours" -> ours(root);
            case "dss" -> dssDefault(root);
            case "floor" -> SignatureBench::floor;
            case "pdfsig" -> bytes -> pdfsig(dir.resolve(size + ".pdf"));
            default -> throw new IllegalArgumentException(mode);
        };
        long start = System.nanoTime();
        validation.run(pdf);
        double firstMs = (System.nanoTime() - start) / 1e6;
        runFor(validation, pdf, threads, warmup);
        double opsPerSecond = runFor(validation, pdf, threads, measure);
        System.out.printf("%s %s %d %.1f %.2f %.2f%n", mode, size, threads, firstMs, opsPerSecond,
                1000.0 * threads / opsPerSecond);
    }

    interface Validation {
        void run(byte[] pdf) throws Exception;
    }

    private static Validation ours(X509Certificate root) {
        // The per-document time budget is not what is measured here: on a loaded machine it would cut runs short.
        SignatureValidator validator = new SignatureValidator(ValidationConfig.offline().withDocumentBudget(
                Duration.ofMinutes(10), ValidationConfig.DEFAULT_MAX_DOCUMENT_BYTES, ValidationConfig.DEFAULT_MAX_PDF_OBJECTS,
                ValidationConfig.DEFAULT_MAX_PAGES));
        TrustSnapshot trust = TrustSnapshot.of("bench", List.of(TrustedCertificate.of(root, AnchorFamily.TEST, "root", true)),
                Instant.now());
        return pdf -> {
            DocumentValidationReport report = validator.validate(pdf, "bench.pdf", trust, Instant.now());
            if (report.signatures().isEmpty() || !report.signatures().get(0).integrityIntact()) {
                throw new IllegalStateException("unexpected: " + report);
            }
        };
    }

    /** What DSS's documentation shows: fromDocument, a CommonCertificateVerifier with the trusted root, validateDocument(). */
    private static Validation dssDefault(X509Certificate root) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        return pdf -> {
            CommonCertificateVerifier verifier = new CommonCertificateVerifier();
            verifier.setTrustedCertSources(trusted);
            verifier.setAIASource(null); // offline, like ours: no network in either
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
            validator.setCertificateVerifier(verifier);
            Reports reports = validator.validateDocument();
            if (reports.getSimpleReport().getSignaturesCount() == 0) {
                throw new IllegalStateException("no signature");
            }
        };
    }

    /** The floor: SHA-256 over the /ByteRange and the CMS signature check, nothing else. */
    static void floor(byte[] pdf) throws Exception {
        String text = new String(pdf, pdf.length - Math.min(pdf.length, 64 * 1024), Math.min(pdf.length, 64 * 1024),
                StandardCharsets.ISO_8859_1);
        int br = text.lastIndexOf("/ByteRange");
        String[] nums = text.substring(text.indexOf('[', br) + 1, text.indexOf(']', br)).trim().split("\\s+");
        int a = Integer.parseInt(nums[0]);
        int b = Integer.parseInt(nums[1]);
        int c = Integer.parseInt(nums[2]);
        int d = Integer.parseInt(nums[3]);
        ByteArrayOutputStream signed = new ByteArrayOutputStream(b + d);
        signed.write(pdf, a, b);
        signed.write(pdf, c, d);
        String hex = new String(pdf, a + b + 1, c - (a + b) - 2, StandardCharsets.ISO_8859_1);
        byte[] contents = java.util.HexFormat.of().parseHex(hex);
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed.toByteArray()), contents);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID()).iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
            throw new IllegalStateException("floor: signature does not verify");
        }
    }

    private static void pdfsig(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 && !new String(out, StandardCharsets.UTF_8).contains("Signature")) {
            throw new IllegalStateException("pdfsig failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /**
     * Validations per second: every thread validates until the window closes, and the operations it
     * completed are divided by the time until the last one finished (a slow operation that overruns the
     * window is counted with the time it took, so coarse windows do not round large files down).
     */
    private static double runFor(Validation validation, byte[] pdf, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    validation.run(pdf);
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return count.get() / seconds;
    }

    private static void generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        Instant now = Instant.now();
        CertificateAuthority root = CertificateAuthority.root(VnSubject.ca("DEMO Bench Root", "DEMO"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))),
                CertificateAuthority.seededRandom("bench"));
        IssuedCertificate signer = root.issue(VnSubject.agency("Sở Tài chính", "Ủy ban nhân dân tỉnh Demo", "Demo",
                "stc@demo.gov.vn", "0100000001", "1000001"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))));
        Files.write(dir.resolve("root.der"), root.certificate().certificate().getEncoded());
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("Điều " + i + ". Nội dung quy định về quản lý, sử dụng hệ thống thư điện tử công vụ của tỉnh.");
        }
        int[][] targets = {{100_000, 0}, {1_000_000, 1}, {10_000_000, 2}};
        String[] names = {"100k", "1m", "10m"};
        for (int k = 0; k < targets.length; k++) {
            byte[] unsigned = SamplePdfWriter.write("QUYẾT ĐỊNH Số: 12/2026/QĐ-UBND", lines, 4,
                    (int) (targets[k][0] * 0.97));
            byte[] signed = DocumentSigner.signPdf(unsigned, signer, SignOptions.at(now));
            Files.write(dir.resolve(names[k] + ".pdf"), signed);
            System.out.println(names[k] + ".pdf " + signed.length + " bytes");
        }
    }
}
