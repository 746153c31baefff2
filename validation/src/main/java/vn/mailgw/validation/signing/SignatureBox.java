package vn.mailgw.validation.signing;

import java.util.Objects;

/**
 * Where a visible signature goes and what its box says (DSS draws the text; diacritics need a font
 * that has them, so sample texts stay ASCII).
 *
 * @param page   1-based page number
 * @param left   distance of the box from the page's left edge, in points
 * @param top    distance of the box from the page's top edge, in points (DSS measures from the top)
 * @param width  box width in points
 * @param height box height in points
 * @param text   text shown in the box
 */
public record SignatureBox(int page, float left, float top, float width, float height, String text) {

    public SignatureBox {
        if (page < 1) {
            throw new IllegalArgumentException("page is 1-based: " + page);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty box " + width + "x" + height);
        }
        Objects.requireNonNull(text, "text");
    }
}
