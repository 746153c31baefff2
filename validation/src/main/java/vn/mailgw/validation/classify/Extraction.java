package vn.mailgw.validation.classify;

import java.util.List;
import java.util.Set;

/** What {@link TextExtractor} got out of a file. */
sealed interface Extraction {

    /** A text layer: the text, and the font names seen (".VnTime" and "VNI-Times" betray legacy encodings). */
    record Text(String text, Set<String> fontNames) implements Extraction {
        public Text {
            text = text == null ? "" : text;
            fontNames = Set.copyOf(fontNames);
        }
    }

    /** No text layer: the page images to OCR (already rendered, at most the configured number). */
    record Scanned(List<java.awt.image.BufferedImage> pages) implements Extraction {
        public Scanned {
            pages = List.copyOf(pages);
        }
    }

    /** A format the classifier does not read (images inside ZIPs, legacy .doc, ...). */
    record Unsupported(String reason) implements Extraction {}

    /** The file claims a format but cannot be parsed (damaged, encrypted...). */
    record Unreadable(String reason) implements Extraction {}
}
