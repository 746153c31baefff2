package vn.mailgw.validation.classify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

import vn.mailgw.validation.filetype.PdfLoader;
import vn.mailgw.validation.filetype.PdfStructureStreams;
import vn.mailgw.validation.signature.TrustedAgencySigner;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.SignOptions;

/**
 * Measurement (not a test): the part of one classification that is the libraries' work alone, next to the classifier
 * and to production validation of the same signed PDF, timed in the turns the judged benchmark uses. Issue 5's goal is
 * classification under a tenth of validation; this prints how much of that tenth the steps below already take.
 *
 * <p>The floor is what any classifier reading the document with PDFBox must do, and nothing of ours beyond calling it:
 * <ol>
 *   <li>the structure check on the raw bytes ({@link PdfStructureStreams#tooLarge}: hostile input must not be loaded
 *   unchecked; ours, but a few per cent of the floor);</li>
 *   <li>PDFBox loading the file ({@link PdfLoader}: its parser, cross-references, catalog, the object stream holding
 *   the page tree and fonts) and finding the pages the classifier reads ({@link PdfPages}: page 1 and the last);</li>
 *   <li>fontbox parsing the ToUnicode CMap of each font those pages use, once per font (no text without it);</li>
 *   <li>PDFBox's content-stream engine tokenising those pages' content with no operator registered: no text state,
 *   no glyph, no position.</li>
 * </ol>
 * What the classifier adds on top: glyph decoding and placement, lines, the widths, the analysis of the text.
 *
 * <pre>bench/classification/floor.sh [turns] [seconds per step]</pre>
 */
final class ClassificationFloor {

    private ClassificationFloor() {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        try (TrustedAgencySigner pki = new TrustedAgencySigner()) {
            ClassificationCorpusGenerator.Document one = ClassificationBenchmark.plan();
            SignOptions signing = SignOptions.at(pki.createdAt().minusSeconds(60));
            byte[] onePage = DocumentSigner.signPdf(
                    ClassificationCorpusGenerator.pdfbox(one, ClassificationCorpusGenerator.Encoding.UNICODE), pki.agency(), signing);
            byte[] twentyPages = DocumentSigner.signPdf(ClassificationBenchmark.pages(one, 20), pki.agency(), signing);
            DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE,
                    ProfileCategories.bundled(), "daknong-2012");
            ClassificationBenchmark.Engine production = ClassificationBenchmark.Engine.production(pki.trust());
            System.out.printf(Locale.ROOT, "%s, %d CPUs, load average %s%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            measure("text PDF, 1 page", onePage, classifier, production, turns, seconds);
            measure("text PDF, 20 pages", twentyPages, classifier, production, turns, seconds);
        }
    }

