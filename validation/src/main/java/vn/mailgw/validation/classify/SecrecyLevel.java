package vn.mailgw.validation.classify;

/**
 * The three state-secret classification marks (Law on Protection of State Secrets 2018 Art 8; the mark
 * is stamped on the document). Any of them bars the document from the mail system
 * (daknong-2012 Art 8.2 and 9.3, tuyenquang-2013 Art 7.1, sonla-2025 Art 4.2(c)).
 */
public enum SecrecyLevel {
    MAT("MẬT", "Confidential"),
    TOI_MAT("TỐI MẬT", "Secret"),
    TUYET_MAT("TUYỆT MẬT", "Top secret");

    private final String markVi;
    private final String nameEn;

    SecrecyLevel(String markVi, String nameEn) {
        this.markVi = markVi;
        this.nameEn = nameEn;
    }

    public String markVi() {
        return markVi;
    }

    public String nameEn() {
        return nameEn;
    }
}
