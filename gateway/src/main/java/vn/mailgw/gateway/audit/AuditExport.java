package vn.mailgw.gateway.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes audit records as CSV (for spreadsheets) or JSON (for programs); used by the web page and the CLI. */
public final class AuditExport {

    static final List<String> CSV_COLUMNS = List.of("id", "node", "seq", "kind", "parent", "time", "queue_id",
            "message_id", "envelope_sender", "header_from", "recipients", "client_ip", "helo", "size_bytes",
            "auth_results", "agency", "profile", "outcome", "smtp_reply", "verdict", "reason_codes", "document_name",
            "document_sha256", "file_type", "document_type", "signers", "issuers", "ca_families", "signing_times",
            "rules_applied", "errors", "prev_hash", "hash");
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AuditExport() {}

    /** CSV per RFC 4180; a UTF-8 BOM is the caller's choice (Excel wants it to read Vietnamese correctly). */
    public static void csv(Iterable<AuditRecord> records, Writer out) throws IOException {
        out.write(String.join(",", CSV_COLUMNS));
        out.write("\r\n");
        for (AuditRecord r : records) {
            List<String> cells = new ArrayList<>();
            for (Object v : row(r).values()) {
                cells.add(csvCell(v));
            }
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
        out.flush();
    }

    public static void json(Iterable<AuditRecord> records, Writer out) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditRecord r : records) {
            rows.add(jsonObject(r));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, rows);
        out.flush();
    }

    /** A record as a JSON-ready map: lists stay lists, times are ISO-8601 UTC. */
    public static Map<String, Object> jsonObject(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("node", r.nodeId());
        m.put("seq", r.seq());
        m.put("kind", r.kind().name());
        m.put("parent", r.parentId());
        m.put("time", r.time().toString());
        m.put("queueId", r.queueId());
        m.put("messageId", r.messageId());
        m.put("envelopeSender", r.envelopeSender());
        m.put("headerFrom", r.headerFrom());
        m.put("recipients", r.recipients());
        m.put("clientIp", r.clientIp());
        m.put("helo", r.helo());
        m.put("sizeBytes", r.sizeBytes());
        m.put("authResults", r.authResults());
        m.put("agency", r.agency());
        m.put("profile", r.profile());
        m.put("outcome", r.outcome() == null ? null : r.outcome().name());
        m.put("smtpReply", r.smtpReply());
        m.put("verdict", r.verdict());
        m.put("reasonCodes", r.reasonCodes());
        m.put("documentName", r.documentName());
        m.put("documentSha256", r.documentSha256());
        m.put("fileType", r.fileType());
        m.put("documentType", r.documentType());
        List<Map<String, Object>> sigs = new ArrayList<>();
        for (SignatureDetail s : r.signatures()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("signer", s.signer());
            sm.put("issuer", s.issuer());
            sm.put("caFamily", s.caFamily());
            sm.put("signingTime", s.signingTime() == null ? null : s.signingTime().toString());
            sm.put("status", s.status());
            sigs.add(sm);
        }
        m.put("signatures", sigs);
        m.put("rulesApplied", r.rulesApplied());
        m.put("errors", r.errors());
        m.put("prevHash", r.prevHash());
        m.put("hash", r.hash());
        return m;
    }

    private static Map<String, Object> row(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("node", r.nodeId());
        m.put("seq", r.seq());
        m.put("kind", r.kind().name());
        m.put("parent", r.parentId());
        m.put("time", r.time().toString());
        m.put("queue_id", r.queueId());
        m.put("message_id", r.messageId());
        m.put("envelope_sender", r.envelopeSender());
        m.put("header_from", r.headerFrom());
        m.put("recipients", String.join("; ", r.recipients()));
        m.put("client_ip", r.clientIp());
        m.put("helo", r.helo());
        m.put("size_bytes", r.sizeBytes());
        m.put("auth_results", r.authResults());
        m.put("agency", r.agency());
        m.put("profile", r.profile());
        m.put("outcome", r.outcome() == null ? null : r.outcome().name());
        m.put("smtp_reply", r.smtpReply());
        m.put("verdict", r.verdict());
        m.put("reason_codes", String.join("; ", r.reasonCodes()));
        m.put("document_name", r.documentName());
        m.put("document_sha256", r.documentSha256());
        m.put("file_type", r.fileType());
        m.put("document_type", r.documentType());
        m.put("signers", String.join("; ", r.signatures().stream().map(SignatureDetail::signer).toList()));
        m.put("issuers", String.join("; ", r.signatures().stream().map(s -> String.valueOf(s.issuer())).toList()));
        m.put("ca_families", String.join("; ", r.signatures().stream().map(s -> String.valueOf(s.caFamily())).toList()));
        m.put("signing_times", String.join("; ", r.signatures().stream()
                .map(s -> s.signingTime() == null ? "" : s.signingTime().toString()).toList()));
        m.put("rules_applied", String.join("; ", r.rulesApplied()));
        m.put("errors", String.join("; ", r.errors()));
        m.put("prev_hash", r.prevHash());
        m.put("hash", r.hash());
        return m;
    }

    /**
     * Quotes a cell when needed, and defuses spreadsheet formulas: a sender controls names and subjects, and a
     * cell starting with = + - @ would run as a formula when an auditor opens the export (CSV injection).
     */
    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.contains("'")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
