package vn.mailgw.validation.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.fontbox.util.BoundingBox;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;

/**
 * A PDF font read from its dictionary alone: text from the ToUnicode CMap (parsed by fontbox's
 * {@code CMapParser}, through PDFBox's own {@link PDFont} constructor), advances from {@code /Widths} or
 * the descendant's {@code /W} and {@code /DW}. The embedded font program is never parsed.
 *
 * <p>Why: constructing PDFBox's {@code PDType0Font} or {@code PDTrueTypeFont} parses the embedded TrueType
 * program (tables, glyph data), which cost about as much as reading the whole text of page 1, and text
 * extraction needs none of it. The answers are PDFBox's own: {@link #toUnicode(int)} and, for simple fonts,
 * {@link #getWidth(int)} are {@link PDFont}'s inherited code; for composite fonts the width lookup is the
 * same as {@code PDCIDFont}'s (the {@code /W} entry of the CID, else {@code /DW}, else 1000).
 *
 * <p>Only the two shapes every agency PDF in the corpus uses are taken: simple TrueType / Type1 fonts
 * with {@code /Widths} and a ToUnicode CMap (LibreOffice), and Type0 fonts with the {@code Identity-H}
 * encoding, one CIDFontType2/CIDFontType0 descendant and a ToUnicode CMap (PDFBox). Anything else
 * (Type3, vertical writing, other CMaps, no ToUnicode) is left to PDFBox's full font ({@link #of} gives
 * nothing), and so is any string this font cannot answer for every code ({@link #canShow}).
 */
final class DictionaryFont extends PDFont {

    /** Composite font: 2-byte codes (Identity-H), widths by CID. Simple font: 1-byte codes, /Widths. */
    private final boolean composite;
    /** Composite fonts only: the descendant's /W widths indexed by CID (NaN: not listed) and its /DW default width. */
    private final float[] cidWidths;
    private final float defaultWidth;
    /**
     * Text per code, filled on first use: {@link PDFont#toUnicode(int)} looks the font dictionary up on
     * every call, and it is asked twice per glyph ({@link #canShow}, then the glyph itself).
     */
    private String[] unicodeByCode;
    /** Simple fonts only: the code range /Widths covers. */
    private final int firstChar, lastChar, widthCount;
    /** PDFBox's full font for the same dictionary, built on the first string this one cannot show. */
    private PDFont full;

    private DictionaryFont(COSDictionary font, boolean composite, float[] cidWidths, float defaultWidth) {
        super(font); // reads the ToUnicode CMap, nothing else of weight
        this.composite = composite;
        this.cidWidths = cidWidths;
        this.defaultWidth = defaultWidth;
        this.unicodeByCode = new String[Math.max(256, cidWidths.length)]; // the codes a subset draws have widths
        this.firstChar = font.getInt(COSName.FIRST_CHAR, -1);
        this.lastChar = font.getInt(COSName.LAST_CHAR, -1);
        COSArray widths = font.getCOSArray(COSName.WIDTHS);
        this.widthCount = widths == null ? 0 : widths.size();
    }

    /** The font if its dictionary has one of the two supported shapes, else empty (use PDFBox's full font). */
    static Optional<DictionaryFont> of(COSDictionary font) {
        if (!(font.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream)) {
            return Optional.empty();
        }
        COSName subtype = font.getCOSName(COSName.SUBTYPE);
        if (COSName.TRUE_TYPE.equals(subtype) || COSName.TYPE1.equals(subtype)) {
            return font.getCOSArray(COSName.WIDTHS) == null ? Optional.empty()
                    : Optional.of(new DictionaryFont(font, false, new float[0], 0));
        }
        if (!COSName.TYPE0.equals(subtype) || !COSName.IDENTITY_H.equals(font.getCOSName(COSName.ENCODING))) {
            return Optional.empty();
        }
        COSArray descendants = font.getCOSArray(COSName.DESCENDANT_FONTS);
        if (descendants == null || descendants.size() != 1 || !(descendants.getObject(0) instanceof COSDictionary)) {
            return Optional.empty();
        }
        COSDictionary cidFont = (COSDictionary) descendants.getObject(0);
        COSName cidSubtype = cidFont.getCOSName(COSName.SUBTYPE);
        if (!COSName.CID_FONT_TYPE2.equals(cidSubtype) && !COSName.CID_FONT_TYPE0.equals(cidSubtype)) {
            return Optional.empty();
        }
        float[] widths = cidWidths(cidFont.getDictionaryObject(COSName.W));
        if (widths == null) {
            return Optional.empty();
        }
        COSBase dw = cidFont.getDictionaryObject(COSName.DW);
        return Optional.of(new DictionaryFont(font, true, widths, dw instanceof COSNumber ? ((COSNumber) dw).floatValue() : 1000));
    }

