package vn.mailgw.validation.classify;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * Benchmark harness (not a test): classification time per document next to two validation times of the
 * same signed document: plain DSS ({@code SignedDocumentValidator}, the reference) and the
 * product's own engine ({@link SignatureValidator}, what the gateway really runs, with the gateway's
 * default trust: an empty trust folder). Documents: a 1-page text PDF, a 20-page text PDF and a 1-page
 * scan (OCRed by Tesseract), each signed PAdES-B with a throw-away key so there is a signature to validate
 * (offline: no revocation fetching, the same for every document).
 *
 * <pre>bench/classification/run.sh [iterations]</pre>
 */
public final class ClassificationBenchmark {

    private ClassificationBenchmark() {}

    /** The goal: classifying a text PDF costs under a tenth of validating it. */
    static final double GOAL = 0.1;

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Signer signer = new Signer();
        ClassificationCorpusGenerator.Spec spec = ClassificationCorpusGenerator.specs().stream()
                .filter(s -> s.expected() == DocumentType.KE_HOACH).findFirst().orElseThrow();
        ClassificationCorpusGenerator.Document one = ClassificationCorpusGenerator.document(spec);
        byte[] onePage = ClassificationCorpusGenerator.pdfbox(one, ClassificationCorpusGenerator.Encoding.UNICODE);
        byte[] twentyPages = pages(one, 20);
        byte[] scan = ClassificationCorpusGenerator.scan(onePage);

        DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, new TesseractOcr(),
                ProfileCategories.bundled(), "daknong-2012");
        OurEngine ours = new OurEngine();
        List<Row> rows = List.of(new Row("text PDF, 1 page", signer.sign(onePage), iterations, true),
                new Row("text PDF, 20 pages", signer.sign(twentyPages), iterations, true),
                new Row("scan + OCR, 1 page", signer.sign(scan), Math.max(3, iterations / 5), false));
        for (Row row : rows) {
            Classification check = classifier.classify(new ClassificationInput(row.signed(), "", ""));
            if (check.type() != DocumentType.KE_HOACH) {
                throw new IllegalStateException("benchmark document misclassified: " + check);
            }
            ours.validate(row.signed());
            validate(row.signed());
        }
        // Warm every side up on every document before any timing, so none is measured while the JIT still
        // compiles (the first row used to pay for DSS's warm-up). Each side runs for the same wall time per
        // text document, at least the timed iteration count: a 1 ms classification needs thousands of calls
        // to reach compiled code, a 20 ms validation far fewer.
        for (Row row : rows) {
            warmUp(row, () -> classifier.classify(new ClassificationInput(row.signed(), "", "")));
            warmUp(row, () -> validate(row.signed()));
            warmUp(row, () -> ours.validate(row.signed()));
        }
        System.out.printf(Locale.ROOT, "%-20s %5s %11s | %9s %7s %8s | %9s %7s %8s%n", "document", "pages", "classify ms",
                "DSS ms", "ratio", "< " + GOAL, "ours ms", "ratio", "< " + GOAL);
        for (Row row : rows) {
            double[] medians = alternatingMedians(row.iterations(),
                    () -> classifier.classify(new ClassificationInput(row.signed(), "", "")),
                    () -> validate(row.signed()), () -> ours.validate(row.signed()));
            double dss = medians[0] / medians[1];
            double engine = medians[0] / medians[2];
            System.out.printf(Locale.ROOT, "%-20s %5d %11.2f | %9.2f %7.3f %8s | %9.2f %7.3f %8s%n", row.name(),
                    pageCount(row.signed()), medians[0], medians[1], dss, verdict(row, dss), medians[2], engine,
                    verdict(row, engine));
        }
        System.out.println("ratio = classify / validate (medians, wall time, timed in turns); goal: text PDFs < " + GOAL
                + "; DSS = plain DSS 6.4 offline, ours = SignatureValidator offline, empty trust (gateway default)");
    }

    private static String verdict(Row row, double ratio) {
        return !row.goalApplies() ? "(OCR)" : ratio < GOAL ? "met" : "NOT MET";
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

    /** No AIA, OCSP or CRL fetching: the gateway runs DSS offline in tests too (STYLE.md rule 25). */
    private static final CommonCertificateVerifier OFFLINE = offline();

    private static CommonCertificateVerifier offline() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        return verifier;
    }

    /**
     * The product's signature engine as the gateway builds it: offline (as DSS above), default budgets,
     * warmed up; the trust is the gateway's default (no trust folder: an empty snapshot, every chain untrusted).
     */
    private static final class OurEngine {
        private final SignatureValidator validator = new SignatureValidator(ValidationConfig.offline());
        private final TrustSnapshot trust = TrustSnapshot.empty(Instant.now());

        OurEngine() {
            validator.warmUp();
        }

        DocumentValidationReport validate(byte[] signed) {
            DocumentValidationReport report = validator.validate(signed, "benchmark.pdf", trust, Instant.now());
            if (report.signatures().size() != 1 || !report.signatures().get(0).integrityIntact()) {
                throw new IllegalStateException("our engine found no intact signature: " + report);
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
    private static double[] alternatingMedians(int n, Supplier<?>... sides) {
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

    private static byte[] pages(ClassificationCorpusGenerator.Document base, int wanted) throws Exception {
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

    /** PAdES-B signing with a self-signed RSA key: DSS computes what to sign, the JDK signs it. */
    static final class Signer {
        private final KeyPair keys;
        private final CertificateToken certificate;
        private final PAdESService service = new PAdESService(new CommonCertificateVerifier());

        Signer() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Benchmark signer, O=So Noi vu, C=VN");
            Date from = new Date(System.currentTimeMillis() - 86_400_000L);
            Date to = new Date(System.currentTimeMillis() + 365L * 86_400_000L);
            X509Certificate x509 = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.ONE, from, to, name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            certificate = new CertificateToken(x509);
        }

        byte[] sign(byte[] pdf) throws Exception {
            PAdESSignatureParameters parameters = new PAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(certificate);
            parameters.setCertificateChain(List.of(certificate));
            DSSDocument document = new InMemoryDocument(pdf);
            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(toBeSigned.getBytes());
            SignatureValue value = new SignatureValue(SignatureAlgorithm.RSA_SHA256, signature.sign());
            DSSDocument signed = service.signDocument(document, parameters, value);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            signed.writeTo(out);
            return out.toByteArray();
        }
    }
}
