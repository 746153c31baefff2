package vn.mailgw.validation.classify;

import java.util.Objects;

/**
 * A kind of document that a provincial regulation names as travelling by mail, e.g. tuyenquang-2013
 * Art 7.1(d) "Giấy mời, tài liệu phục vụ các cuộc họp".
 */
public record ProfileCategory(String profile, String code, String citation, String labelVi, String labelEn) {
    public ProfileCategory {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(labelVi, "labelVi");
        Objects.requireNonNull(labelEn, "labelEn");
        if (!citation.startsWith(profile + " Art ")) {
            throw new IllegalArgumentException("citation must cite the profile's article: " + citation);
        }
    }
}
