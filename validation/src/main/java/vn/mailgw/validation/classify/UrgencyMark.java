package vn.mailgw.validation.classify;

/** Urgency marks of Decree 30/2020/NĐ-CP Art 8.10(a) (Khẩn, Thượng khẩn, Hỏa tốc). */
public enum UrgencyMark {
    KHAN("KHẨN", "Urgent"),
    THUONG_KHAN("THƯỢNG KHẨN", "Very urgent"),
    HOA_TOC("HỎA TỐC", "Express");

    private final String markVi;
    private final String nameEn;

    UrgencyMark(String markVi, String nameEn) {
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
