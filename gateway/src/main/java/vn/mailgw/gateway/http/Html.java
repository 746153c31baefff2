package vn.mailgw.gateway.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Small helpers for the server-rendered auditor pages: escaping, the page frame, Vietnamese labels. */
final class Html {

    /** Vietnam has one time zone; auditors read local time, records keep UTC. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(VIETNAM);

    private static final String STYLE = """
            body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2733;background:#f5f6f8}
            header{background:#8b1a1a;color:#fff;padding:10px 20px}header h1{font-size:18px;margin:0}
            nav{background:#fff;border-bottom:1px solid #ddd;padding:8px 20px}nav a{margin-right:16px;color:#8b1a1a}
            nav form{display:inline;float:right}main{padding:16px 20px}
            table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}
            th,td{border:1px solid #d6d9de;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eef0f3}
            .ok{color:#17692c;font-weight:bold}.bad{color:#a4161a;font-weight:bold}.muted{color:#667}
            form.search{background:#fff;padding:10px;border:1px solid #ddd;margin-bottom:12px}
            form.search label{display:inline-block;margin:4px 10px 4px 0}input,select{padding:3px}
            .mono{font-family:"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
            .error{background:#fdecea;border:1px solid #a4161a;padding:8px}
            """;

    private Html() {}

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** The whole page; {@code csrf} null means signed out (no navigation). */
    static String page(String title, String user, String csrf, String body) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append(" — mailgw</title><style>").append(STYLE).append("</style></head><body>")
                .append("<header><h1>Nhật ký xác thực chữ ký số / Signature-verification audit log</h1></header>");
        if (user != null) {
            b.append("<nav><a href=\"/audit\" id=\"nav-search\">Tra cứu</a><a href=\"/audit/chain\" id=\"nav-chain\">")
                    .append("Trạng thái chuỗi</a><a href=\"/audit/stats\" id=\"nav-stats\">Thống kê</a>")
                    .append("<a href=\"/audit/violators\" id=\"nav-violators\">Vi phạm</a>")
                    .append("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(esc(csrf)).append("\"><span class=\"muted\">").append(esc(user))
                    .append("</span> <button type=\"submit\" id=\"logout\">Đăng xuất</button></form></nav>");
        }
        b.append("<main>").append(body).append("</main></body></html>");
        return b.toString();
    }

    static String verdict(String verdict) {
        if (verdict == null) {
            return "<span class=\"muted\">—</span>";
        }
        String label = switch (verdict) {
            case "PAPER_EQUIVALENT" -> "Tương đương văn bản giấy";
            case "NOT_PAPER_EQUIVALENT" -> "Không tương đương văn bản giấy";
            case "INDETERMINATE" -> "Chưa xác định được";
            case "NOT_A_DOCUMENT" -> "Không phải văn bản";
            case "REFUSED" -> "Bị từ chối";
            default -> verdict;
        };
        String css = "PAPER_EQUIVALENT".equals(verdict) ? "ok" : "NOT_A_DOCUMENT".equals(verdict) ? "muted" : "bad";
        return "<span class=\"" + css + "\" title=\"" + esc(verdict) + "\">" + esc(label) + "</span>";
    }

    static String outcome(Object outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome.toString()) {
            case "DELIVERED" -> "<span class=\"ok\">Đã chuyển</span>";
            case "REFUSED" -> "<span class=\"bad\">Từ chối</span>";
            case "FAILED" -> "<span class=\"bad\">Lỗi (gửi lại sau)</span>";
            default -> esc(outcome);
        };
    }
}
