package vn.mailgw.gateway.stamp;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.Reason;
import vn.mailgw.validation.verdict.SignerSummary;
import vn.mailgw.validation.verdict.Verdict;

/**
 * The Vietnamese banner a clerk reads at the top of the message, in plain text and HTML: one line per document
 * with its verdict, signer, agency, signing time and what is missing, plus the audit record id. HTML uses only
 * inline styles and tables, the subset every mail client renders.
 */
public final class Banner {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ZoneId zone;

    public Banner(ZoneId zone) {
        this.zone = zone;
    }

    public String text(StampInput in) {
        MessageVerdict v = in.verdict();
        StringBuilder sb = new StringBuilder();
        sb.append("=== KẾT QUẢ KIỂM TRA GIÁ TRỊ PHÁP LÝ (quy chế ").append(v.profile()).append(") ===\r\n");
        sb.append(symbol(v.verdict())).append(' ').append(headline(v)).append("\r\n");
        sb.append("Người gửi: ").append(in.sender().headerFrom().isEmpty() ? "(không có)" : in.sender().headerFrom())
                .append(" - xác thực: ").append(authText(in)).append("\r\n");
        for (Reason r : v.senderFindings()) {
            sb.append("  ! ").append(r.vietnamese()).append(" [").append(r.article()).append("]\r\n");
        }
        int i = 1;
        for (DocumentVerdict d : v.documents()) {
            sb.append(i++).append(". ").append(d.fileName())
                    .append(in.documentType(d.sha256()).map(t -> " (loại văn bản: " + t + ")").orElse(""))
                    .append(": ").append(symbol(d.verdict())).append(' ')
                    .append(d.verdict().vietnamese()).append("\r\n");
            for (String s : signerLines(d)) {
                sb.append("   ").append(s).append("\r\n");
            }
            for (Reason r : documentOnly(d, v)) {
                sb.append("   - ").append(r.vietnamese()).append(" [").append(r.article()).append("]\r\n");
            }
        }
        sb.append("Mã bản ghi nhật ký / Audit record: ").append(in.auditRecordId()).append("\r\n");
        sb.append("(Báo cáo chi tiết đính kèm / Full report attached. English: ").append(v.verdict().english())
                .append(")\r\n");
        sb.append("=================================================================\r\n");
        return sb.toString();
    }

    public String html(StampInput in) {
        MessageVerdict v = in.verdict();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Kết quả kiểm tra</title></head>")
                .append("<body style=\"margin:0;font-family:Arial,Helvetica,sans-serif\">");
        sb.append("<table id=\"mailgw-banner\" role=\"presentation\" width=\"100%\" cellpadding=\"8\" cellspacing=\"0\" ")
                .append("style=\"border:2px solid ").append(border(v.verdict())).append(";background:")
                .append(background(v.verdict())).append(";font-size:14px;color:#1a1a1a\">");
        sb.append("<tr><td colspan=\"5\" style=\"font-size:17px;font-weight:bold;color:").append(border(v.verdict()))
                .append("\">").append(symbol(v.verdict())).append(' ').append(esc(headline(v)))
                .append("<div style=\"font-size:12px;font-weight:normal;color:#444\">Kết quả kiểm tra giá trị pháp lý theo quy chế ")
                .append(esc(v.profile())).append(" &middot; ").append(esc(v.verdict().english())).append("</div></td></tr>");
        sb.append("<tr><td colspan=\"5\">Người gửi: <b>").append(esc(in.sender().headerFrom())).append("</b> &ndash; xác thực: ")
                .append(esc(authText(in)));
        for (Reason r : v.senderFindings()) {
            sb.append("<br><span style=\"color:#b3261e\">&#9888; ").append(esc(r.vietnamese())).append(" <i>[")
                    .append(esc(r.article())).append("]</i></span>");
        }
        sb.append("</td></tr>");
        if (!v.documents().isEmpty()) {
            sb.append("<tr style=\"background:#ffffff80;font-weight:bold\"><td>Văn bản</td><td>Kết luận</td>")
                    .append("<td>Người ký / Cơ quan</td><td>Thời điểm ký</td><td>Còn thiếu</td></tr>");
        }
        for (DocumentVerdict d : v.documents()) {
            sb.append("<tr style=\"vertical-align:top;border-top:1px solid #ccc\"><td>").append(esc(d.fileName()))
                    .append(in.documentType(d.sha256()).map(t -> "<br><small>" + esc(t) + "</small>").orElse(""))
                    .append("</td><td style=\"font-weight:bold;color:").append(border(d.verdict())).append("\">")
                    .append(symbol(d.verdict())).append(' ').append(esc(d.verdict().vietnamese())).append("</td><td>");
            List<String> who = new ArrayList<>();
            List<String> when = new ArrayList<>();
            for (SignerSummary s : d.signers()) {
                who.add(esc(s.signer()) + s.agency().map(a -> "<br><small>" + esc(a) + "</small>").orElse(""));
                when.add(s.signingTime().map(t -> TIME.format(t.atZone(zone))).orElse("?"));
            }
            sb.append(who.isEmpty() ? "(không có chữ ký số)" : String.join("<hr>", who)).append("</td><td>")
                    .append(String.join("<br>", when)).append("</td><td>");
            for (Reason r : documentOnly(d, v)) {
                sb.append("&bull; ").append(esc(r.vietnamese())).append(" <i>[").append(esc(r.article())).append("]</i><br>");
            }
            sb.append("</td></tr>");
        }
        sb.append("<tr><td colspan=\"5\" style=\"font-size:12px;color:#444\">Mã bản ghi nhật ký (audit record): <code>")
                .append(esc(in.auditRecordId())).append("</code> &middot; mã thư (queue id): <code>").append(esc(in.queueId()))
                .append("</code> &middot; báo cáo chi tiết đính kèm thư.</td></tr></table></body></html>");
        return sb.toString();
    }

