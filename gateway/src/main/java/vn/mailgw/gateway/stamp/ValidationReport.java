package vn.mailgw.gateway.stamp;

import java.time.format.DateTimeFormatter;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.Reason;
import vn.mailgw.validation.verdict.SignerSummary;

/** The human-readable validation report attached to the stamped message: every reason, both languages. */
final class ValidationReport {

    private ValidationReport() {}

    static String html(StampInput in, java.time.ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss XXX");
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
                .append("<title>Báo cáo kiểm tra / Validation report</title></head><body style=\"font-family:Arial,sans-serif\">")
                .append("<h1>Báo cáo kiểm tra giá trị pháp lý / Validation report</h1><p>Quy chế / profile: <b>")
                .append(Banner.esc(in.verdict().profile())).append("</b><br>Kết luận / verdict: <b>")
                .append(Banner.esc(in.verdict().verdict().vietnamese())).append(" / ")
                .append(Banner.esc(in.verdict().verdict().english())).append("</b><br>Audit record: <code>")
                .append(Banner.esc(in.auditRecordId())).append("</code>, queue id: <code>").append(Banner.esc(in.queueId()))
                .append("</code></p><h2>Người gửi / Sender</h2><p>From: ").append(Banner.esc(in.sender().headerFrom()))
                .append("<br>MAIL FROM: ").append(Banner.esc(in.sender().envelopeSender())).append("<br>")
                .append(Banner.esc(in.authenticationResults().map(a -> "Authentication-Results: " + a)
                        .orElse("Authentication: " + in.sender().authentication()))).append("</p>");
        reasons(sb, in.verdict().senderFindings());
        int i = 1;
        for (DocumentVerdict d : in.verdict().documents()) {
            sb.append("<h2>").append(i++).append(". ").append(Banner.esc(d.fileName())).append("</h2><p>")
                    .append(Banner.esc(d.verdict().vietnamese())).append(" / ").append(Banner.esc(d.verdict().english()))
                    .append("<br>Loại tệp / type: ").append(d.type()).append("<br>SHA-256: <code>").append(d.sha256())
                    .append("</code></p>");
            for (SignerSummary s : d.signers()) {
                sb.append("<p>Chữ ký / signature: ").append(Banner.esc(s.signer())).append(" &ndash; ").append(s.status())
                        .append(s.agency().map(a -> "<br>Cơ quan / agency: " + Banner.esc(a)).orElse(""))
                        .append("<br>CA: ").append(Banner.esc(s.issuer()))
                        .append(s.signingTime().map(t -> "<br>Thời điểm ký / signing time: " + time.format(t.atZone(zone)))
                                .orElse("")).append("</p>");
            }
            reasons(sb, d.reasons());
        }
        return sb.append("</body></html>").toString();
    }

    private static void reasons(StringBuilder sb, java.util.List<Reason> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        sb.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>Mã / code</th><th>Điều / article</th>")
                .append("<th>Tiếng Việt</th><th>English</th></tr>");
        for (Reason r : reasons) {
            sb.append("<tr><td>").append(r.code()).append("</td><td>").append(Banner.esc(r.article())).append("</td><td>")
                    .append(Banner.esc(r.vietnamese())).append("</td><td>").append(Banner.esc(r.english())).append("</td></tr>");
        }
        sb.append("</table>");
    }
}