    /** CIDs a 2-byte Identity-H code can name. */
    private static final int CID_COUNT = 0x10000;

    /**
     * The /W array ({@code c [w1 w2 ...]} and {@code cFirst cLast w} entries; later entries win, as in PDFBox)
     * by CID, NaN where it lists none; null when it is malformed or names CIDs outside 0..FFFF: then PDFBox's
     * lenient reading decides, not a second guess here.
     */
    private static float[] cidWidths(COSBase w) {
        float[] widths = new float[0];
        if (w == null) {
            return widths;
        }
        if (!(w instanceof COSArray)) {
            return null;
        }
        COSArray array = (COSArray) w;
        widths = covering(widths, 0, lastCidEstimate(array));
        int i = 0;
        while (i < array.size()) {
            if (!(array.getObject(i) instanceof COSNumber) || i + 1 >= array.size()) {
                return null;
            }
            int first = ((COSNumber) array.getObject(i)).intValue();
            COSBase next = array.getObject(i + 1);
            if (next instanceof COSArray) {
                COSArray run = (COSArray) next;
                widths = covering(widths, first, first + run.size() - 1);
                if (widths == null) {
                    return null;
                }
                for (int k = 0; k < run.size(); k++) {
                    if (!(run.getObject(k) instanceof COSNumber)) {
                        return null;
                    }
                    widths[first + k] = ((COSNumber) run.getObject(k)).floatValue();
                }
                i += 2;
            } else {
                if (!(next instanceof COSNumber) || i + 2 >= array.size() || !(array.getObject(i + 2) instanceof COSNumber)) {
                    return null;
                }
                int last = ((COSNumber) next).intValue();
                widths = covering(widths, first, last);
                if (widths == null) {
                    return null;
                }
                float width = ((COSNumber) array.getObject(i + 2)).floatValue();
                for (int cid = first; cid <= last; cid++) {
                    widths[cid] = width;
                }
                i += 3;
            }
        }
        return widths;
    }

    /**
     * The highest CID the /W array names when it is well formed (0 when it names none or is not), so the widths are
     * allocated once: PDFBox writes /W as one short run per few CIDs, and growing the array run by run copied it
     * again and again (the largest allocation of a whole classification). A malformed array is judged by
     * {@link #cidWidths}, not here.
     */
    private static int lastCidEstimate(COSArray array) {
        int last = 0;
        int i = 0;
        while (i + 1 < array.size() && array.getObject(i) instanceof COSNumber first) {
            COSBase next = array.getObject(i + 1);
            if (next instanceof COSArray run) {
                last = Math.max(last, first.intValue() + run.size() - 1);
                i += 2;
            } else if (next instanceof COSNumber end) {
                last = Math.max(last, end.intValue());
                i += 3;
            } else {
                break;
            }
        }
        return Math.max(0, Math.min(CID_COUNT - 1, last));
    }

    /**
     * {@code widths} grown to hold CIDs {@code first..last} (new slots NaN), or null outside 0..FFFF. Grown by
     * doubling: PDFBox writes /W as one short run per few CIDs, and growing to fit each run copied the array
     * once per run (the largest allocation of a whole classification). Slots past the last CID stay NaN.
     */
    private static float[] covering(float[] widths, int first, int last) {
        if (first < 0 || last >= CID_COUNT) {
            return null;
        }
        if (last < widths.length) {
            return widths;
        }
        int length = widths.length;
        float[] grown = Arrays.copyOf(widths, Math.min(CID_COUNT, Math.max(last + 1, 2 * length)));
        Arrays.fill(grown, length, grown.length, Float.NaN);
        return grown;
    }

