package vn.mailgw.validation.signature;

import java.util.Objects;

/**
 * One reason a signature is not (or not yet) valid.
 *
 * @param code   the stable code, with its Vietnamese and English texts
 * @param detail what exactly, in English for operators (e.g. "page 1 /Annots: Square annotation added,
 *               object 23"); empty when the code says it all
 */
public record Reason(ReasonCode code, String detail) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public static Reason of(ReasonCode code) {
        return new Reason(code, "");
    }

    public ReasonCategory category() {
        return code.category();
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? code.name() : code.name() + " (" + detail + ")";
    }
}
