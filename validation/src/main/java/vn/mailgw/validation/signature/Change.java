package vn.mailgw.validation.signature;

import java.util.Objects;

/**
 * One thing found in the incremental updates after a signed revision.
 *
 * @param kind        what sort of change
 * @param description what exactly, in English (object numbers, page numbers)
 */
public record Change(Kind kind, String description) {

    public enum Kind {
        /** A further signature or document timestamp with its field: allowed. */
        SIGNATURE_ADDED(true),
        /** DSS/VRI dictionaries, certificates, OCSP responses, CRLs (PAdES-LT/LTA): allowed. */
        VALIDATION_DATA_ADDED(true),
        /** XMP metadata stream or other data no page shows: allowed. */
        METADATA_CHANGED(true),
        PAGES_CHANGED(false),
        CONTENT_CHANGED(false),
        ANNOTATION_CHANGED(false),
        FORM_FILLED(false),
        SIGNATURE_DICTIONARY_CHANGED(false),
        /** A later signature's widget covers page text, images or another annotation of the signed revision. */
        SIGNATURE_APPEARANCE_OVERLAP(false),
        /** A later signature's appearance stream (/BBox x /Matrix) does not fit its widget rectangle. */
        SIGNATURE_APPEARANCE_OUTSIDE_FIELD(false),
        UNDEFINED(false);

        private final boolean allowed;

        Kind(boolean allowed) {
            this.allowed = allowed;
        }

        /** True when this kind of change may follow a signature without invalidating it. */
        public boolean allowed() {
            return allowed;
        }
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    public boolean allowed() {
        return kind.allowed();
    }
}
