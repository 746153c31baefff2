package vn.mailgw.validation.signature;

import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessInputStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import vn.mailgw.validation.filetype.PdfContentBudget;
import vn.mailgw.validation.filetype.PdfFilterChain;

/**
 * Judges the appearance of a signature widget added (or given an appearance) after a signed revision:
 * the sneaky-signature and evil-annotation attacks put a later signature's appearance over what the
 * signed pages show. Two rules, both coarse on purpose (no rendering):
 * <ul>
 *   <li>the widget rectangle must not overlap the text glyphs or images the page's content stream
 *       draws at the signed revision, nor another visible annotation of that page;</li>
 *   <li>the appearance stream, its /BBox transformed by its /Matrix, must fit the rectangle's size:
 *       viewers that do not scale it into the rectangle as the specification says would paint it
 *       wherever its coordinates point, e.g. over the whole page.</li>
 * </ul>
 * Only called when a later revision adds a widget, so ordinary documents never pay for the page parse.
 */
final class LaterSignatureAppearance {

    /** Points of slack for rounding in writers (PDFBox, DSS, iText write sizes with decimals). */
    private static final double TOLERANCE = 1.0;
    /** Annotation flag bit 2: Hidden. A hidden widget shows nothing, on screen or on paper. */
    private static final int HIDDEN = 1 << 1;

    private LaterSignatureAppearance() {}

    /**
     * @param widget     the later signature widget (merged field/widget or a kid widget)
     * @param pageBefore the page it sits on, as the signed revision had it
     * @param where      object numbers for the change description
     */
    static List<Change> judge(COSDictionary widget, COSDictionary pageBefore, String where) throws IOException {
        if ((widget.getInt(COSName.F, 0) & HIDDEN) != 0) {
            return List.of();
        }
        Optional<Rectangle2D> rect = rectangle(widget.getCOSArray(COSName.RECT));
        List<Change> changes = new ArrayList<>();
        for (COSStream appearance : normalAppearances(widget)) {
            outsideField(appearance, rect).ifPresent(d -> changes.add(new Change(
                    Change.Kind.SIGNATURE_APPEARANCE_OUTSIDE_FIELD, "later signature widget: " + d + " (" + where + ")")));
        }
        if (rect.isPresent() && area(rect.get()) > TOLERANCE) {
            overlap(widget, rect.get(), pageBefore).ifPresent(d -> changes.add(new Change(
                    Change.Kind.SIGNATURE_APPEARANCE_OVERLAP, "later signature widget " + format(rect.get())
                    + " covers " + d + " (" + where + ")")));
        }
        return changes;
    }

    /** The /BBox under the /Matrix must have the size of /Rect (an empty appearance draws nothing: fine anywhere). */
    private static Optional<String> outsideField(COSStream appearance, Optional<Rectangle2D> rect) throws IOException {
        if (isEmpty(appearance)) {
            return Optional.empty();
        }
        Optional<Rectangle2D> bbox = rectangle(appearance.getCOSArray(COSName.BBOX));
        if (bbox.isEmpty()) {
            return Optional.of("appearance stream without a usable /BBox");
        }
        COSArray m = appearance.getCOSArray(COSName.MATRIX);
        Matrix matrix = m != null && m.size() == 6 ? Matrix.createMatrix(m) : new Matrix();
        Rectangle2D transformed = matrix.createAffineTransform().createTransformedShape(bbox.get()).getBounds2D();
        Rectangle2D field = rect.orElse(new Rectangle2D.Double());
        if (Math.abs(transformed.getWidth() - field.getWidth()) > TOLERANCE
                || Math.abs(transformed.getHeight() - field.getHeight()) > TOLERANCE) {
            return Optional.of("appearance /BBox x /Matrix " + format(transformed) + " does not fit its /Rect "
                    + format(field));
        }
        return Optional.empty();
    }

