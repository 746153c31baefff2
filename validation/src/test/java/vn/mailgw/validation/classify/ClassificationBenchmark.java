package vn.mailgw.validation.classify;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.SignatureOutcome;
import vn.mailgw.validation.signature.SignatureResult;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.TrustedAgencySigner;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.SignOptions;

/**
 * Benchmark harness (not a test): classification time per document next to three validation times of the
 * same signed document. Documents: a 1-page text PDF, a 20-page text PDF and a 1-page scan (OCRed by
 * Tesseract), each signed PAdES-B by an agency certificate of the demo PKI (leaf, agency CA, government root).
 * <ul>
 *   <li><b>production</b> (the reference the goal is judged on): the product's {@link SignatureValidator}
 *   set up as the gateway sets it up by default ({@code ValidationConfig.DEFAULT}, which is what
 *   {@code ValidationSection.DEFAULTS.toEngineConfig()} gives: online OCSP/CRL behind the shared
 *   {@code CachingRevocationSource}, 5 min for OCSP answers, 1 h for CRLs), warmed up, with a trust
 *   snapshot holding the root; the leaf's OCSP responder and the CRLs are served on 127.0.0.1. The chain
 *   is trusted and the revocation status is checked, so every document must come out VALID;</li>
 *   <li><b>untrusted</b>: the same engine offline with an empty trust snapshot (the gateway without a trust
 *   folder): DSS stops at the untrusted chain and never checks revocation;</li>
 *   <li><b>DSS</b>: plain DSS 6.4 {@code SignedDocumentValidator}, offline (the first reference).</li>
 * </ul>
 *
 * <pre>bench/classification/run.sh [iterations]</pre>
 */
public final class ClassificationBenchmark {

    private ClassificationBenchmark() {}

