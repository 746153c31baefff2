package vn.mailgw.gateway.audit;

import java.time.Instant;

/**
 * Left by a purge: records up to {@code throughSeq} were removed, the last of them had hash {@code throughHash}.
 * The remaining chain starts at {@code throughSeq + 1} linking to {@code throughHash}. Signed with the node key.
 */
public record Checkpoint(String nodeId, long throughSeq, String throughHash, long purgedRecords, long totalPurged,
                         Instant createdAt, String keyId, String signature) {

    static String signedText(String nodeId, long throughSeq, String throughHash, long purgedRecords, long totalPurged,
                             Instant createdAt) {
        return "mailgw-audit-checkpoint|" + nodeId + "|" + throughSeq + "|" + throughHash + "|" + purgedRecords + "|"
                + totalPurged + "|" + createdAt.toEpochMilli();
    }

    String signedText() {
        return signedText(nodeId, throughSeq, throughHash, purgedRecords, totalPurged, createdAt);
    }
}