    /**
     * Whether every code of {@code string} has its text in the ToUnicode CMap and its width in the
     * dictionary. When not, the caller shows the string with PDFBox's full font instead, so no glyph is
     * read differently from PDFBox (the legacy TCVN3/VNI byte fallback included).
     */
    boolean canShow(byte[] string) {
        if (composite) {
            if (string.length % 2 != 0) {
                return false;
            }
            for (int i = 0; i < string.length; i += 2) {
                if (toUnicode(((string[i] & 0xFF) << 8) | (string[i + 1] & 0xFF)) == null) {
                    return false;
                }
            }
            return true;
        }
        for (byte b : string) {
            int code = b & 0xFF;
            if (code < firstChar || code > lastChar || code - firstChar >= widthCount || toUnicode(code) == null) {
                return false;
            }
        }
        return true;
    }

    /** PDFBox's own font for this dictionary (parses the font program): for strings {@link #canShow} refuses. */
    PDFont fullFont() throws IOException {
        if (full == null) {
            full = PDFontFactory.createFont(getCOSObject());
        }
        return full;
    }

    @Override
    public String toUnicode(int code) {
        if (code < 0 || code >= CID_COUNT) {
            return super.toUnicode(code);
        }
        if (code >= unicodeByCode.length) {
            unicodeByCode = Arrays.copyOf(unicodeByCode, Math.min(CID_COUNT, Math.max(code + 1, 2 * unicodeByCode.length)));
        }
        String unicode = unicodeByCode[code];
        if (unicode == null) {
            unicode = super.toUnicode(code);
            unicodeByCode[code] = unicode; // a null answer is asked again: rare, and canShow then gives up
        }
        return unicode;
    }

    /** Bytes per character code: 2 for the Identity-H composite fonts, 1 for simple fonts. */
    int codeLength() {
        return composite ? 2 : 1;
    }

    @Override
    public int readCode(InputStream in) throws IOException {
        int first = in.read();
        return composite ? (first << 8) | in.read() : first;
    }

    @Override
    public float getWidth(int code) throws IOException {
        if (!composite) {
            return super.getWidth(code); // PDFBox's /Widths lookup
        }
        // Identity-H: the code is the CID.
        return code >= 0 && code < cidWidths.length && !Float.isNaN(cidWidths[code]) ? cidWidths[code] : defaultWidth;
    }

    @Override
    public boolean isVertical() {
        return false;
    }

    @Override
    public String getName() {
        return dict.getNameAsString(COSName.BASE_FONT);
    }

    @Override
    public boolean isEmbedded() {
        return true; // never treated as a standard 14 font: widths come from the dictionary only
    }

    @Override
    public boolean isDamaged() {
        return false;
    }

    // What text extraction never asks of a font: outlines, metrics from the font program, subsetting.

    @Override
    public float getWidthFromFont(int code) {
        throw new UnsupportedOperationException("dictionary-only font: no font program");
    }

    @Override
    public boolean hasExplicitWidth(int code) {
        return true;
    }

    @Override
    public BoundingBox getBoundingBox() {
        throw new UnsupportedOperationException("dictionary-only font: no font program");
    }

    @Override
    public float getHeight(int code) {
        throw new UnsupportedOperationException("dictionary-only font: no font program");
    }

    @Override
    protected float getStandard14Width(int code) {
        throw new UnsupportedOperationException("dictionary-only font: not a standard 14 font");
    }

    @Override
    protected byte[] encode(int unicode) {
        throw new UnsupportedOperationException("dictionary-only font: read only");
    }

    @Override
    public void addToSubset(int codePoint) {
        throw new UnsupportedOperationException("dictionary-only font: read only");
    }

    @Override
    public void subset() {
        throw new UnsupportedOperationException("dictionary-only font: read only");
    }

    @Override
    public boolean willBeSubset() {
        return false;
    }
}