    /** The goal: classifying a text PDF costs under a tenth of validating it. */
    static final double GOAL = 0.1;

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (TrustedAgencySigner pki = new TrustedAgencySigner()) {
            run(iterations, pki);
        }
    }

    private static void run(int iterations, TrustedAgencySigner pki) throws Exception {
        ClassificationCorpusGenerator.Document one = plan();
        byte[] onePage = ClassificationCorpusGenerator.pdfbox(one, ClassificationCorpusGenerator.Encoding.UNICODE);
        byte[] twentyPages = pages(one, 20);
        byte[] scan = ClassificationCorpusGenerator.scan(onePage);

        DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, new TesseractOcr(),
                ProfileCategories.bundled(), "daknong-2012");
        Engine production = Engine.production(pki.trust());
        Engine untrusted = Engine.untrusted();
        SignOptions signing = SignOptions.at(pki.createdAt().minusSeconds(60));
        List<Row> rows = List.of(
                new Row("text PDF, 1 page", DocumentSigner.signPdf(onePage, pki.agency(), signing), iterations, true),
                new Row("text PDF, 20 pages", DocumentSigner.signPdf(twentyPages, pki.agency(), signing), iterations, true),
                new Row("scan + OCR, 1 page", DocumentSigner.signPdf(scan, pki.agency(), signing),
                        Math.max(3, iterations / 5), false));
        // Before any timing, each side must give the answer production would show, so no side can be timed on
        // an early exit: the type, VALID with a trusted chain and a known revocation status, and the untrusted
        // references must still see an intact signature.
        for (Row row : rows) {
            Classification check = classifier.classify(new ClassificationInput(row.signed(), "", ""));
            if (check.type() != DocumentType.KE_HOACH) {
                throw new IllegalStateException("benchmark document misclassified: " + check);
            }
            production.requireValidAndTrusted(row.signed());
            untrusted.validate(row.signed());
            validate(row.signed());
        }
        // Warm every side up on every document before any timing, so none is measured while the JIT still
        // compiles (the first row used to pay for DSS's warm-up). Each side runs for the same wall time per
        // text document, at least the timed iteration count: a 1 ms classification needs thousands of calls
        // to reach compiled code, a 20 ms validation far fewer.
        for (Row row : rows) {
            warmUp(row, () -> classifier.classify(new ClassificationInput(row.signed(), "", "")));
            warmUp(row, () -> validate(row.signed()));
            warmUp(row, () -> untrusted.validate(row.signed()));
            warmUp(row, () -> production.requireValidAndTrusted(row.signed()));
        }
        int ocspBefore = pki.ocspRequests();
        System.out.printf(Locale.ROOT, "%-20s %5s %8s | %7s %6s | %9s %6s | %10s %6s %8s%n", "document", "pages",
                "classify", "DSS", "ratio", "untrusted", "ratio", "production", "ratio", "< " + GOAL);
        for (Row row : rows) {
            double[] wall = alternatingMedians(row.iterations(),
                    () -> classifier.classify(new ClassificationInput(row.signed(), "", "")),
                    () -> validate(row.signed()), () -> untrusted.validate(row.signed()),
                    () -> production.requireValidAndTrusted(row.signed()));
            double goalRatio = wall[0] / wall[3];
            System.out.printf(Locale.ROOT, "%-20s %5d %8.2f | %7.2f %6.3f | %9.2f %6.3f | %10.2f %6.3f %8s%n",
                    row.name(), pageCount(row.signed()), wall[0], wall[1], wall[0] / wall[1], wall[2], wall[0] / wall[2],
                    wall[3], goalRatio, !row.goalApplies() ? "(OCR)" : goalRatio < GOAL ? "met" : "NOT MET");
        }
        System.out.println("ms = median wall time per document, the four sides timed in turns; ratio = classify / that"
                + " validation; goal (text PDFs): classify / production < " + GOAL);
        System.out.println();
        System.out.printf(Locale.ROOT, "CPU ms of the whole JVM per document (mean over %.1f s of back-to-back calls per side,"
                + " every thread)%n", CPU_WINDOW_NANOS / 1e9);
        System.out.printf(Locale.ROOT, "%-20s %8s | %7s %6s | %9s %6s | %10s %6s%n", "document", "classify", "DSS", "ratio",
                "untrusted", "ratio", "production", "ratio");
        for (Row row : rows) {
            if (!row.goalApplies()) {
                continue; // OCR: no goal, and a window would hold a single call
            }
            double classify = processCpuPerCall(() -> classifier.classify(new ClassificationInput(row.signed(), "", "")));
            double dss = processCpuPerCall(() -> validate(row.signed()));
            double offline = processCpuPerCall(() -> untrusted.validate(row.signed()));
            double online = processCpuPerCall(() -> production.requireValidAndTrusted(row.signed()));
            System.out.printf(Locale.ROOT, "%-20s %8.2f | %7.2f %6.3f | %9.2f %6.3f | %10.2f %6.3f%n", row.name(), classify,
                    dss, classify / dss, offline, classify / offline, online, classify / online);
        }
        System.out.println();
        System.out.println("DSS = plain DSS 6.4 offline; untrusted = SignatureValidator offline, empty trust snapshot;"
                + " production = SignatureValidator with the gateway's default config, trusted root, OCSP/CRL on"
                + " 127.0.0.1 behind the product's revocation cache (OCSP requests answered before the timed runs: "
                + ocspBefore + ", during them: " + (pki.ocspRequests() - ocspBefore) + ")");
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** How long each side runs back to back for its CPU figure: the process CPU clock ticks in 10 ms steps here. */
    private static final long CPU_WINDOW_NANOS = 1_500_000_000L;

    /**
     * CPU time of the whole process per call of {@code work}, in ms: the mean over a window of back-to-back calls,
     * every thread counted (our engine validates on a worker thread of its own; GC threads count for whoever
     * allocated). Another process's load does not add to it, which is why it is printed next to wall time.
     */
    private static double processCpuPerCall(Supplier<?> work) {
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        int calls = 0;
        do {
            work.get();
            calls++;
        } while (System.nanoTime() - start < CPU_WINDOW_NANOS);
        return (OS.getProcessCpuTime() - cpuStart) / 1e6 / calls;
    }

    /** Wall time each side is warmed up per text document (the OCR row: its iteration count only). */
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private static void warmUp(Row row, Supplier<?> work) {
        long end = System.nanoTime() + (row.goalApplies() ? WARM_UP_NANOS : 0);
        for (int i = 0; i < Math.max(2, row.iterations()) || System.nanoTime() < end; i++) {
            work.get();
        }
    }

    /** One benchmark document, signed, and how often it is timed. */
    private record Row(String name, byte[] signed, int iterations, boolean goalApplies) {}

    /** No AIA, OCSP or CRL fetching, no trusted certificate: plain DSS as a library user runs it offline. */
    private static final CommonCertificateVerifier OFFLINE = offline();

    private static CommonCertificateVerifier offline() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        return verifier;
    }

    /** The product's signature engine, one instance per process as the gateway keeps it, warmed up. */
    record Engine(SignatureValidator validator, TrustSnapshot trust) {

        /** As {@code VerdictServices.fromConfig} builds it with the default {@code validation} section and a trust folder. */
        static Engine production(TrustSnapshot trust) {
            return warm(new Engine(new SignatureValidator(ValidationConfig.DEFAULT), trust));
        }

        /** Offline, and no trust folder: an empty snapshot, every chain untrusted. */
        static Engine untrusted() {
            return warm(new Engine(new SignatureValidator(ValidationConfig.offline()), TrustSnapshot.empty(Instant.now())));
        }

        private static Engine warm(Engine engine) {
            engine.validator().warmUp();
            return engine;
        }

        DocumentValidationReport validate(byte[] signed) {
            DocumentValidationReport report = validator.validate(signed, "benchmark.pdf", trust, Instant.now());
            if (report.signatures().size() != 1 || !report.signatures().get(0).integrityIntact()) {
                throw new IllegalStateException("our engine found no intact signature: " + report);
            }
            return report;
        }

        /** VALID means intact, chain trusted, certificate valid and revocation status known and good. */
        DocumentValidationReport requireValidAndTrusted(byte[] signed) {
            DocumentValidationReport report = validate(signed);
            SignatureResult signature = report.signatures().get(0);
            if (report.outcome() != SignatureOutcome.VALID || signature.issuer().family().isEmpty()) {
                throw new IllegalStateException("production reference is not VALID with a trusted chain: "
                        + signature.outcome() + " " + signature.reasons());
            }
            return report;
        }
    }

    private static Reports validate(byte[] signed) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed));
        validator.setCertificateVerifier(OFFLINE);
        Reports reports = validator.validateDocument();
        if (reports.getSimpleReport().getSignaturesCount() != 1) {
            throw new IllegalStateException("DSS found no signature");
        }
        return reports;
    }

    /**
     * Medians of each side timed in turns (a, b, c, a, b, c, ...): a burst of load on the shared machine then
     * hits every side of the ratios instead of one.
     */
    @SafeVarargs
    static double[] alternatingMedians(int n, Supplier<?>... sides) {
        double[][] times = new double[sides.length][n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < sides.length; s++) {
                long start = System.nanoTime();
                sides[s].get();
                times[s][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[sides.length];
        for (int s = 0; s < sides.length; s++) {
            Arrays.sort(times[s]);
            medians[s] = times[s][n / 2];
        }
        return medians;
    }

    /** The benchmark's document: the corpus generator's plan (Kế hoạch), written at 1 page or grown to more. */
    static ClassificationCorpusGenerator.Document plan() {
        ClassificationCorpusGenerator.Spec spec = ClassificationCorpusGenerator.specs().stream()
                .filter(s -> s.expected() == DocumentType.KE_HOACH).findFirst().orElseThrow();
        return ClassificationCorpusGenerator.document(spec);
    }

    static byte[] pages(ClassificationCorpusGenerator.Document base, int wanted) throws Exception {
        List<String> body = new ArrayList<>();
        byte[] pdf;
        do {
            body.addAll(base.body());
            ClassificationCorpusGenerator.Document d = new ClassificationCorpusGenerator.Document(base.leftHeader(),
                    base.rightHeader(), base.marksTop(), base.marks(), base.title(), base.summary(), body, base.copyBlock());
            pdf = ClassificationCorpusGenerator.pdfbox(d, ClassificationCorpusGenerator.Encoding.UNICODE);
        } while (pageCount(pdf) < wanted);
        return pdf;
    }

    private static int pageCount(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        }
    }
}
