package vn.mailgw.validation.signature;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The human-readable report of one document's signatures, Vietnamese first with English alongside
 * (clerks read the first, operators the second). Used by the {@code check} command and attachable
 * to stamps.
 */
public final class ReportFormatter {

    /** Signing times are shown in Vietnam's time zone, with the offset, so nobody converts by hand. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss xxx")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private ReportFormatter() {}

    public static String format(DocumentValidationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Tệp / File: ").append(report.fileName()).append('\n');
        out.append("Kết quả / Result: ").append(outcomeText(report.outcome())).append('\n');
        if (report instanceof DocumentValidationReport.Unreadable u) {
            out.append("Không kiểm tra được / Could not check: ").append(reasonLine(u.reason())).append('\n');
            return out.toString();
        }
        if (report instanceof DocumentValidationReport.NotSigned) {
            out.append("Văn bản không có chữ ký số / The document carries no digital signature\n");
            return out.toString();
        }
        if (report instanceof DocumentValidationReport.Signed signed) {
            for (SignedContent c : signed.signedContent()) {
                out.append("Nội dung được ký / Signed content: ").append(c.name()).append(" (").append(c.type())
                        .append(", ").append(c.size()).append(" bytes)\n");
            }
        }
        List<SignatureResult> signatures = report.signatures();
        out.append('\n').append(String.format("%-3s %-16s %-32s %-20s %s%n", "#", "Kết quả/Result", "Người ký/Signer",
                "Định dạng/Format", "Phạm vi/Coverage"));
        for (int i = 0; i < signatures.size(); i++) {
            SignatureResult s = signatures.get(i);
            out.append(String.format("%-3d %-16s %-32s %-20s %s%n", i + 1, s.outcome(),
                    truncate(s.signer().commonName().orElse("?"), 32), s.format(), coverageText(s.coverage())));
        }
        for (int i = 0; i < signatures.size(); i++) {
            out.append('\n');
            appendDetails(out, i + 1, signatures.size(), signatures.get(i));
        }
        return out.toString();
    }

    private static void appendDetails(StringBuilder out, int n, int total, SignatureResult s) {
        SignerIdentity who = s.signer();
        out.append("Chữ ký ").append(n).append('/').append(total).append(" / Signature ").append(n).append(" of ")
                .append(total).append(": ").append(outcomeText(s.outcome())).append('\n');
        line(out, "Người ký / Signer", who.commonName());
        line(out, "Cơ quan / Organization", who.organization());
        line(out, "Đơn vị / Unit", who.organizationalUnit());
        line(out, "Địa phương / Locality", who.locality().or(who::state));
        line(out, "Thư điện tử / E-mail", who.email());
        if (!who.uids().isEmpty()) {
            line(out, "Mã định danh / Identifiers", Optional.of(String.join(", ", who.uids())));
        }
        line(out, "Mã tổ chức / Organization id", who.organizationIdentifier());
        line(out, "Chủ thể / Subject DN", Optional.of(who.subjectDn()).filter(d -> !d.isEmpty()));
        line(out, "SHA-256 chứng thư / Certificate SHA-256", Optional.of(who.certificateSha256()).filter(d -> !d.isEmpty()));
        line(out, "Tổ chức cấp / Issuer", s.issuer().commonName().or(() -> Optional.of(s.issuer().subjectDn())
                .filter(d -> !d.isEmpty())));
        line(out, "CA gốc tin cậy / Trusted root", Optional.of(s.issuer().anchorSubjectDn()
                .map(dn -> dn + s.issuer().family().map(f -> " (" + f.manifestName() + ")").orElse(""))
                .orElse("không / none")));
        line(out, "Thời điểm ký (khai) / Claimed signing time", s.signingTime().claimed().map(TIME::format));
        line(out, "Thời điểm ký (chứng minh) / Proven signing time", Optional.of(TIME.format(s.signingTime().proven())
                + (s.signingTime().provenBy() == SigningTime.ProvenBy.TIMESTAMP
                ? " (dấu thời gian / timestamp)" : " (thời điểm kiểm tra / validation time)")));
        line(out, "Định dạng / Format", Optional.of(s.format()));
        line(out, "Phạm vi ký / Coverage", Optional.of(coverageText(s.coverage())));
        s.certification().ifPresent(p -> line(out, "Chữ ký chứng nhận / Certification", Optional.of("DocMDP P=" + p)));
        for (Change c : s.coverage().changesAfter()) {
            line(out, c.allowed() ? "Bổ sung hợp lệ / Allowed addition" : "Thay đổi sau ký / Change after signing",
                    Optional.of(c.kind() + ": " + c.description()));
        }
        if (!s.reasons().isEmpty()) {
            out.append("  Lý do / Reasons:\n");
            for (Reason r : s.reasons()) {
                out.append("    - ").append(reasonLine(r)).append('\n');
            }
        }
    }

    static String reasonLine(Reason r) {
        return r.code().name() + ": " + r.code().vietnamese() + " / " + r.code().english()
                + (r.detail().isEmpty() ? "" : " [" + r.detail() + "]");
    }

    static String outcomeText(SignatureOutcome outcome) {
        return switch (outcome) {
            case VALID -> "HỢP LỆ / VALID";
            case INVALID -> "KHÔNG HỢP LỆ / INVALID";
            case INDETERMINATE -> "CHƯA XÁC ĐỊNH ĐƯỢC / INDETERMINATE";
        };
    }

    static String coverageText(Coverage c) {
        if (c.coversWholeFile()) {
            return "toàn bộ tệp / whole file";
        }
        return "bản " + c.revision() + "/" + c.revisionCount() + ", " + c.signedLength() + "/" + c.fileLength()
                + " byte / revision " + c.revision() + " of " + c.revisionCount();
    }

    private static void line(StringBuilder out, String label, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> out.append("  ").append(label).append(": ").append(v).append('\n'));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** For callers that print a time the same way. */
    public static String formatTime(Instant instant) {
        return TIME.format(instant);
    }
}
