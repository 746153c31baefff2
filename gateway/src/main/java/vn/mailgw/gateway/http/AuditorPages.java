package vn.mailgw.gateway.http;

import static vn.mailgw.gateway.http.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import vn.mailgw.gateway.audit.AgencyStatistics;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.ChainVerdict;
import vn.mailgw.gateway.audit.MatchCount;
import vn.mailgw.gateway.audit.RecordKind;
import vn.mailgw.gateway.audit.SearchPage;
import vn.mailgw.gateway.audit.SignatureDetail;
import vn.mailgw.gateway.audit.Violator;

/** The HTML of the auditor pages (Vietnamese, English where an operator reads it). Pure: data in, HTML out. */
final class AuditorPages {

    private AuditorPages() {}

    static String login(String csrf, String message) {
        String body = "<h2>Đăng nhập / Sign in</h2>"
                + (message == null ? "" : "<p class=\"error\" id=\"login-error\">" + esc(message) + "</p>")
                + "<form method=\"post\" action=\"/login\" class=\"search\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">"
                + "<label>Tên đăng nhập <input name=\"username\" id=\"username\" autocomplete=\"username\" required></label>"
                + "<label>Mật khẩu <input name=\"password\" id=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\" id=\"signin\">Đăng nhập</button></form>"
                + "<p class=\"muted\">Chỉ đọc. Mọi truy cập đều cần đăng nhập. / Read-only; every page needs sign-in.</p>";
        return Html.page("Đăng nhập", null, null, body);
    }

    static String error(String user, String csrf, String message) {
        return Html.page("Lỗi", user, csrf, "<p class=\"error\">" + esc(message) + "</p>");
    }

    static String search(String user, String csrf, Map<String, String> form, AuditQuery query, SearchPage page,
                         MatchCount count, String exportQuery) {
        StringBuilder b = new StringBuilder();
        b.append("<h2>Tra cứu nhật ký / Search</h2>")
                .append("<form method=\"get\" action=\"/audit/find\" class=\"search\"><label>Mã bản ghi (in trên dấu xác thực)")
                .append(" <input name=\"id\" id=\"record-id\" placeholder=\"gw1.Q1A2B3\"></label>")
                .append("<button type=\"submit\" id=\"find\">Mở bản ghi</button></form>")
                .append("<form method=\"get\" action=\"/audit\" class=\"search\" id=\"search-form\">")
                .append(input("Từ ngày", "from", "date", form))
                .append(input("Đến ngày", "to", "date", form))
                .append(input("Người gửi", "sender", "text", form))
                .append(input("Người nhận", "recipient", "text", form))
                .append(input("Cơ quan", "agency", "text", form))
                .append(select("Kết luận", "verdict", form, List.of("", "PAPER_EQUIVALENT", "NOT_PAPER_EQUIVALENT",
                        "INDETERMINATE", "NOT_A_DOCUMENT", "REFUSED")))
                .append(input("Loại văn bản", "type", "text", form))
                .append(select("Bản ghi", "kind", form, List.of("", "MESSAGE", "DOCUMENT")))
                .append(input("Từ khóa", "q", "text", form))
                .append("<button type=\"submit\" id=\"search\">Tìm kiếm</button></form>");
        b.append("<p id=\"match-count\"><strong>").append(esc(count.vietnamese())).append("</strong></p>");
        b.append("<p>Xuất kết quả / Export: <a id=\"export-csv\" href=\"/audit/export.csv?").append(esc(exportQuery))
                .append("\">CSV</a> · <a id=\"export-json\" href=\"/audit/export.json?").append(esc(exportQuery))
                .append("\">JSON</a> <span class=\"muted\" id=\"export-scope\">").append(esc(exportScope(count)))
                .append("</span></p>");
        b.append(recordTable(page.records()));
        b.append("<p>");
        // Keyset pagination: "next" carries where the page ends; going back starts again from the newest.
        if (query.after() != null) {
            b.append("<a id=\"first-page\" href=\"/audit?").append(esc(exportQuery)).append("\">« Trang đầu</a> ");
        }
        if (page.next() != null) {
            b.append("<a id=\"next-page\" href=\"/audit?").append(esc(exportQuery)).append("&amp;after=")
                    .append(esc(URLEncoder.encode(page.next().token(), StandardCharsets.UTF_8)))
                    .append("\">Trang sau »</a>");
        }
        b.append("</p>");
        return Html.page("Tra cứu", user, csrf, b.toString());
    }

