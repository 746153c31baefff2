package vn.mailgw.validation.classify;

import java.util.Objects;

/** A finding worth telling the clerk, in Vietnamese and English. */
public record Notice(String vi, String en) {
    public Notice {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }

    static final Notice SCANNED_NOT_DETERMINED = new Notice(
            "Văn bản scan (không có lớp chữ), chưa xác định được loại văn bản và dấu mật vì không có OCR.",
            "Scanned document (no text layer): type and secrecy mark not determined, OCR unavailable.");
}
