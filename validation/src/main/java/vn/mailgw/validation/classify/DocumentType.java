package vn.mailgw.validation.classify;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of administrative document the gateway recognises.
 *
 * <p>{@link Kind#FORMAL} types are the 29 types of Decree 30/2020/NĐ-CP Art 7 with the abbreviation
 * that Appendix III of the decree puts in the number line ({@code Số: 12/2025/QĐ-UBND}); a công văn
 * has none. {@link Kind#COPY} are the copy forms of Art 25 (bản sao y, trích sao, sao lục).
 * {@link Kind#CATEGORY} are not formal types but are named by the provincial regulations as kinds of
 * document that travel by mail (tuyenquang-2013 Art 7.1, daknong-2012 Art 9.1); a document gets one of
 * them when its own heading says so ("LỊCH CÔNG TÁC", "GIẤY TRIỆU TẬP", ...).
 *
 * <p>Headings are written in Vietnamese as they appear (upper case); matching folds diacritics.
 */
public enum DocumentType {
    NGHI_QUYET(Kind.FORMAL, "NQ", "Nghị quyết", "Resolution", "NGHỊ QUYẾT"),
    QUYET_DINH(Kind.FORMAL, "QĐ", "Quyết định", "Decision", "QUYẾT ĐỊNH"),
    CHI_THI(Kind.FORMAL, "CT", "Chỉ thị", "Directive", "CHỈ THỊ"),
    QUY_CHE(Kind.FORMAL, "QC", "Quy chế", "Regulation (statute)", "QUY CHẾ"),
    QUY_DINH(Kind.FORMAL, "QyĐ", "Quy định", "Rules", "QUY ĐỊNH"),
    THONG_CAO(Kind.FORMAL, "TC", "Thông cáo", "Communiqué", "THÔNG CÁO"),
    THONG_BAO(Kind.FORMAL, "TB", "Thông báo", "Announcement", "THÔNG BÁO"),
    HUONG_DAN(Kind.FORMAL, "HD", "Hướng dẫn", "Guidance", "HƯỚNG DẪN"),
    CHUONG_TRINH(Kind.FORMAL, "CTr", "Chương trình", "Programme", "CHƯƠNG TRÌNH"),
    KE_HOACH(Kind.FORMAL, "KH", "Kế hoạch", "Plan", "KẾ HOẠCH"),
    PHUONG_AN(Kind.FORMAL, "PA", "Phương án", "Scheme", "PHƯƠNG ÁN"),
    DE_AN(Kind.FORMAL, "ĐA", "Đề án", "Proposal (đề án)", "ĐỀ ÁN"),
    DU_AN(Kind.FORMAL, "DA", "Dự án", "Project", "DỰ ÁN"),
    BAO_CAO(Kind.FORMAL, "BC", "Báo cáo", "Report", "BÁO CÁO"),
    BIEN_BAN(Kind.FORMAL, "BB", "Biên bản", "Minutes", "BIÊN BẢN"),
    TO_TRINH(Kind.FORMAL, "TTr", "Tờ trình", "Submission", "TỜ TRÌNH"),
    HOP_DONG(Kind.FORMAL, "HĐ", "Hợp đồng", "Contract", "HỢP ĐỒNG"),
    /** Official letter: no abbreviation of its own; recognised by a number line without one and a "V/v" line. */
    CONG_VAN(Kind.FORMAL, "", "Công văn", "Official letter", "CÔNG VĂN"),
    CONG_DIEN(Kind.FORMAL, "CĐ", "Công điện", "Official telegram", "CÔNG ĐIỆN"),
    BAN_GHI_NHO(Kind.FORMAL, "BGN", "Bản ghi nhớ", "Memorandum of understanding", "BẢN GHI NHỚ"),
    BAN_THOA_THUAN(Kind.FORMAL, "BTT", "Bản thỏa thuận", "Agreement", "BẢN THỎA THUẬN", "BẢN THOẢ THUẬN"),
    GIAY_UY_QUYEN(Kind.FORMAL, "GUQ", "Giấy ủy quyền", "Letter of authorisation", "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN"),
    GIAY_MOI(Kind.FORMAL, "GM", "Giấy mời", "Invitation", "GIẤY MỜI"),
    GIAY_GIOI_THIEU(Kind.FORMAL, "GGT", "Giấy giới thiệu", "Letter of introduction", "GIẤY GIỚI THIỆU"),
    GIAY_NGHI_PHEP(Kind.FORMAL, "GNP", "Giấy nghỉ phép", "Leave permit", "GIẤY NGHỈ PHÉP"),
    PHIEU_GUI(Kind.FORMAL, "PG", "Phiếu gửi", "Dispatch slip", "PHIẾU GỬI"),
    PHIEU_CHUYEN(Kind.FORMAL, "PC", "Phiếu chuyển", "Transfer slip", "PHIẾU CHUYỂN"),
    PHIEU_BAO(Kind.FORMAL, "PB", "Phiếu báo", "Notice slip", "PHIẾU BÁO"),
    /** Letters of congratulation, thanks, condolence...: the heading is "THƯ" followed by its purpose. */
    THU_CONG(Kind.FORMAL, "", "Thư công", "Official letter of courtesy", "THƯ CÔNG", "THƯ CHÚC MỪNG", "THƯ CẢM ƠN",
            "THƯ THĂM HỎI", "THƯ CHIA BUỒN", "THƯ NGỎ", "THƯ KÊU GỌI"),
    BAN_SAO_Y(Kind.COPY, "SY", "Bản sao y", "Certified copy", "BẢN SAO Y", "SAO Y BẢN CHÍNH", "SAO Y"),
    BAN_TRICH_SAO(Kind.COPY, "TrS", "Bản trích sao", "Extract copy", "BẢN TRÍCH SAO", "TRÍCH SAO"),
    BAN_SAO_LUC(Kind.COPY, "SL", "Bản sao lục", "Transcribed copy", "BẢN SAO LỤC", "SAO LỤC"),
    LICH_CONG_TAC(Kind.CATEGORY, "LCT", "Lịch công tác", "Work schedule", "LỊCH CÔNG TÁC", "LỊCH LÀM VIỆC"),
    GIAY_TRIEU_TAP(Kind.CATEGORY, "GTT", "Giấy triệu tập", "Summons", "GIẤY TRIỆU TẬP"),
    DU_THAO_XIN_Y_KIEN(Kind.CATEGORY, "", "Dự thảo xin ý kiến", "Draft for comment", "DỰ THẢO XIN Ý KIẾN",
            "VĂN BẢN DỰ THẢO"),
    TAI_LIEU_HOP(Kind.CATEGORY, "", "Tài liệu họp", "Meeting materials", "TÀI LIỆU HỌP",
            "TÀI LIỆU PHỤC VỤ CUỘC HỌP", "TÀI LIỆU PHỤC VỤ HỘI NGHỊ", "TÀI LIỆU HỘI NGHỊ"),
    TAI_LIEU_DU_AN(Kind.CATEGORY, "", "Tài liệu dự án", "Project documents", "TÀI LIỆU DỰ ÁN", "HỒ SƠ DỰ ÁN",
            "THUYẾT MINH DỰ ÁN"),
    /** Nothing in the document, its file name or the mail subject said what it is. */
    UNDETERMINED(Kind.NONE, "", "Chưa xác định", "Undetermined");

    /** Where a type comes from. */
    public enum Kind { FORMAL, COPY, CATEGORY, NONE }

    private final Kind kind;
    private final String abbreviation;
    private final String nameVi;
    private final String nameEn;
    private final List<String> headings;

    DocumentType(Kind kind, String abbreviation, String nameVi, String nameEn, String... headings) {
        this.kind = kind;
        this.abbreviation = abbreviation;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
        this.headings = List.of(headings);
    }

    public Kind kind() {
        return kind;
    }

    /** The abbreviation of Decree 30/2020/NĐ-CP Appendix III, empty when the type has none. */
    public Optional<String> abbreviation() {
        return abbreviation.isEmpty() ? Optional.empty() : Optional.of(abbreviation);
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Title headings as printed on the document, upper case with diacritics. */
    public List<String> headings() {
        return headings;
    }
}
