package vn.mailgw.validation.classify;

import java.util.Objects;

/**
 * One thing that pointed at a type: where it was seen, what it said (as written, shortened), which type
 * it suggests and how much it weighs. The document's own lines weigh more than the file name, which
 * weighs more than the mail subject.
 */
public record Evidence(Source source, String excerpt, DocumentType suggests, double weight) {

    public enum Source { NUMBER_LINE, TITLE, SUBJECT_LINE, COPY_BLOCK, FILE_NAME, MAIL_SUBJECT }

    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(suggests, "suggests");
        excerpt = excerpt == null ? "" : excerpt.length() > 120 ? excerpt.substring(0, 120) : excerpt;
        if (weight <= 0 || weight > 1) {
            throw new IllegalArgumentException("weight must be in (0, 1]: " + weight);
        }
    }
}
