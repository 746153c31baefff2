package vn.mailgw.validation.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.MissingOperandException;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetCharSpacing;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextHorizontalScaling;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.SetTextRise;
import org.apache.pdfbox.contentstream.operator.text.SetWordSpacing;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.PDTextState;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import vn.mailgw.validation.filetype.PdfBytes;
import vn.mailgw.validation.filetype.PdfContentBudget;

/**
 * The text of a PDF page as lines in reading position (top to bottom, left to right), and nothing more.
 *
 * <p>Why not {@code PDFTextStripper}: it builds a full {@code TextPosition} per glyph (glyph heights from
 * the font's bounding box, duplicate detection against every earlier glyph, paragraph and bead
 * analysis), which cost more than validating a signature. The classifier needs only the characters and
 * where they sit: PDFBox's {@link PDFStreamEngine} still interprets the content stream (fonts, text and
 * graphics matrices, form XObjects), and this class only registers the text and state operators and
 * keeps each glyph's Unicode text and position. Lines are then rebuilt by position, which is what made
 * the LibreOffice exports readable (they draw glyph runs out of reading order).
 *
 * <p>Fonts are read from their dictionaries ({@link DictionaryFont}: ToUnicode CMap and widths) instead of
 * being constructed by PDFBox, whose font constructors parse the embedded font programs; a font or a string
 * the dictionary cannot answer for is shown with PDFBox's full font, so the text is the same either way
 * ({@code PdfLineTextTest} compares both on every corpus PDF). One instance reads the pages of one document
 * (fonts are kept per font dictionary, so page 1 and the last page share them).
 */
final class PdfLineText extends PDFStreamEngine {

    /** One glyph: where it starts and ends on its baseline (in reading coordinates), its size and text. */
    private static final class Glyph {
        final int direction;
        final float x, y, end, size;
        String text;

        Glyph(int direction, float x, float y, float end, float size, String text) {
            this.direction = direction;
            this.x = x;
            this.y = y;
            this.end = end;
            this.size = size;
            this.text = text;
        }
    }

    /**
     * Drawing a document's text has limits of its own: a form XObject is read again each time it is drawn, so 1.4 kB
     * of PDF drawing a form of 20 text lines 10 000 times cost 5.8 s of CPU and kept ten million glyphs (a million
     * draws: tens of minutes, and out of memory), which no byte budget sees. Real pages are far below: a dense A4
     * page holds ~8 000 glyphs, a detailed map a few hundred thousand path operators.
     */
    static final long MAX_OPERATORS = 8_000_000;
    /** See {@link #MAX_OPERATORS}; glyphs are kept until the page is read (about 60 bytes each). */
    static final long MAX_GLYPHS = 500_000;

    /** The document took more drawing than {@link #MAX_OPERATORS} or {@link #MAX_GLYPHS}; unchecked, so it leaves PDFBox. */
    static final class TooMuchDrawing extends RuntimeException {
        TooMuchDrawing(String message) {
            super(message, null, false, false);
        }
    }

    /** Operators and glyphs of the document so far (one reader reads the pages of one document). */
    private long operators;
    private long glyphCount;

    /** Glyphs closer than this (in ems) on one line are one word; farther apart, a space is put between. */
    private static final float WORD_GAP_EM = 0.15f;
    /** Baselines closer than this (in ems) are one line (bold and regular runs of one header row). */
    private static final float SAME_LINE_EM = 0.4f;

    /** Without boxing a Float per comparison (the comparators run for every glyph of the pages read). */
    private static final Comparator<Glyph> BY_DIRECTION_THEN_TOP_DOWN = (p, q) -> p.direction != q.direction
            ? Integer.compare(p.direction, q.direction) : Float.compare(-p.y, -q.y);
    private static final Comparator<Glyph> LEFT_TO_RIGHT = (p, q) -> Float.compare(p.x, q.x);

