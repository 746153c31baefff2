package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;
import java.time.Duration;

/**
 * Reads the text of a page image. Behind an interface so the caller decides whether OCR runs at all
 * (it is a child process and costs seconds) and how long it may take.
 */
public interface OcrEngine {

    /** Recognises Vietnamese text on one page; never throws for an expected failure. */
    OcrOutcome recognise(BufferedImage page, Duration budget);

    /** True when the engine can run here (binary and Vietnamese language data present). */
    boolean available();

    /** An engine that never runs: scans come out as "scanned, type not determined". */
    OcrEngine NONE = new OcrEngine() {
        @Override
        public OcrOutcome recognise(BufferedImage page, Duration budget) {
            return new OcrOutcome.Unavailable("OCR disabled");
        }

        @Override
        public boolean available() {
            return false;
        }
    };

    /** What one OCR attempt gave. */
    sealed interface OcrOutcome {
        record Recognised(String text) implements OcrOutcome {
            public Recognised {
                java.util.Objects.requireNonNull(text, "text");
            }
        }

        record Unavailable(String reason) implements OcrOutcome {}

        record TimedOut(Duration budget) implements OcrOutcome {}

        record Failed(String reason) implements OcrOutcome {}
    }
}
