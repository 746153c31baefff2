package vn.mailgw.gateway.audit;

/** What {@code audit verify} found for one node's chain. */
public sealed interface ChainVerdict {

    String nodeId();

    boolean intact();

    /** One line for an operator, English. */
    String describe();

    /** The chain verifies from its start (or the newest purge checkpoint) to the signed head. */
    record Intact(String nodeId, long records, long firstSeq, long lastSeq, String lastHash) implements ChainVerdict {
        @Override
        public boolean intact() {
            return true;
        }

        @Override
        public String describe() {
            return "node " + nodeId + ": OK, " + records + " records, seq " + firstSeq + ".." + lastSeq
                    + ", head " + lastHash;
        }
    }

    /**
     * The first bad place in the chain.
     *
     * @param seq      the chain position of the first bad (or first missing) record
     * @param recordId the record at that position; null when it is missing
     * @param problem  what is wrong, English
     */
    record Broken(String nodeId, long seq, String recordId, String problem) implements ChainVerdict {
        @Override
        public boolean intact() {
            return false;
        }

        @Override
        public String describe() {
            return "node " + nodeId + ": BROKEN at seq " + seq + (recordId == null ? "" : " (record " + recordId + ")")
                    + ": " + problem;
        }
    }
}
