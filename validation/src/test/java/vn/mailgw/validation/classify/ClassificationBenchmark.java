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

/**
 * Benchmark harness (not a test): classification time per document next to plain DSS validation time of
 * the same signed document. Documents: a 1-page text PDF, a 20-page text PDF and a 1-page scan (OCRed
 * by Tesseract), each signed PAdES-B with a throw-away key so DSS has a signature to validate (offline:
 * no revocation fetching, the same for every document).
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
        List<Row> rows = List.of(new Row("text PDF, 1 page", signer.sign(onePage), iterations, true),
                new Row("text PDF, 20 pages", signer.sign(twentyPages), iterations, true),
                new Row("scan + OCR, 1 page", signer.sign(scan), Math.max(3, iterations / 5), false));
        for (Row row : rows) {
            Classification check = classifier.classify(new ClassificationInput(row.signed(), "", ""));
            if (check.type() != DocumentType.KE_HOACH) {
                throw new IllegalStateException("benchmark document misclassified: " + check);
            }
        }
        // Warm both sides up on every document before any timing, so neither is measured while the JIT still
        // compiles what the other one already warmed (the first row used to pay for DSS's warm-up).
        for (Row row : rows) {
            for (int i = 0; i < Math.max(2, row.iterations()); i++) {
                classifier.classify(new ClassificationInput(row.signed(), "", ""));
                validate(row.signed());
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %6s %12s %16s %8s  %s%n", "document", "pages", "classify ms",
                "DSS validate ms", "ratio", "goal < " + GOAL + " (text PDFs)");
        for (Row row : rows) {
            double[] medians = alternatingMedians(row.iterations(),
                    () -> classifier.classify(new ClassificationInput(row.signed(), "", "")), () -> validate(row.signed()));
            double ratio = medians[0] / medians[1];
            String verdict = !row.goalApplies() ? "(no goal: OCR)" : ratio < GOAL ? "met" : "NOT MET";
            System.out.printf(Locale.ROOT, "%-22s %6d %12.2f %16.2f %8.3f  %s%n", row.name(), pageCount(row.signed()),
                    medians[0], medians[1], ratio, verdict);
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
     * Medians of {@code a} and {@code b} timed in turns (a, b, a, b, ...): a burst of load on the shared
     * machine then hits both sides of the ratio instead of one.
     */
    private static double[] alternatingMedians(int n, Supplier<?> a, Supplier<?> b) {
        double[] timesA = new double[n];
        double[] timesB = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            a.get();
            timesA[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            b.get();
            timesB[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(timesA);
        Arrays.sort(timesB);
        return new double[] {timesA[n / 2], timesB[n / 2]};
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
