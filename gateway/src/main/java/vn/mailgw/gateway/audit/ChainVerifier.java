package vn.mailgw.gateway.audit;

import java.util.Optional;

/**
 * Walks one node's chain and reports the first bad place:
 * a record whose content no longer matches its hash (edited), a gap in the positions (deleted),
 * a link to the wrong predecessor (reordered or a predecessor replaced), a chain shorter than its signed head
 * (tail cut), or a head/checkpoint whose signature does not verify.
 *
 * <p>Limit: the head lives in the same database. Someone who can write to the database, cut the tail AND put
 * back an older head row (with its old, genuine signature) is not caught by the database alone; pass the
 * head an earlier verify printed ({@code expectedAnchor}) to catch that rollback.
 */
public final class ChainVerifier {

    private ChainVerifier() {}

    /** An earlier head (from a previous verify, kept elsewhere): the chain must still contain it. */
    public record Anchor(long seq, String hash) {}

    public static ChainVerdict verify(AuditStore store, String nodeId, Optional<Anchor> expectedAnchor) {
        Optional<Checkpoint> checkpoint = store.latestCheckpoint(nodeId);
        long startSeq = 1;
        String startPrev = AuditRecord.GENESIS_HASH;
        if (checkpoint.isPresent()) {
            Checkpoint cp = checkpoint.get();
            if (!signatureOk(store, nodeId, cp.keyId(), cp.signedText(), cp.signature())) {
                return new ChainVerdict.Broken(nodeId, cp.throughSeq() + 1, null,
                        "purge checkpoint through seq " + cp.throughSeq() + " has no valid node-key signature");
            }
            startSeq = cp.throughSeq() + 1;
            startPrev = cp.throughHash();
        }
        Walk walk = new Walk(nodeId, startSeq, startPrev, expectedAnchor.orElse(null));
        try {
            store.scanChain(nodeId, 1, walk::visit);
        } catch (AuditStoreException e) {
            return new ChainVerdict.Broken(nodeId, walk.expectedSeq, null,
                    "a record cannot be read (" + e.getCause() + ")");
        }
        if (walk.broken != null) {
            return walk.broken;
        }
        Optional<SignedHead> signedHead = store.head(nodeId);
        long lastSeq = walk.expectedSeq - 1;
        if (signedHead.isEmpty()) {
            return new ChainVerdict.Broken(nodeId, lastSeq + 1, null, "the node's chain head row is missing");
        }
        SignedHead sh = signedHead.get();
        ChainHead head = sh.head();
        if (head.lastSeq() > 0 && (sh.signature() == null
                || !signatureOk(store, nodeId, sh.keyId(), head.signedText(), sh.signature()))) {
            return new ChainVerdict.Broken(nodeId, head.lastSeq(), null, "the chain head has no valid node-key signature");
        }
        if (head.lastSeq() > lastSeq) {
            return new ChainVerdict.Broken(nodeId, lastSeq + 1, null, "tail cut: the signed head is at seq "
                    + head.lastSeq() + " but the chain ends at seq " + lastSeq);
        }
        if (head.lastSeq() < lastSeq) {
            return new ChainVerdict.Broken(nodeId, head.lastSeq() + 1, null, "records after the signed head (seq "
                    + head.lastSeq() + "): written without the gateway");
        }
        if (!head.lastHash().equals(walk.expectedPrev)) {
            return new ChainVerdict.Broken(nodeId, lastSeq, null, "the last record's hash differs from the signed head");
        }
        if (walk.anchor != null && !walk.anchorSeen && walk.anchor.seq() >= startSeq) {
            return new ChainVerdict.Broken(nodeId, Math.min(walk.anchor.seq(), lastSeq + 1), null,
                    "the expected anchor (seq " + walk.anchor.seq() + ") is no longer in the chain: rolled back");
        }
        return new ChainVerdict.Intact(nodeId, walk.count, startSeq, lastSeq, walk.expectedPrev);
    }

    private static boolean signatureOk(AuditStore store, String nodeId, String keyId, String text, String signature) {
        return keyId != null && store.publicKey(nodeId, keyId).map(k -> NodeKey.verify(k, text, signature)).orElse(false);
    }

    /** The state of one walk along the chain. */
    private static final class Walk {
        private final String nodeId;
        private final Anchor anchor;
        private long expectedSeq;
        private String expectedPrev;
        private long count;
        private boolean anchorSeen;
        private ChainVerdict.Broken broken;

        Walk(String nodeId, long startSeq, String startPrev, Anchor anchor) {
            this.nodeId = nodeId;
            this.expectedSeq = startSeq;
            this.expectedPrev = startPrev;
            this.anchor = anchor;
        }

        boolean visit(AuditRecord r) {
            if (r.seq() < expectedSeq) {
                broken = new ChainVerdict.Broken(nodeId, r.seq(), r.id(),
                        "record at seq " + r.seq() + " should have been purged (checkpoint is past it)");
                return false;
            }
            if (r.seq() > expectedSeq) {
                broken = new ChainVerdict.Broken(nodeId, expectedSeq, null,
                        "record(s) deleted: seq " + expectedSeq + (r.seq() - 1 > expectedSeq ? ".." + (r.seq() - 1) : "")
                                + " missing before " + r.id());
                return false;
            }
            if (!CanonicalForm.hash(r).equals(r.hash())) {
                broken = new ChainVerdict.Broken(nodeId, r.seq(), r.id(), "content changed: the record no longer"
                        + " matches its hash");
                return false;
            }
            if (!r.prevHash().equals(expectedPrev)) {
                broken = new ChainVerdict.Broken(nodeId, r.seq(), r.id(), "link broken: the record does not follow"
                        + " the record before it (reordered, or its predecessor was replaced)");
                return false;
            }
            if (anchor != null && anchor.seq() == r.seq()) {
                if (!anchor.hash().equals(r.hash())) {
                    broken = new ChainVerdict.Broken(nodeId, r.seq(), r.id(), "differs from the expected anchor hash");
                    return false;
                }
                anchorSeen = true;
            }
            expectedPrev = r.hash();
            expectedSeq++;
            count++;
            return true;
        }
    }
}