    private final List<Glyph> glyphs = new ArrayList<>();
    /** Fonts met so far in this document, by font dictionary (PDFBox's full font when the dictionary is not enough). */
    private final Map<COSDictionary, PDFont> fonts = new IdentityHashMap<>();

    /** Reads fonts from their dictionaries where it can (the default). */
    /** What reading a font may decode, charged before PDFBox decodes it; null: not charged (tests). */
    private final PdfContentBudget fontBudget;

    PdfLineText() {
        this(true, null);
    }

    /** A reader whose fonts are charged to {@code budget} before they are read. */
    PdfLineText(PdfContentBudget budget) {
        this(true, budget);
    }

    /** @param dictionaryFonts false: every font is PDFBox's full font (the reference the tests compare with) */
    PdfLineText(boolean dictionaryFonts) {
        this(dictionaryFonts, null);
    }

    private PdfLineText(boolean dictionaryFonts, PdfContentBudget fontBudget) {
        this.fontBudget = fontBudget;
        addOperator(new BeginText(this));
        addOperator(new EndText(this));
        addOperator(dictionaryFonts ? new SetDictionaryFontAndSize() : new SetFontAndSize(this));
        addOperator(new MoveText(this));
        addOperator(new MoveTextSetLeading(this));
        addOperator(new NextLine(this));
        addOperator(new SetMatrix(this));
        addOperator(new SetCharSpacing(this));
        addOperator(new SetWordSpacing(this));
        addOperator(new SetTextLeading(this));
        addOperator(new SetTextRise(this));
        addOperator(new SetTextHorizontalScaling(this));
        addOperator(new ShowText(this));
        addOperator(new ShowTextAdjusted(this));
        addOperator(new ShowTextLine(this));
        addOperator(new ShowTextLineAndSpace(this));
        addOperator(new Concatenate(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new DrawObject(this)); // text inside form XObjects (stamps, headers)
    }

    /** The page's text, one line per text line. */
    String read(PDPage page) throws IOException {
        return read(page, null);
    }

    /**
     * The page's text, its content parsed from {@code inflatedContent} when given: the page's single Flate content
     * stream, already inflated ({@link PdfContentBudget#charge}), so it is not inflated a second time.
     */
    String read(PDPage page, PdfBytes inflatedContent) throws IOException {
        glyphs.clear();
        processPage(inflatedContent == null ? page : new InflatedPage(page, inflatedContent));
        return lines();
    }

    /** A page whose content stream is read from bytes already inflated; everything else is the page's own. */
    private static final class InflatedPage extends PDPage {
        private final PdfBytes content;

        InflatedPage(PDPage page, PdfBytes content) {
            super(page.getCOSObject());
            this.content = content;
        }

        @Override
        public RandomAccessRead getContentsForStreamParsing() {
            return content.fromStart(); // a reader of its own each time PDFBox asks
        }
    }

    /**
     * Every glyph of the page read last, as its direction, position, end, size and text ({@link Float#toString}
     * tells every float apart): tests compare two readings of a page glyph by glyph, exactly.
     */
    List<String> glyphGeometry() {
        List<String> geometry = new ArrayList<>(glyphs.size());
        for (Glyph g : glyphs) {
            geometry.add(g.direction + " " + g.x + " " + g.y + " " + g.end + " " + g.size + " " + g.text);
        }
        return geometry;
    }

    /**
     * A string a {@link DictionaryFont} cannot answer for in full is shown with PDFBox's full font, so
     * every glyph is decoded, measured and placed exactly as PDFBox would.
     */
    @Override
    protected void showText(byte[] string) throws IOException {
        PDTextState textState = getGraphicsState().getTextState();
        PDFont font = textState.getFont();
        if (!(font instanceof DictionaryFont)) {
            super.showText(string);
            return;
        }
        if (((DictionaryFont) font).canShow(string)) {
            showDictionaryText((DictionaryFont) font, string);
            return;
        }
        textState.setFont(((DictionaryFont) font).fullFont());
        try {
            super.showText(string);
        } finally {
            textState.setFont(font);
        }
    }

    /** Scratch space of {@link #showDictionaryText}: one string at a time, never kept. */
    private final float[] textParameters = new float[9];
    private final float[] parametersTimesText = new float[9];
    private final float[] rendering = new float[9];
    private final Matrix renderingMatrix = new Matrix();

    /**
     * {@code PDFStreamEngine.showText} for a {@link DictionaryFont} (horizontal, 1- or 2-byte codes): the same
     * steps and the same float operations in the same order, so every glyph lands where PDFBox puts it
     * ({@code PdfLineTextTest} compares the text with PDFBox's own fonts), but without the new text rendering
     * matrices (two per glyph), displacement vector and input stream PDFBox allocates for every glyph.
     *
     * <p>Within one string only the text matrix's translation (its row 2) moves from glyph to glyph, so only row 2 of
     * the text rendering matrix (text parameters × text matrix × CTM) is computed again per glyph, by PDFBox's
     * expression; rows 0-1, which give the direction, size and scale, are computed once, for the first glyph. Later
     * glyphs' rows 0-1 could differ from these only in the sign of a zero term (0 × the translation), which neither
     * the direction, the size nor the advance depends on.
     */
    private void showDictionaryText(DictionaryFont font, byte[] string) throws IOException {
        int codeLength = font.codeLength();
        if (string.length < codeLength) {
            return; // no glyph: PDFBox computes nothing either
        }
        PDGraphicsState state = getGraphicsState();
        PDTextState textState = state.getTextState();
        float fontSize = textState.getFontSize();
        float horizontalScaling = textState.getHorizontalScaling() / 100f;
        float charSpacing = textState.getCharacterSpacing();
        // The text state parameters in matrix form, laid out as PDFBox's Matrix(a, b, c, d, e, f) holds them.
        float[] parameters = textParameters;
        Arrays.fill(parameters, 0);
        parameters[0] = fontSize * horizontalScaling;
        parameters[4] = fontSize;
        parameters[7] = textState.getRise();
        parameters[8] = 1;
        Matrix textMatrix = state.getTextMatrix();
        Matrix ctm = state.getCurrentTransformationMatrix();
        multiply(parameters, textMatrix, parametersTimesText);
        multiply(parametersTimesText, ctm, rendering);
        for (int k = 0; k < 9; k++) {
            renderingMatrix.setValue(k / 3, k % 3, rendering[k]);
        }
        GlyphFrame frame = GlyphFrame.of(renderingMatrix);
        for (int i = 0; i + codeLength <= string.length; i += codeLength) {
            int code = codeLength == 2 ? ((string[i] & 0xFF) << 8) | (string[i + 1] & 0xFF) : string[i] & 0xFF;
            float wordSpacing = 0;
            if (codeLength == 1 && code == 32) {
                wordSpacing += textState.getWordSpacing();
            }
            if (i > 0) {
                multiplyRowTwo(parameters, textMatrix, parametersTimesText);
                multiplyRowTwo(parametersTimesText, ctm, rendering);
            }
            float advance = font.getWidth(code) / 1000; // PDFont.getDisplacement's x
            keep(font, code, frame, rendering[6], rendering[7], advance);
            textMatrix.translate((advance * fontSize + charSpacing + wordSpacing) * horizontalScaling, 0);
        }
    }

    /** {@code out = a × b} as PDFBox's {@code Matrix.multiply} computes it, including its check for non-finite values. */
    private static void multiply(float[] a, Matrix b, float[] out) {
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                out[row * 3 + col] = a[row * 3] * b.getValue(0, col) + a[row * 3 + 1] * b.getValue(1, col)
                        + a[row * 3 + 2] * b.getValue(2, col);
            }
        }
        for (float value : out) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("Multiplying two matrices produces illegal values");
            }
        }
    }

    /** Row 2 of {@link #multiply}'s product only (the same expression and check); rows 0-1 of {@code out} are left. */
    private static void multiplyRowTwo(float[] a, Matrix b, float[] out) {
        for (int col = 0; col < 3; col++) {
            float value = a[6] * b.getValue(0, col) + a[7] * b.getValue(1, col) + a[8] * b.getValue(2, col);
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("Multiplying two matrices produces illegal values");
            }
            out[6 + col] = value;
        }
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators > MAX_OPERATORS) {
            throw new TooMuchDrawing("its pages draw more than " + MAX_OPERATORS + " operators (forms included)");
        }
        super.processOperator(operator, operands);
    }

    /**
     * The {@code Tf} operator with {@link DictionaryFont}s: the same operand checks and text state as
     * PDFBox's {@code SetFontAndSize}, but the font comes from its dictionary when that is enough.
     */
    private final class SetDictionaryFontAndSize extends OperatorProcessor {

        SetDictionaryFontAndSize() {
            super(PdfLineText.this);
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) throws IOException {
            if (operands.size() < 2) {
                throw new MissingOperandException(operator, operands);
            }
            if (!(operands.get(0) instanceof COSName) || !(operands.get(1) instanceof COSNumber)) {
                return;
            }
            COSName name = (COSName) operands.get(0);
            PDTextState textState = getGraphicsState().getTextState();
            textState.setFontSize(((COSNumber) operands.get(1)).floatValue());
            PDResources resources = getResources();
            COSDictionary fontsOfResources = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
            COSBase dictionary = fontsOfResources == null ? null : fontsOfResources.getDictionaryObject(name);
            if (!(dictionary instanceof COSDictionary)) {
                textState.setFont(resources == null ? null : resources.getFont(name)); // PDFBox's own answer
                return;
            }
            PDFont font = fonts.get(dictionary);
            if (font == null) {
                if (fontBudget != null) {
                    fontBudget.chargeFont((COSDictionary) dictionary, true);
                }
                Optional<DictionaryFont> light = DictionaryFont.of((COSDictionary) dictionary);
                if (light.isEmpty() && fontBudget != null) {
                    fontBudget.chargeFont((COSDictionary) dictionary, false); // PDFBox's full font reads them all
                }
                font = light.isPresent() ? light.get() : resources.getFont(name);
                fonts.put((COSDictionary) dictionary, font);
            }
            textState.setFont(font);
        }

        @Override
        public String getName() {
            return "Tf";
        }
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
        glyph(textRenderingMatrix, font, code, displacement.getX());
    }

    /** Keeps one glyph: its text, and where it sits from the text rendering matrix and its advance in text space. */
    private void glyph(Matrix textRenderingMatrix, PDFont font, int code, float advanceX) {
        keep(font, code, GlyphFrame.of(textRenderingMatrix), textRenderingMatrix.getTranslateX(),
                textRenderingMatrix.getTranslateY(), advanceX);
    }

    /**
     * What a text rendering matrix's rows 0-1 say of its glyphs: the text direction (0: left to right, 1: up,
     * 2: right to left, 3: down, whichever way the page is rotated), the glyph size across the baseline, and
     * the factor from text-space advances to page units along it.
     */
    private record GlyphFrame(int direction, float size, float advanceScale) {

        static GlyphFrame of(Matrix textRenderingMatrix) {
            float a = textRenderingMatrix.getValue(0, 0), b = textRenderingMatrix.getValue(0, 1);
            int direction = Math.abs(a) >= Math.abs(b) ? (a >= 0 ? 0 : 2) : (b >= 0 ? 1 : 3);
            float size = Math.max(0.1f, Math.abs(direction % 2 == 0 ? textRenderingMatrix.getScalingFactorY()
                    : textRenderingMatrix.getScalingFactorX()));
            return new GlyphFrame(direction, size, Math.abs(direction % 2 == 0 ? a : b));
        }
    }

    /** Keeps one glyph drawn at ({@code x}, {@code y}) on the page, in {@code frame}. */
    private void keep(PDFont font, int code, GlyphFrame frame, float x, float y, float advanceX) {
        String unicode = font.toUnicode(code);
        if (unicode == null) {
            if (!(font instanceof PDSimpleFont)) {
                return; // no mapping to characters: nothing a matcher could use
            }
            unicode = String.valueOf((char) code); // legacy 8-bit fonts (TCVN3, VNI) carry the byte itself
        }
        if (isCombiningOnly(unicode) && !glyphs.isEmpty()) {
            // A tone mark drawn as its own glyph belongs to the letter before it, wherever it is placed.
            Glyph previous = glyphs.get(glyphs.size() - 1);
            previous.text = previous.text + unicode;
            return;
        }
        int direction = frame.direction();
        // Reading coordinates: the text direction becomes +x and "up" +y, whatever the page's rotation.
        float rx = direction == 0 ? x : direction == 1 ? y : direction == 2 ? -x : -y;
        float ry = direction == 0 ? y : direction == 1 ? -x : direction == 2 ? -y : x;
        float advance = advanceX * frame.advanceScale();
        if (++glyphCount > MAX_GLYPHS) {
            throw new TooMuchDrawing("its pages draw more than " + MAX_GLYPHS + " glyphs");
        }
        glyphs.add(new Glyph(direction, rx, ry, rx + advance, frame.size(), unicode));
    }

    private static boolean isCombiningOnly(String s) {
        if (!s.isEmpty() && s.charAt(0) < '\u0300') {
            return false; // no non-spacing mark lies below U+0300 (the first is the combining grave)
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.getType(s.charAt(i)) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * Groups glyphs into lines by baseline, orders lines top-down and glyphs left-right, spaces gaps. Sorted in an
     * array, each line in its own range of it: the same (stable) sorts as sorting a list and its sub-lists, without a
     * copy of every line to sort it.
     */
    private String lines() {
        Glyph[] sorted = glyphs.toArray(new Glyph[0]);
        Arrays.sort(sorted, BY_DIRECTION_THEN_TOP_DOWN);
        StringBuilder out = new StringBuilder(2 * glyphs.size() + 16); // a glyph, now and then a space or a line end
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            Glyph first = sorted[start];
            if (i == sorted.length || sorted[i].direction != first.direction
                    || first.y - sorted[i].y > SAME_LINE_EM * first.size) {
                appendLine(sorted, start, i, out);
                start = i;
            }
        }
        return out.toString();
    }

    /** The line of glyphs {@code from..to} of the sorted array: they are put left to right there, in place. */
    private static void appendLine(Glyph[] sorted, int from, int to, StringBuilder out) {
        Arrays.sort(sorted, from, to, LEFT_TO_RIGHT);
        Glyph previous = null;
        boolean previousBlank = false;
        for (int i = from; i < to; i++) {
            Glyph glyph = sorted[i];
            boolean blank = glyph.text.isBlank();
            if (previous != null && isOverprint(previous, glyph, blank)) {
                continue; // the same glyph drawn twice, slightly offset: simulated bold
            }
            if (previous != null && glyph.x - previous.end > WORD_GAP_EM * glyph.size && !previousBlank && !blank) {
                out.append(' ');
            }
            out.append(glyph.text);
            previous = glyph;
            previousBlank = blank;
        }
        out.append('\n');
    }

    private static boolean isOverprint(Glyph previous, Glyph glyph, boolean blank) {
        return !blank && previous.text.equals(glyph.text)
                && Math.abs(glyph.x - previous.x) < 0.1f * glyph.size && Math.abs(glyph.y - previous.y) < 0.1f * glyph.size;
    }
}