    private static void measure(String name, byte[] pdf, DocumentClassifier classifier,
                                ClassificationBenchmark.Engine production, int turns, double seconds) {
        if (classifier.classify(new ClassificationInput(pdf, "", "")).type() != DocumentType.KE_HOACH) {
            throw new IllegalStateException("benchmark document misclassified");
        }
        production.requireValidAndTrusted(pdf);
        if (floor(pdf) == 0) {
            throw new IllegalStateException("the floor read no font: not the benchmark's document");
        }
        Supplier<?> classify = () -> classifier.classify(new ClassificationInput(pdf, "", ""));
        Supplier<?> validate = () -> production.requireValidAndTrusted(pdf);
        System.out.printf(Locale.ROOT, "%n%s (%d bytes): thread CPU per call, median of %.0f s back to back after as"
                + " long a warm-up%n", name, pdf.length, seconds);
        double check = cpu(seconds, () -> PdfStructureStreams.tooLarge(pdf, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES));
        double load = cpu(seconds, () -> withPages(pdf, 0));
        double cmaps = cpu(seconds, () -> withPages(pdf, 1));
        double tokens = cpu(seconds, () -> withPages(pdf, 2));
        double whole = cpu(seconds, () -> floor(pdf));
        double ours = cpu(seconds, classify);
        System.out.printf(Locale.ROOT, "  structure check                 %6.3f ms%n", check);
        System.out.printf(Locale.ROOT, "  load + page tree                %6.3f ms%n", load);
        System.out.printf(Locale.ROOT, "  + ToUnicode CMaps (fontbox)     %6.3f ms (the CMaps %.3f)%n", cmaps, cmaps - load);
        System.out.printf(Locale.ROOT, "  + content tokens (PDFBox)       %6.3f ms (the tokens %.3f)%n", tokens, tokens - cmaps);
        System.out.printf(Locale.ROOT, "  floor, all four                 %6.3f ms%n", whole);
        System.out.printf(Locale.ROOT, "  classifier (DocumentClassifier) %6.3f ms: the floor is %.0f %% of it%n", ours,
                100 * whole / ours);
        // The judged benchmark times classification right after a production validation; so are both here.
        Supplier<?> floor = () -> floor(pdf);
        ClassificationBenchmark.alternatingMedians(Math.max(20, turns / 5), validate, floor, validate, classify);
        double[] wall = ClassificationBenchmark.alternatingMedians(turns, validate, floor, validate, classify);
        double validation = (wall[0] + wall[2]) / 2;
        System.out.printf(Locale.ROOT, "  in turns (%d, wall medians, each right after a production validation):"
                + " production %.2f ms, floor %.2f ms = %.3f of it, classifier %.2f ms = %.3f of it (goal < %.1f)%n",
                turns, validation, wall[1], wall[1] / validation, wall[3], wall[3] / validation, ClassificationBenchmark.GOAL);
        System.out.printf(Locale.ROOT, "RESULT %s: floor/production %.3f, classifier/production %.3f, load average %s%n",
                name, wall[1] / validation, wall[3] / validation, loadAverage());
    }

    /** All four steps of the floor; returns how many fonts' CMaps it read. */
    private static int floor(byte[] pdf) {
        PdfStructureStreams.tooLarge(pdf, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES);
        return withPages(pdf, 2);
    }

    /**
     * Loads the document and gets the pages the classifier reads; with {@code depth} ≥ 1 parses each of their fonts'
     * ToUnicode CMaps once, with 2 also tokenises their content. Returns the number of CMaps parsed.
     */
    private static int withPages(byte[] pdf, int depth) {
        try (PDDocument document = PdfLoader.load(pdf)) {
            PdfPages read = PdfPages.toRead(document.getNumberOfPages(), ClassifierConfig.DEFAULT.maxPages());
            Set<COSDictionary> fonts = Collections.newSetFromMap(new IdentityHashMap<>());
            int cmaps = 0;
            for (int number : read.pageNumbers()) {
                PDPage page = document.getPage(number - 1);
                if (depth >= 1) {
                    cmaps += toUnicodeMaps(page.getResources(), fonts);
                }
                if (depth >= 2) {
                    new ContentTokens().processPage(page);
                }
            }
            return cmaps;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int toUnicodeMaps(PDResources resources, Set<COSDictionary> seen) throws java.io.IOException {
        COSDictionary fonts = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
        int parsed = 0;
        for (COSName key : fonts == null ? Set.<COSName>of() : fonts.keySet()) {
            COSDictionary font = fonts.getCOSDictionary(key);
            if (font != null && seen.add(font) && font.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream map) {
                try (RandomAccessRead input = map.createView()) {
                    CMap cmap = new CMapParser().parse(input); // what PDFont reads a ToUnicode stream with
                    parsed += cmap.hasUnicodeMappings() ? 1 : 0;
                }
            }
        }
        return parsed;
    }

    /** PDFBox's content engine with no operator: it parses every token and calls nothing. */
    private static final class ContentTokens extends PDFStreamEngine {}

    /** Median thread CPU per call, in ms, over {@code seconds} of calls after as long a warm-up. */
    private static double cpu(double seconds, Supplier<?> work) {
        for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end; ) {
            work.get();
        }
        double[] times = new double[1 << 16];
        int n = 0;
        for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end && n < times.length; n++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.get();
            times[n] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(times, 0, n);
        return times[n / 2];
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(
                    java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