    private static Optional<String> overlap(COSDictionary widget, Rectangle2D rect, COSDictionary pageBefore)
            throws IOException {
        for (COSBase item : annotations(pageBefore)) {
            COSBase resolved = item instanceof COSObject o ? o.getObject() : item;
            if (!(resolved instanceof COSDictionary other) || other == widget
                    || (widget.getKey() != null && widget.getKey().equals(other.getKey()))
                    || (other.getInt(COSName.F, 0) & HIDDEN) != 0) {
                continue;
            }
            Optional<Rectangle2D> otherRect = rectangle(other.getCOSArray(COSName.RECT));
            if (otherRect.isPresent() && overlapArea(rect, otherRect.get()) > TOLERANCE) {
                COSName subtype = other.getCOSName(COSName.SUBTYPE);
                return Optional.of("the " + (subtype == null ? "" : subtype.getName() + " ") + "annotation at "
                        + format(otherRect.get()));
            }
        }
        PDPage page = new PDPage(pageBefore);
        // PDFBox decodes the content, forms and fonts it meets whole: measured first, as the classifier does.
        PdfContentBudget budget = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES);
        budget.charge(page);
        budget.chargeAllFonts(page.getResources());
        ContentBounds content = new ContentBounds(page, rect);
        try {
            content.processPage(page);
        } catch (ContentBounds.Stop walkEnded) {
            // an overlap was found, or the walk ran past its operator limit (then that is the finding: fail closed)
        }
        return content.hit;
    }

    private static List<COSBase> annotations(COSDictionary page) {
        COSBase annots = page.getDictionaryObject(COSName.ANNOTS);
        List<COSBase> items = new ArrayList<>();
        if (annots instanceof COSArray array) {
            array.forEach(items::add);
        }
        return items;
    }

    private static List<COSStream> normalAppearances(COSDictionary widget) {
        COSDictionary ap = widget.getCOSDictionary(COSName.AP);
        if (ap == null) {
            return List.of();
        }
        COSBase normal = ap.getDictionaryObject(COSName.N);
        if (normal instanceof COSStream stream) {
            return List.of(stream);
        }
        List<COSStream> states = new ArrayList<>();
        if (normal instanceof COSDictionary byState) {
            for (COSName state : byState.keySet()) {
                if (byState.getDictionaryObject(state) instanceof COSStream stream) {
                    states.add(stream);
                }
            }
        }
        return states;
    }

    /** Whitespace only. Decoded within a limit (PDFBox decodes a stream whole): past it, not empty. */
    private static boolean isEmpty(COSStream stream) throws IOException {
        List<COSName> filters = PdfFilterChain.names(stream.getFilters());
        try (InputStream raw = stream.createRawInputStream();
             InputStream decoded = filters.isEmpty() ? raw
                     : new RandomAccessInputStream(PdfFilterChain.decode(raw, filters, stream, EMPTY_CHECK_LIMIT))) {
            int b;
            while ((b = decoded.read()) != -1) {
                if (!Character.isWhitespace(b)) {
                    return false;
                }
            }
            return true;
        } catch (PdfFilterChain.TooLarge e) {
            return false;
        }
    }

    /** More decoded appearance than this is not looked through for a non-blank byte: taken as drawing something. */
    private static final long EMPTY_CHECK_LIMIT = 1024 * 1024;

    private static Optional<Rectangle2D> rectangle(COSArray array) {
        if (array == null || array.size() != 4) {
            return Optional.empty();
        }
        PDRectangle r = new PDRectangle(array); // normalises the corners
        if (!Float.isFinite(r.getWidth()) || !Float.isFinite(r.getHeight())) {
            return Optional.empty();
        }
        return Optional.of(new Rectangle2D.Double(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(), r.getHeight()));
    }

    private static double area(Rectangle2D r) {
        return Math.max(0, r.getWidth()) * Math.max(0, r.getHeight());
    }

    private static double overlapArea(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    private static String format(Rectangle2D r) {
        return String.format(java.util.Locale.ROOT, "[%.0f %.0f %.0f %.0f]", r.getMinX(), r.getMinY(), r.getMaxX(),
                r.getMaxY());
    }

    /**
     * Walks the page's content (and the forms it draws) and notes the first text glyph or image whose
     * box overlaps the target rectangle. Paths are ignored: a white background or a table rule under a
     * signature box is normal, and what a later signature must not hide is the text and pictures.
     */
    private static final class ContentBounds extends PDFGraphicsStreamEngine {
        /**
         * Operators and glyphs walked at most (forms are walked again each time they are drawn, so a few kB can ask
         * for billions; a detailed real page has a few hundred thousand). Past it the content counts as covered.
         */
        static final long MAX_STEPS = 8_000_000;

        /** Ends the walk: the answer is known. Unchecked, so that no operator's error handling takes it. */
        static final class Stop extends RuntimeException {
            Stop() {
                super(null, null, false, false);
            }
        }

        private final Rectangle2D target;
        private final GeneralPath path = new GeneralPath();
        private Optional<String> hit = Optional.empty();
        private long steps;

        ContentBounds(PDPage page, Rectangle2D target) {
            super(page);
            this.target = target;
            // An inline image's place is the current matrix; PDFBox's own BI operator would decode its data first,
            // whole (PDInlineImage), however far it inflates.
            addOperator(new OperatorProcessor(this) {
                @Override
                public void process(Operator operator, List<COSBase> operands) {
                    imageAt();
                }

                @Override
                public String getName() {
                    return OperatorName.BEGIN_INLINE_IMAGE;
                }
            });
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            step();
            super.processOperator(operator, operands);
        }

        /** Counts a step; stops the walk once the answer is known or the steps run out. */
        private void step() {
            if (hit.isPresent()) {
                throw new Stop();
            }
            if (++steps > MAX_STEPS) {
                hit = Optional.of("content that could not be checked (the page draws more than " + MAX_STEPS
                        + " operators and glyphs, forms included)");
                throw new Stop();
            }
        }

        @Override
        protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) {
            step();
            // Glyph box in text space: advance width by roughly one em (descender to ascender).
            double width = Math.max(displacement.getX(), 0.3);
            Rectangle2D glyph = new Rectangle2D.Double(0, -0.2, width, 1.0);
            Rectangle2D box = textRenderingMatrix.createAffineTransform().createTransformedShape(glyph).getBounds2D();
            if (overlapArea(target, box) > 0) {
                hit = Optional.of("text drawn by the page at " + format(box));
            }
        }

        @Override
        public void drawImage(PDImage pdImage) {
            imageAt();
        }

        /** An image fills the unit square under the current transformation matrix. */
        private void imageAt() {
            if (hit.isPresent()) {
                return;
            }
            Rectangle2D unit = new Rectangle2D.Double(0, 0, 1, 1);
            Rectangle2D box = getGraphicsState().getCurrentTransformationMatrix().createAffineTransform()
                    .createTransformedShape(unit).getBounds2D();
            if (overlapArea(target, box) > TOLERANCE) {
                hit = Optional.of("an image drawn by the page at " + format(box));
            }
        }

        // Path construction is tracked only because the engine asks for the current point.
        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            path.moveTo(p0.getX(), p0.getY());
        }

        @Override
        public void moveTo(float x, float y) {
            path.moveTo(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            path.moveTo(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.moveTo(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            Point2D p = path.getCurrentPoint();
            return p == null ? new Point2D.Float() : p;
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
            path.reset();
        }

        @Override
        public void strokePath() {
            path.reset();
        }

        @Override
        public void fillPath(int windingRule) {
            path.reset();
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            path.reset();
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}
