package vn.mailgw.validation.classify;

import java.util.Objects;

/** Whether a document carries a secrecy mark. "Could not tell" is its own outcome, never "not marked". */
public sealed interface SecrecyFinding {

    /** The text was read and no secrecy mark stands as a stamp or heading line. */
    record NotMarked() implements SecrecyFinding {}

    /** A mark was found; {@code line} is the line it stands on, as extracted. */
    record Marked(SecrecyLevel level, String line) implements SecrecyFinding {
        public Marked {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(line, "line");
        }
    }

    /** The document could not be read (a scan without OCR, a damaged file): secrecy is unknown. */
    record Undetermined(String reason) implements SecrecyFinding {
        public Undetermined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isMarked() {
        return this instanceof Marked;
    }
}
