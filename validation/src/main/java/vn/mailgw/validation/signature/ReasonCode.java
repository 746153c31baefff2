package vn.mailgw.validation.signature;

/**
 * Stable reason codes (their names go into stamps, headers and the audit log: never rename one).
 * Each has a Vietnamese text for clerks and agencies and an English text for operators.
 */
public enum ReasonCode {
    // Integrity: the signed bytes and what was appended after them.
    SIGNATURE_INVALID(ReasonCategory.INTEGRITY,
            "Chữ ký số không khớp với nội dung đã ký (dữ liệu đã bị thay đổi)",
            "The signature value or the digest of the signed bytes does not match"),
    SIGNATURE_UNREADABLE(ReasonCategory.INTEGRITY,
            "Không đọc được chữ ký số (cấu trúc chữ ký hỏng)",
            "The signature container cannot be decoded"),
    MODIFIED_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Văn bản đã bị sửa đổi sau khi ký",
            "The document was changed after signing"),
    PAGES_CHANGED_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Trang văn bản đã bị thêm, xóa hoặc sắp xếp lại sau khi ký",
            "Pages were added, removed or reordered after signing"),
    CONTENT_CHANGED_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Nội dung hiển thị của văn bản đã bị thay đổi sau khi ký",
            "What the pages show was changed after signing"),
    ANNOTATION_CHANGED_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Chú thích (annotation) đã bị thêm hoặc sửa sau khi ký",
            "An annotation was added or changed after signing"),
    FORM_FILLED_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Trường biểu mẫu đã bị điền hoặc sửa sau khi ký",
            "A form field was filled in or changed after signing"),
    SIGNATURE_APPEARANCE_OVERLAPS_CONTENT(ReasonCategory.INTEGRITY,
            "Hình hiển thị của chữ ký thêm sau che lên nội dung hoặc chữ ký khác",
            "A later signature's appearance covers page content or another signature"),
    APPEARANCE_OUTSIDE_FIELD(ReasonCategory.INTEGRITY,
            "Hình hiển thị của chữ ký thêm sau vẽ ra ngoài ô chữ ký của nó (có thể che lên nội dung trang)",
            "A later signature's appearance stream draws outside its field rectangle (it may paint over the page)"),
    CERTIFICATION_PERMISSIONS_VIOLATED(ReasonCategory.INTEGRITY,
            "Thay đổi sau khi ký vi phạm quyền cho phép của chữ ký chứng nhận (DocMDP)",
            "A change after signing violates the certification signature's DocMDP permissions"),
    UNDEFINED_CHANGE_AFTER_SIGNING(ReasonCategory.INTEGRITY,
            "Có thay đổi không xác định sau khi ký",
            "An undefined change follows the signed revision"),
    CONTENT_NOT_COVERED(ReasonCategory.INTEGRITY,
            "Có tệp hoặc phần nội dung trong gói không được chữ ký số bảo vệ (có thể đã bị thêm sau khi ký)",
            "A file or part of the package is not covered by the signature (it may have been added after signing)"),
    SIGNATURE_DICTIONARY_CHANGED(ReasonCategory.INTEGRITY,
            "Thông tin chữ ký đã bị sửa sau khi ký",
            "A signature dictionary was rewritten after signing"),

    // Trust.
    UNTRUSTED_CHAIN(ReasonCategory.TRUST,
            "Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực hợp pháp tại Việt Nam cấp (không tin cậy)",
            "The certificate does not chain to a trusted anchor"),
    CHAIN_INCOMPLETE(ReasonCategory.TRUST,
            "Không xây dựng được chuỗi chứng thư số đến CA gốc",
            "The certificate chain cannot be built up to an anchor"),

    // The signer's certificate.
    CERT_EXPIRED_AT_SIGNING(ReasonCategory.CERTIFICATE,
            "Chứng thư số đã hết hạn (hoặc chưa có hiệu lực) tại thời điểm ký",
            "The certificate was expired or not yet valid at the proven signing time"),
    KEY_USAGE(ReasonCategory.CERTIFICATE,
            "Chứng thư số không được phép dùng để ký (key usage)",
            "The certificate's key usage does not allow signing"),
    SIGNING_CERTIFICATE_NOT_IDENTIFIED(ReasonCategory.CERTIFICATE,
            "Không xác định được chứng thư số của người ký",
            "The signing certificate cannot be identified"),

    // Revocation.
    CERT_REVOKED(ReasonCategory.REVOCATION,
            "Chứng thư số đã bị thu hồi",
            "The certificate is revoked"),
    REVOCATION_UNKNOWN(ReasonCategory.REVOCATION,
            "Không xác minh được tình trạng thu hồi của chứng thư số (OCSP/CRL không phản hồi)",
            "Revocation status could not be obtained (OCSP/CRL unreachable or unknown)"),

    // Algorithms.
    WEAK_ALGORITHM(ReasonCategory.ALGORITHM,
            "Thuật toán hoặc độ dài khóa không còn an toàn (ví dụ SHA-1)",
            "A digest or signature algorithm or key size is no longer acceptable"),

    // The file as a whole.
    DOCUMENT_UNREADABLE(ReasonCategory.INPUT,
            "Không đọc được tệp (tệp hỏng hoặc không đúng định dạng)",
            "The file cannot be parsed"),
    DOCUMENT_ENCRYPTED(ReasonCategory.INPUT,
            "Tệp được mã hóa bằng mật khẩu, không kiểm tra được",
            "The file is password-encrypted and cannot be checked"),
    DOCUMENT_TOO_LARGE(ReasonCategory.INPUT,
            "Tệp vượt quá giới hạn kích thước cho phép để kiểm tra",
            "The file exceeds the configured size budget"),
    DOCUMENT_TOO_COMPLEX(ReasonCategory.INPUT,
            "Tệp quá phức tạp (quá nhiều đối tượng hoặc trang) để kiểm tra an toàn",
            "The file exceeds the configured object/page budget"),
    VALIDATION_TIMEOUT(ReasonCategory.INPUT,
            "Kiểm tra chữ ký vượt quá thời gian cho phép",
            "Validation exceeded the configured time budget"),
    SIGNATURE_FORMAT_UNSUPPORTED(ReasonCategory.INPUT,
            "Tệp có chữ ký số nhưng cổng chưa kiểm tra được định dạng chữ ký này; văn thư cần kiểm tra bằng phần mềm khác",
            "The file carries a signature in a format this gateway cannot verify"),
    VALIDATION_FAILED(ReasonCategory.INPUT,
            "Lỗi khi kiểm tra chữ ký số",
            "Validation failed with an internal error"),
    /** DSS said something this engine does not map: kept apart so it is never read as a pass. */
    POLICY_CHECK_FAILED(ReasonCategory.INTEGRITY,
            "Chữ ký không đạt một kiểm tra của chính sách xác thực",
            "The signature failed a validation-policy check");

    private final ReasonCategory category;
    private final String vietnamese;
    private final String english;

    ReasonCode(ReasonCategory category, String vietnamese, String english) {
        this.category = category;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public ReasonCategory category() {
        return category;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }
}