    /** Whether one export holds every match: the auditor must know an export is complete (issue 6). */
    private static String exportScope(MatchCount count) {
        return switch (count.precision()) {
            case EXACT -> "(tệp xuất gồm đủ " + MatchCount.grouped(count.value()) + " bản ghi)";
            case MORE_THAN_CAP -> "(tệp xuất chỉ gồm " + MatchCount.grouped(AuditQuery.MAX_LIMIT)
                    + " bản ghi mới nhất: hãy thu hẹp điều kiện tìm kiếm để xuất đủ)";
            case AT_LEAST -> "(tối đa " + MatchCount.grouped(AuditQuery.MAX_LIMIT) + " bản ghi mỗi lần)";
        };
    }

    static String recordTable(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return "<p id=\"no-results\">Không tìm thấy bản ghi nào. / No records found.</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"results\"><tr><th>Thời gian</th><th>Mã bản ghi</th><th>Loại</th>"
                + "<th>Người gửi</th><th>Người nhận</th><th>Cơ quan</th><th>Tài liệu</th><th>Kết luận</th><th>Kết quả</th></tr>");
        for (AuditRecord r : records) {
            b.append("<tr><td>").append(Html.time(r.time())).append("</td><td><a class=\"record-link\" href=\"/audit/records/")
                    .append(esc(r.id())).append("\">").append(esc(r.id())).append("</a></td><td>")
                    .append(r.kind() == RecordKind.MESSAGE ? "Thư" : "Tài liệu").append("</td><td>")
                    .append(esc(r.envelopeSender())).append("</td><td>").append(esc(String.join(", ", r.recipients())))
                    .append("</td><td>").append(esc(r.agency())).append("</td><td>").append(esc(r.documentName()))
                    .append(r.documentType() == null ? "" : " <span class=\"muted\">(" + esc(r.documentType()) + ")</span>")
                    .append("</td><td>").append(Html.verdict(r.verdict())).append("</td><td>")
                    .append(Html.outcome(r.outcome())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String record(String user, String csrf, AuditRecord r, List<AuditRecord> documents) {
        StringBuilder b = new StringBuilder();
        b.append("<h2>Bản ghi <span id=\"record-title\">").append(esc(r.id())).append("</span></h2><table id=\"record\">");
        row(b, "Loại / Kind", r.kind() == RecordKind.MESSAGE ? "Thư (message)" : "Tài liệu (document)");
        if (r.parentId() != null) {
            b.append("<tr><th>Thuộc thư / Message</th><td><a href=\"/audit/records/").append(esc(r.parentId()))
                    .append("\">").append(esc(r.parentId())).append("</a></td></tr>");
        }
        row(b, "Thời gian / Time", Html.time(r.time()) + " (ICT) — " + r.time() + " UTC");
        row(b, "Mã hàng đợi / Queue id", r.queueId());
        row(b, "Message-ID", r.messageId());
        row(b, "Người gửi (MAIL FROM)", r.envelopeSender());
        row(b, "Người gửi (From)", r.headerFrom());
        row(b, "Người nhận / Recipients", String.join(", ", r.recipients()));
        row(b, "IP gửi / Client IP", r.clientIp());
        row(b, "HELO", r.helo());
        row(b, "Kích thước / Size (bytes)", r.sizeBytes());
        row(b, "Xác thực người gửi / Authentication-Results", r.authResults());
        row(b, "Cơ quan / Agency", r.agency());
        row(b, "Quy định áp dụng / Profile", r.profile());
        b.append("<tr><th>Kết luận / Verdict</th><td id=\"record-verdict\">").append(Html.verdict(r.verdict()))
                .append(" <span class=\"mono\">").append(esc(r.verdict())).append("</span></td></tr>");
        b.append("<tr><th>Kết quả / Outcome</th><td>").append(Html.outcome(r.outcome())).append("</td></tr>");
        row(b, "Trả lời SMTP / SMTP reply", r.smtpReply());
        row(b, "Lý do / Reason codes", String.join("; ", r.reasonCodes()));
        if (r.kind() == RecordKind.DOCUMENT) {
            row(b, "Tên tệp / File name", r.documentName());
            b.append("<tr><th>SHA-256</th><td class=\"mono\">").append(esc(r.documentSha256())).append("</td></tr>");
            row(b, "Định dạng / File type", r.fileType());
            row(b, "Loại văn bản / Document type", r.documentType());
            row(b, "Quy tắc đã áp dụng / Rules applied", String.join("; ", r.rulesApplied()));
        }
        row(b, "Lỗi / Errors", String.join("; ", r.errors()));
        row(b, "Vị trí trong chuỗi / Chain position", r.nodeId() + " #" + r.seq());
        b.append("<tr><th>Băm trước / Previous hash</th><td class=\"mono\">").append(esc(r.prevHash())).append("</td></tr>");
        b.append("<tr><th>Băm / Hash</th><td class=\"mono\">").append(esc(r.hash())).append("</td></tr></table>");
        if (r.kind() == RecordKind.DOCUMENT) {
            b.append("<h3>Chữ ký số / Signatures</h3>");
            if (r.signatures().isEmpty()) {
                b.append("<p id=\"no-signature\">Không có chữ ký số. / Not signed.</p>");
            } else {
                b.append("<table id=\"signatures\"><tr><th>#</th><th>Người ký / Signer</th><th>Tổ chức cấp / Issuer</th>")
                        .append("<th>Loại CA</th><th>Thời điểm ký / Signing time</th><th>Kết quả</th></tr>");
                int n = 1;
                for (SignatureDetail s : r.signatures()) {
                    b.append("<tr><td>").append(n++).append("</td><td>").append(esc(s.signer())).append("</td><td>")
                            .append(esc(s.issuer())).append("</td><td>").append(esc(s.caFamily())).append("</td><td>")
                            .append(Html.time(s.signingTime())).append("</td><td>").append(esc(s.status()))
                            .append("</td></tr>");
                }
                b.append("</table>");
            }
        }
        if (!documents.isEmpty()) {
            b.append("<h3>Tài liệu đính kèm / Documents</h3>").append(recordTable(documents));
        }
        return Html.page("Bản ghi " + r.id(), user, csrf, b.toString());
    }

    static String chain(String user, String csrf, List<ChainVerdict> verdicts) {
        StringBuilder b = new StringBuilder("<h2>Trạng thái chuỗi băm / Hash-chain status</h2>");
        if (verdicts.isEmpty()) {
            b.append("<p>Chưa có bản ghi nào. / No records yet.</p>");
        } else {
            b.append("<table id=\"chain\"><tr><th>Nút / Node</th><th>Trạng thái</th><th>Chi tiết / Detail</th></tr>");
            for (ChainVerdict v : verdicts) {
                b.append("<tr><td>").append(esc(v.nodeId())).append("</td><td>")
                        .append(v.intact() ? "<span class=\"ok\">Nguyên vẹn (intact)</span>"
                                : "<span class=\"bad\">BỊ SỬA ĐỔI (broken)</span>")
                        .append("</td><td class=\"mono\">").append(esc(v.describe())).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<p class=\"muted\">Mỗi bản ghi mang mã băm SHA-256 của bản ghi trước trong chuỗi của nút; đầu chuỗi")
                .append(" được ký bằng khóa của nút. Each record carries the SHA-256 of the previous one; the head is")
                .append(" signed with the node key.</p>");
        return Html.page("Trạng thái chuỗi", user, csrf, b.toString());
    }

    /** Statistics: one table per period and a chart (tuyenquang-2013 Art 13). */
    static String statistics(String user, String csrf, int year, boolean quarterly, List<String> periodLabels,
                             List<List<AgencyStatistics>> perPeriod) {
        StringBuilder b = new StringBuilder("<h2>Thống kê theo cơ quan / Statistics per agency — ")
                .append(quarterly ? "theo quý" : "cả năm").append(' ').append(year).append("</h2>")
                .append("<p class=\"muted\">tuyenquang-2013 Art 13: báo cáo hằng quý theo đơn vị, thống kê hằng năm.</p>")
                .append("<form method=\"get\" action=\"/audit/stats\" class=\"search\"><label>Năm <input name=\"year\"")
                .append(" type=\"number\" value=\"").append(year).append("\"></label><label>Kỳ <select name=\"period\">")
                .append("<option value=\"quarter\"").append(quarterly ? " selected" : "").append(">Quý</option>")
                .append("<option value=\"year\"").append(quarterly ? "" : " selected").append(">Năm</option></select></label>")
                .append("<button type=\"submit\">Xem</button></form>");
        long[][] values = new long[periodLabels.size()][];
        for (int i = 0; i < periodLabels.size(); i++) {
            long delivered = 0;
            long refused = 0;
            long failed = 0;
            for (AgencyStatistics a : perPeriod.get(i)) {
                delivered += a.delivered();
                refused += a.refused();
                failed += a.failed();
            }
            values[i] = new long[] {delivered, refused, failed};
        }
        b.append("<div id=\"chart\">").append(BarChart.svg("Số thư theo kỳ", periodLabels,
                List.of("Đã chuyển", "Từ chối", "Lỗi"), values)).append("</div>");
        for (int i = 0; i < periodLabels.size(); i++) {
            b.append("<h3>").append(esc(periodLabels.get(i))).append("</h3><table class=\"stats\"><tr><th>Cơ quan</th>")
                    .append("<th>Thư</th><th>Đã chuyển</th><th>Từ chối</th><th>Lỗi</th><th>Tài liệu</th>")
                    .append("<th>Tương đương giấy</th><th>Không tương đương</th><th>Khác</th></tr>");
            for (AgencyStatistics a : perPeriod.get(i)) {
                b.append("<tr><td>").append(a.agency() == null || a.agency().isEmpty()
                                ? "<span class=\"muted\">(không thuộc cơ quan nào)</span>" : esc(a.agency()))
                        .append("</td><td>").append(a.messages()).append("</td><td>").append(a.delivered())
                        .append("</td><td>").append(a.refused()).append("</td><td>").append(a.failed()).append("</td><td>")
                        .append(a.documents()).append("</td><td>").append(a.paperEquivalent()).append("</td><td>")
                        .append(a.notPaperEquivalent()).append("</td><td>").append(a.otherDocuments()).append("</td></tr>");
            }
            b.append("</table>");
        }
        return Html.page("Thống kê", user, csrf, b.toString());
    }

    static String violators(String user, String csrf, String from, String to, List<Violator> violators) {
        StringBuilder b = new StringBuilder("<h2>Người gửi vi phạm nhiều lần / Repeat violators</h2>")
                .append("<p class=\"muted\">cantho-2005 Art 10.2: người vi phạm được nhắc nhở qua thư; sau 3 lần nhắc")
                .append(" nhở thì báo cáo thủ trưởng cơ quan. Mỗi lần bị từ chối là một lần nhắc nhở.</p>")
                .append("<form method=\"get\" action=\"/audit/violators\" class=\"search\"><label>Từ ngày <input name=\"from\"")
                .append(" type=\"date\" value=\"").append(esc(from)).append("\"></label><label>Đến ngày <input name=\"to\"")
                .append(" type=\"date\" value=\"").append(esc(to)).append("\"></label><button type=\"submit\">Xem</button></form>");
        if (violators.isEmpty()) {
            return Html.page("Vi phạm", user, csrf, b.append("<p>Không có vi phạm trong kỳ.</p>").toString());
        }
        b.append("<table id=\"violators\"><tr><th>Người gửi</th><th>Cơ quan</th><th>Số lần bị từ chối</th>")
                .append("<th>Do dùng thư miễn phí</th><th>Lần đầu</th><th>Lần cuối</th><th>Xử lý</th></tr>");
        for (Violator v : violators) {
            b.append("<tr><td><a href=\"/audit?sender=").append(esc(java.net.URLEncoder.encode(v.sender(),
                            java.nio.charset.StandardCharsets.UTF_8))).append("\">").append(esc(v.sender()))
                    .append("</a></td><td>").append(esc(v.agency())).append("</td><td>").append(v.refusals())
                    .append("</td><td>").append(v.freeMailRefusals()).append("</td><td>").append(Html.time(v.first()))
                    .append("</td><td>").append(Html.time(v.last())).append("</td><td>")
                    .append(v.mustBeReported() ? "<span class=\"bad\">Báo cáo thủ trưởng (quá 3 lần nhắc nhở)</span>"
                            : "Nhắc nhở lần " + v.refusals())
                    .append("</td></tr>");
        }
        return Html.page("Vi phạm", user, csrf, b.append("</table>").toString());
    }

    private static void row(StringBuilder b, String label, Object value) {
        b.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String input(String label, String name, String type, Map<String, String> form) {
        return "<label>" + esc(label) + " <input name=\"" + name + "\" id=\"f-" + name + "\" type=\"" + type
                + "\" value=\"" + esc(form.getOrDefault(name, "")) + "\"></label>";
    }

    private static String select(String label, String name, Map<String, String> form, List<String> options) {
        StringBuilder b = new StringBuilder("<label>" + esc(label) + " <select name=\"" + name + "\" id=\"f-" + name + "\">");
        for (String o : options) {
            b.append("<option value=\"").append(esc(o)).append('"')
                    .append(o.equals(form.getOrDefault(name, "")) ? " selected" : "").append('>')
                    .append(o.isEmpty() ? "(tất cả)" : esc(o)).append("</option>");
        }
        return b.append("</select></label>").toString();
    }
}