    /** Reasons specific to the document (sender findings are shown once, above). */
    private static List<Reason> documentOnly(DocumentVerdict d, MessageVerdict v) {
        return d.reasons().stream().filter(r -> !v.senderFindings().contains(r)).toList();
    }

    private List<String> signerLines(DocumentVerdict d) {
        List<String> lines = new ArrayList<>();
        for (SignerSummary s : d.signers()) {
            lines.add("Người ký: " + s.signer() + s.agency().map(a -> "; cơ quan: " + a).orElse("")
                    + s.signingTime().map(t -> "; ký lúc " + TIME.format(t.atZone(zone))).orElse("")
                    + (s.issuer().isEmpty() ? "" : "; CA: " + s.issuer()));
        }
        if (lines.isEmpty() && d.verdict() != Verdict.NOT_A_DOCUMENT) {
            lines.add("Không có chữ ký số.");
        }
        return lines;
    }

    static String headline(MessageVerdict v) {
        return switch (v.verdict()) {
            case PAPER_EQUIVALENT -> "Tất cả văn bản có giá trị pháp lý tương đương văn bản giấy";
            case INDETERMINATE -> "Chưa xác định được giá trị pháp lý: văn thư cần kiểm tra";
            case NOT_PAPER_EQUIVALENT -> "Có văn bản KHÔNG có giá trị tương đương văn bản giấy";
            case NOT_A_DOCUMENT -> "Thư không có văn bản cần kiểm tra giá trị pháp lý";
        };
    }

    private static String authText(StampInput in) {
        return switch (in.sender().authentication()) {
            case DMARC_PASS -> "đạt (SPF/DKIM/DMARC)";
            case TRUSTED_RELAY -> "đạt (máy chủ chuyển tiếp tin cậy)";
            case FAIL -> "KHÔNG ĐẠT";
            case TEMP_ERROR -> "chưa xác định (lỗi DNS)";
            case NOT_CHECKED -> "chưa kiểm tra";
        };
    }

    static String symbol(Verdict v) {
        return switch (v) {
            case PAPER_EQUIVALENT -> "[HỢP LỆ]";
            case INDETERMINATE -> "[CẦN KIỂM TRA]";
            case NOT_PAPER_EQUIVALENT -> "[KHÔNG HỢP LỆ]";
            case NOT_A_DOCUMENT -> "[KHÔNG PHẢI VĂN BẢN]";
        };
    }

    static String border(Verdict v) {
        return switch (v) {
            case PAPER_EQUIVALENT -> "#1e7b34";
            case INDETERMINATE -> "#9a6700";
            case NOT_PAPER_EQUIVALENT -> "#b3261e";
            case NOT_A_DOCUMENT -> "#555555";
        };
    }

    static String background(Verdict v) {
        return switch (v) {
            case PAPER_EQUIVALENT -> "#e6f4ea";
            case INDETERMINATE -> "#fff4d6";
            case NOT_PAPER_EQUIVALENT -> "#fdecea";
            case NOT_A_DOCUMENT -> "#f1f1f1";
        };
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
