package vn.mailgw.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical serialisation a record's hash is computed over: a JSON object with keys in sorted order,
 * every field present (null included), times as epoch milliseconds, no whitespace. It covers every field
 * except the hash itself, including the chain position and the previous record's hash, so editing, moving
 * or removing a record changes some hash that {@code audit verify} recomputes. The format is versioned
 * ("v") so a later change of fields cannot silently reinterpret old records.
 */
public final class CanonicalForm {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalForm() {}

    public static String of(AuditRecord r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("v", VERSION);
        m.put("id", r.id());
        m.put("node", r.nodeId());
        m.put("seq", r.seq());
        m.put("kind", r.kind().name());
        m.put("parent", r.parentId());
        m.put("time", r.time().toEpochMilli());
        m.put("queueId", r.queueId());
        m.put("messageId", r.messageId());
        m.put("envelopeSender", r.envelopeSender());
        m.put("headerFrom", r.headerFrom());
        m.put("recipients", r.recipients());
        m.put("clientIp", r.clientIp());
        m.put("helo", r.helo());
        m.put("size", r.sizeBytes());
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
        m.put("rulesApplied", r.rulesApplied());
        m.put("signatures", signatures(r.signatures()));
        m.put("errors", r.errors());
        m.put("prevHash", r.prevHash());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit record " + r.id(), e);
        }
    }

    public static String hash(AuditRecord r) {
        return sha256Hex(of(r).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<Map<String, Object>> signatures(List<SignatureDetail> signatures) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SignatureDetail s : signatures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("caFamily", s.caFamily());
            m.put("issuer", s.issuer());
            m.put("signer", s.signer());
            m.put("signingTime", s.signingTime() == null ? null : s.signingTime().toEpochMilli());
            m.put("status", s.status());
            out.add(m);
        }
        return out;
    }
}
