package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One stored, hash-chained audit record: a whole message (kind MESSAGE) or one of its documents (kind DOCUMENT).
 * Document records repeat the message's envelope fields so that every search filter works on one table.
 * Message-only fields are null on document records and the other way round; lists are never null.
 *
 * @param id       the id a clerk reads in the stamp (see {@link AuditIds})
 * @param nodeId   the gateway node whose chain holds the record
 * @param seq      the position in the node's chain, from 1, without gaps
 * @param parentId for a document: its message's record id; null for a message
 * @param prevHash hex SHA-256 of the previous record of the node (64 zeros for the first, or the purge checkpoint's)
 * @param hash     hex SHA-256 of this record's canonical form (see {@link CanonicalForm})
 */
public record AuditRecord(String id, String nodeId, long seq, RecordKind kind, String parentId, Instant time,
                          String queueId, String messageId, String envelopeSender, String headerFrom,
                          List<String> recipients, String clientIp, String helo, Long sizeBytes, String authResults,
                          String agency, String profile, Outcome outcome, String smtpReply, String verdict,
                          List<String> reasonCodes, String documentName, String documentSha256, String fileType,
                          String documentType, List<String> rulesApplied, List<SignatureDetail> signatures,
                          List<String> errors, String prevHash, String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(kind, "kind");
        if (seq < 1) {
            throw new IllegalArgumentException("chain positions start at 1: " + seq);
        }
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        recipients = List.copyOf(recipients);
        reasonCodes = List.copyOf(reasonCodes);
        rulesApplied = List.copyOf(rulesApplied);
        signatures = List.copyOf(signatures);
        errors = List.copyOf(errors);
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The first signature's signer, the one a clerk cares about most; null when the document is unsigned. */
    public String primarySigner() {
        return signatures.isEmpty() ? null : signatures.get(0).signer();
    }

    /** This record with its hash recomputed from its content: equal to itself exactly when nothing was changed. */
    public AuditRecord withComputedHash() {
        return withHash(CanonicalForm.hash(this));
    }

    /** This draft placed in its chain: position, previous record's hash and its own hash. */
    AuditRecord chained(long newSeq, String newPrevHash, String newHash) {
        return new AuditRecord(id, nodeId, newSeq, kind, parentId, time, queueId, messageId, envelopeSender, headerFrom,
                recipients, clientIp, helo, sizeBytes, authResults, agency, profile, outcome, smtpReply, verdict,
                reasonCodes, documentName, documentSha256, fileType, documentType, rulesApplied, signatures, errors,
                newPrevHash, newHash);
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(id, nodeId, seq, kind, parentId, time, queueId, messageId, envelopeSender, headerFrom,
                recipients, clientIp, helo, sizeBytes, authResults, agency, profile, outcome, smtpReply, verdict,
                reasonCodes, documentName, documentSha256, fileType, documentType, rulesApplied, signatures, errors,
                prevHash, newHash);
    }
}
