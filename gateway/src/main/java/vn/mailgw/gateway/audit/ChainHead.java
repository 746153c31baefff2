package vn.mailgw.gateway.audit;

import java.util.Objects;

/**
 * The newest record of a node's chain: where the next record links to.
 *
 * @param nodeId   the node
 * @param lastSeq  the newest record's chain position (0 when the chain is empty)
 * @param lastHash its hash ({@link AuditRecord#GENESIS_HASH} when empty)
 */
public record ChainHead(String nodeId, long lastSeq, String lastHash) {

    public ChainHead {
        AuditIds.requireValidNodeId(nodeId);
        Objects.requireNonNull(lastHash, "lastHash");
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
    }

    public static ChainHead empty(String nodeId) {
        return new ChainHead(nodeId, 0, AuditRecord.GENESIS_HASH);
    }

    /** The text the node key signs for this head. */
    String signedText() {
        return "mailgw-audit-head|" + nodeId + "|" + lastSeq + "|" + lastHash;
    }
}
