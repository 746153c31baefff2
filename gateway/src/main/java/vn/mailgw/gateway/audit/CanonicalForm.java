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

    /**
     * The canonical form of a record not yet placed in its chain, cut where its chain position and previous hash
     * go, so the single audit writer only joins the parts with those two values and hashes them; the serialisation
     * itself is done by the appending thread. Same bytes as {@link #of}: keys are sorted, so "prevHash" comes before
     * "seq", and an unescaped {@code "key":} occurs only as a key (quotes inside values are escaped).
     *
     * <p>The appending thread also feeds the part before the previous hash (about 60 % of the bytes) to SHA-256, which
     * processes its input front to back: the writer continues from that state with the rest. Same bytes, same hash;
     * SHA-256 without the CPU's SHA instructions costs ~6 µs per kilobyte, and the writer is the one serial thread.
     */
    static Unchained unchained(AuditRecord draft) {
        String text = of(draft);
        String prevKey = "\"prevHash\":\"" + draft.prevHash() + "\"";
        String seqKey = "\"seq\":" + draft.seq();
        int prev = text.indexOf(prevKey);
        int seq = text.indexOf(seqKey, prev);
        if (prev < 0 || seq < 0) {
            throw new IllegalStateException("canonical form without prevHash or seq: " + draft.id());
        }
        int afterPrev = prev + prevKey.length();
        MessageDigest beforePrevHash = sha256();
        beforePrevHash.update(bytes(text.substring(0, prev) + "\"prevHash\":\""));
        return new Unchained(beforePrevHash, bytes("\"" + text.substring(afterPrev, seq) + "\"seq\":"),
                bytes(text.substring(seq + seqKey.length())));
    }

    /**
     * A record's canonical form without its chain position and previous hash, see {@link #unchained}: the SHA-256
     * state after the bytes before the previous hash, and the bytes after it.
     */
    static final class Unchained {
        private final MessageDigest beforePrevHash;
        private final byte[] beforeSeq;
        private final byte[] rest;

        private Unchained(MessageDigest beforePrevHash, byte[] beforeSeq, byte[] rest) {
            this.beforePrevHash = beforePrevHash;
            this.beforeSeq = beforeSeq;
            this.rest = rest;
        }

        /** The record's hash at {@code seq} after {@code prevHash}; may be called again (a group retried one by one). */
        String hash(long seq, String prevHash) {
            MessageDigest sha = copy(beforePrevHash);
            sha.update(bytes(prevHash));
            sha.update(beforeSeq);
            sha.update(bytes(Long.toString(seq)));
            sha.update(rest);
            return HexFormat.of().formatHex(sha.digest());
        }

        private static MessageDigest copy(MessageDigest digest) {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
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
