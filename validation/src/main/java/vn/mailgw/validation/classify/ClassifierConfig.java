package vn.mailgw.validation.classify;

import java.time.Duration;

/**
 * Limits of one classification: how much of a document is read and how long OCR may run.
 *
 * @param maxPages       leading PDF pages whose text layer is read; the last page is read too ({@link PdfPages})
 * @param maxChars       characters of text kept from any format (bounds memory on huge files)
 * @param ocrPages       pages of a scan rendered and OCRed
 * @param ocrDpi         rendering resolution for OCR (Tesseract reads diacritics well from ~200 dpi)
 * @param ocrBudget      wall time one OCR run may take before it is killed
 * @param textLayerMinChars below this many letters on the pages read, a PDF counts as scanned
 */
public record ClassifierConfig(int maxPages, int maxChars, int ocrPages, int ocrDpi, Duration ocrBudget,
                               int textLayerMinChars) {

    public static final int DEFAULT_MAX_PAGES = 1;
    public static final int DEFAULT_MAX_CHARS = 200_000;
    public static final int DEFAULT_OCR_PAGES = 1;
    public static final int DEFAULT_OCR_DPI = 200;
    public static final Duration DEFAULT_OCR_BUDGET = Duration.ofSeconds(30);
    public static final int DEFAULT_TEXT_LAYER_MIN_CHARS = 20;

    public static final ClassifierConfig DEFAULT = new ClassifierConfig(DEFAULT_MAX_PAGES, DEFAULT_MAX_CHARS,
            DEFAULT_OCR_PAGES, DEFAULT_OCR_DPI, DEFAULT_OCR_BUDGET, DEFAULT_TEXT_LAYER_MIN_CHARS);

    public ClassifierConfig {
        if (maxPages < 1 || maxPages > 1000) {
            throw new IllegalArgumentException("maxPages must be 1..1000: " + maxPages);
        }
        if (maxChars < 1000) {
            throw new IllegalArgumentException("maxChars must be at least 1000: " + maxChars);
        }
        if (ocrPages < 0 || ocrPages > 20) {
            throw new IllegalArgumentException("ocrPages must be 0..20: " + ocrPages);
        }
        if (ocrDpi < 72 || ocrDpi > 600) {
            throw new IllegalArgumentException("ocrDpi must be 72..600: " + ocrDpi);
        }
        if (ocrBudget == null || ocrBudget.isNegative() || ocrBudget.isZero()) {
            throw new IllegalArgumentException("ocrBudget must be positive");
        }
        if (textLayerMinChars < 0) {
            throw new IllegalArgumentException("textLayerMinChars must not be negative");
        }
    }
}
