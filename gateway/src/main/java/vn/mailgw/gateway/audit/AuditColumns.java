package vn.mailgw.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a record is kept in the audit tables' columns, both ways: lists as JSON text, times as epoch milliseconds, the
 * signatures as a JSON array, and the derived search text. The hash covers the record ({@link CanonicalForm}), not
 * these columns, so this mapping may change with a migration while every hash stays valid.
 */
final class AuditColumns {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    static final String COLUMNS = "id, node_id, seq, kind, parent_id, recorded_at, queue_id, message_id,"
            + " envelope_sender, header_from, recipients, client_ip, helo, size_bytes, auth_results, agency, profile,"
            + " outcome, smtp_reply, verdict, reason_codes, document_name, document_sha256, file_type, document_type,"
            + " rules_applied, signatures, errors, prev_hash, hash";

    private AuditColumns() {}

    static AuditRecord read(ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        String outcome = rs.getString("outcome");
        return new AuditRecord(rs.getString("id"), rs.getString("node_id"), rs.getLong("seq"),
                RecordKind.valueOf(rs.getString("kind")), rs.getString("parent_id"),
                Instant.ofEpochMilli(rs.getLong("recorded_at")), rs.getString("queue_id"), rs.getString("message_id"),
                rs.getString("envelope_sender"), rs.getString("header_from"), strings(rs.getString("recipients")),
                rs.getString("client_ip"), rs.getString("helo"), sizeBytes, rs.getString("auth_results"),
                rs.getString("agency"), rs.getString("profile"), outcome == null ? null : Outcome.valueOf(outcome),
                rs.getString("smtp_reply"), rs.getString("verdict"), strings(rs.getString("reason_codes")),
                rs.getString("document_name"), rs.getString("document_sha256"), rs.getString("file_type"),
                rs.getString("document_type"), strings(rs.getString("rules_applied")),
                signatures(rs.getString("signatures")), strings(rs.getString("errors")), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static List<Map<String, Object>> signaturesToRows(List<SignatureDetail> signatures) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SignatureDetail s : signatures) {
            Map<String, Object> m = new HashMap<>();
            m.put("signer", s.signer());
            m.put("issuer", s.issuer());
            m.put("caFamily", s.caFamily());
            m.put("signingTime", s.signingTime() == null ? null : s.signingTime().toEpochMilli());
            m.put("status", s.status());
            rows.add(m);
        }
        return rows;
    }

    private static List<SignatureDetail> signatures(String json) throws SQLException {
        try {
            List<Map<String, Object>> rows = JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {});
            List<SignatureDetail> out = new ArrayList<>();
            for (Map<String, Object> m : rows) {
                Object t = m.get("signingTime");
                out.add(new SignatureDetail((String) m.get("signer"), (String) m.get("issuer"),
                        (String) m.get("caFamily"), t == null ? null : Instant.ofEpochMilli(((Number) t).longValue()),
                        (String) m.get("status")));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SQLException("unreadable signatures column: " + json, e);
        }
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable list column: " + json, e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    /** The words free-text search looks in, lower case. Derived data: the hash covers the columns it comes from. */
    static String searchText(AuditRecord r) {
        StringBuilder b = new StringBuilder();
        for (Object o : new Object[] {r.id(), r.queueId(), r.messageId(), r.envelopeSender(), r.headerFrom(),
                String.join(" ", r.recipients()), r.clientIp(), r.helo(), r.agency(), r.verdict(),
                String.join(" ", r.reasonCodes()), r.documentName(), r.documentSha256(), r.fileType(), r.documentType(),
                String.join(" ", r.errors()), r.smtpReply()}) {
            if (o != null) {
                b.append(o).append(' ');
            }
        }
        for (SignatureDetail s : r.signatures()) {
            b.append(s.signer()).append(' ').append(s.issuer() == null ? "" : s.issuer()).append(' ');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
