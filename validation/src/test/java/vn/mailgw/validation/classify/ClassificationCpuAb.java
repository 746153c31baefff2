package vn.mailgw.validation.classify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vn.mailgw.validation.signature.TrustedAgencySigner;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.SignOptions;

/**
 * Benchmark helper (not a test): the thread CPU of classifying the benchmark's signed 20-page text PDF with two
 * versions of the classifier in one JVM, called in turns (A B, B A, ...), so both sides see the same machine state.
 * Each side has a class loader of its own (its own copy of PDFBox too), so one side's JIT profile cannot help the
 * other. Wall time against validation, the judged measure, is {@code run.sh}; this isolates the classifier's change.
 *
 * <pre>bench/classification/ab-cpu.sh [base-commit] [calls per round]</pre>
 *
 * Arguments: classes of side A, classes of side B, the class path both share, calls per round, rounds.
 */
public final class ClassificationCpuAb {

    private ClassificationCpuAb() {}

    public static void main(String[] args) throws Exception {
        byte[] document;
        try (TrustedAgencySigner pki = new TrustedAgencySigner()) {
            ClassificationCorpusGenerator.Document one = ClassificationCorpusGenerator.document(
                    ClassificationCorpusGenerator.specs().stream().filter(s -> s.expected() == DocumentType.KE_HOACH)
                            .findFirst().orElseThrow());
            document = DocumentSigner.signPdf(ClassificationBenchmark.pages(one, 20), pki.agency(),
                    SignOptions.at(pki.createdAt().minusSeconds(60)));
        }
        int calls = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        Side a = new Side(args[0], args[2], document);
        Side b = new Side(args[1], args[2], document);
        if (!a.classify().equals(b.classify())) {
            throw new IllegalStateException("the two sides classify differently:\n" + a.classify() + "\n" + b.classify());
        }
        for (int i = 0; i < 3000; i++) { // warm-up: both sides compiled before timing
            a.classify();
            b.classify();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long[][] cpu = new long[2][calls];
            for (int i = 0; i < calls; i++) {
                for (int k = 0; k < 2; k++) {
                    int side = i % 2 == 0 ? k : 1 - k;
                    long start = threads.getCurrentThreadCpuTime();
                    (side == 0 ? a : b).classify();
                    cpu[side][i] = threads.getCurrentThreadCpuTime() - start;
                }
            }
            Arrays.sort(cpu[0]);
            Arrays.sort(cpu[1]);
            double medianA = cpu[0][calls / 2] / 1e6;
            double medianB = cpu[1][calls / 2] / 1e6;
            System.out.printf(Locale.ROOT, "round %d: A %.3f ms, B %.3f ms, B/A %.3f (thread CPU, median of %d)%n", round,
                    medianA, medianB, medianB / medianA, calls);
        }
    }

    /** One version of the classifier, loaded from its own class path. */
    private static final class Side {
        private final Object classifier;
        private final Object input;
        private final Method classify;

        Side(String classes, String shared, byte[] document) throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : (classes + ":" + shared).split(":")) {
                if (!entry.isEmpty()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            String pkg = "vn.mailgw.validation.classify.";
            Class<?> config = loader.loadClass(pkg + "ClassifierConfig");
            Class<?> ocr = loader.loadClass(pkg + "OcrEngine");
            Class<?> categories = loader.loadClass(pkg + "ProfileCategories");
            Class<?> classifierClass = loader.loadClass(pkg + "DocumentClassifier");
            Class<?> inputClass = loader.loadClass(pkg + "ClassificationInput");
            classifier = classifierClass.getConstructor(config, ocr, categories, String.class).newInstance(
                    config.getField("DEFAULT").get(null), loader.loadClass(pkg + "TesseractOcr").getConstructor().newInstance(),
                    categories.getMethod("bundled").invoke(null), "daknong-2012");
            input = inputClass.getConstructor(byte[].class, String.class, String.class).newInstance(document, "", "");
            classify = classifierClass.getMethod("classify", inputClass);
        }

        String classify() throws Exception {
            return String.valueOf(classify.invoke(classifier, input));
        }
    }
}
