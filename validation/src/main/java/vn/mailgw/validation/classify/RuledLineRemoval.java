package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;

/**
 * Whitens long straight strokes (table rules, underlines, the box of a stamp) in a page image before OCR.
 *
 * <p>Why: Tesseract's layout analysis treats text framed by a box as a picture and leaves it out, and
 * the secrecy and urgency marks are printed exactly that way ("MẬT" in a rectangle). A dark run longer
 * than any letter stroke can be (a few millimetres at the page's resolution) is a rule, not text.
 */
final class RuledLineRemoval {

    private static final int DARK = 128;

    private RuledLineRemoval() {}

    /** A copy of {@code page} in 8-bit grey with rules removed; {@code dpi} scales the length thresholds. */
    static BufferedImage apply(BufferedImage page, int dpi) {
        int w = page.getWidth(), h = page.getHeight();
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(page, 0, 0, null);
        byte[] px = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        boolean[] rule = new boolean[w * h];
        int minHorizontal = Math.max(20, dpi * 2 / 5);   // 10 mm: longer than any letter or word stroke
        int minVertical = Math.max(12, dpi * 21 / 100);   // 5.3 mm: taller than a capital with its marks
        for (int y = 0; y < h; y++) {
            int start = -1;
            for (int x = 0; x <= w; x++) {
                boolean dark = x < w && (px[y * w + x] & 0xFF) < DARK;
                if (dark && start < 0) {
                    start = x;
                } else if (!dark && start >= 0) {
                    if (x - start >= minHorizontal) {
                        for (int i = start; i < x; i++) {
                            rule[y * w + i] = true;
                        }
                    }
                    start = -1;
                }
            }
        }
        for (int x = 0; x < w; x++) {
            int start = -1;
            for (int y = 0; y <= h; y++) {
                boolean dark = y < h && (px[y * w + x] & 0xFF) < DARK;
                if (dark && start < 0) {
                    start = y;
                } else if (!dark && start >= 0) {
                    if (y - start >= minVertical) {
                        for (int i = start; i < y; i++) {
                            rule[i * w + x] = true;
                        }
                    }
                    start = -1;
                }
            }
        }
        for (int i = 0; i < rule.length; i++) {
            if (rule[i]) {
                px[i] = (byte) 0xFF;
            }
        }
        return grey;
    }
}
