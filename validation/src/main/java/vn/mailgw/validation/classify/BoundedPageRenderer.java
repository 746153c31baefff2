package vn.mailgw.validation.classify;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * PDFBox's renderer with a CPU budget per page. What a page costs to render grows with what its content does, not
 * with its size: a few kB of compressed content can fill the page a million times, or draw a form that draws inline
 * images ten thousand times, and PDFBox's renderer has no limit of its own (a worker thread would be held for hours,
 * long after the message's deadline answered the client). {@link PdfRenderBudget} bounds what one image may cost;
 * this bounds the whole: the drawing stops with {@link TooCostly} once the rendering thread has used {@code budget}
 * of CPU. It is checked between operators and between glyphs, so one operator's work (an image decoded, a path
 * filled) is bounded by the render budget's pixel limits instead.
 */
final class BoundedPageRenderer extends PDFRenderer {

    /** The page took more CPU to draw than its budget; unchecked so that no operator's error handling takes it. */
    static final class TooCostly extends RuntimeException {
        TooCostly(Duration budget) {
            super("drawing the page took more than " + budget.toMillis() + " ms of CPU", null, false, false);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The CPU clock is a system call: read it every so many operators and glyphs (a few microseconds of work). */
    private static final int CHECK_EVERY = 64;

    private final Duration budget;

    BoundedPageRenderer(PDDocument document, Duration budget) {
        super(document);
        this.budget = budget;
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new BoundedPageDrawer(parameters, budget);
    }

    private static final class BoundedPageDrawer extends PageDrawer {

        private final Duration budget;
        private final long deadline;
        private int sinceCheck;

        BoundedPageDrawer(PageDrawerParameters parameters, Duration budget) throws IOException {
            super(parameters);
            setAnnotationFilter(annotation -> false); // the page itself is read; appearances are not measured
            this.budget = budget;
            this.deadline = cpuNanos() + budget.toNanos();
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            check();
            super.processOperator(operator, operands);
        }

        @Override
        protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
                throws IOException {
            check();
            super.showGlyph(textRenderingMatrix, font, code, displacement);
        }

        private void check() {
            if (++sinceCheck >= CHECK_EVERY) {
                sinceCheck = 0;
                if (cpuNanos() > deadline) {
                    throw new TooCostly(budget);
                }
            }
        }

        /** This thread's CPU time; wall time where the JVM cannot tell (then a busy machine may cut a render short). */
        private static long cpuNanos() {
            return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        }
    }
}
