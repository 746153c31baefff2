package vn.mailgw.validation.classify;

/**
 * How the Vietnamese in a document is encoded. Only Unicode complies with TCVN 6909:2001
 * (sonla-2025 Art 3.3, tuyenquang-2013 Art 7.4, daknong-2012 Art 9.5).
 */
public enum TextEncoding {
    UNICODE(true, "Unicode (TCVN 6909:2001)"),
    /** Text with no Vietnamese letters at all (typed without diacritics, or not Vietnamese). */
    NO_DIACRITICS(true, "không dấu / no diacritics"),
    TCVN3(false, "TCVN3 (ABC)"),
    VNI(false, "VNI"),
    /** No text to judge (a scan that was not OCRed, an unreadable file). */
    NOT_APPLICABLE(true, "không áp dụng / not applicable");

    public static final String CITATION = "sonla-2025 Art 3.3; tuyenquang-2013 Art 7.4; daknong-2012 Art 9.5";

    private final boolean compliant;
    private final String label;

    TextEncoding(boolean compliant, String label) {
        this.compliant = compliant;
        this.label = label;
    }

    public boolean compliant() {
        return compliant;
    }

    public String label() {
        return label;
    }
}
