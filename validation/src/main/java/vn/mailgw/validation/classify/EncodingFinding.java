package vn.mailgw.validation.classify;

/**
 * The encoding found, how many characters gave it away, and the Unicode text used for classification
 * (the original when it already was Unicode).
 */
public record EncodingFinding(TextEncoding encoding, int signals) {

    public EncodingFinding {
        java.util.Objects.requireNonNull(encoding, "encoding");
        if (signals < 0) {
            throw new IllegalArgumentException("signals must not be negative");
        }
    }

    public boolean compliant() {
        return encoding.compliant();
    }

    /** Bilingual note for the stamp and the audit log; empty text when nothing is wrong. */
    public String noteVi() {
        return compliant() ? "" : "Văn bản dùng bảng mã " + encoding.label()
                + ", không theo TCVN 6909:2001 (Unicode) (" + TextEncoding.CITATION + "); đã chuyển sang Unicode để phân loại.";
    }

    public String noteEn() {
        return compliant() ? "" : "Text uses the legacy " + encoding.label()
                + " encoding, not TCVN 6909:2001 Unicode (" + TextEncoding.CITATION + "); converted to Unicode for classification.";
    }
}
