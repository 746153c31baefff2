package vn.mailgw.gateway.audit;

import java.util.Optional;

/** What one purge did on one node's chain; the checkpoint is present when records were removed. */
public record PurgeResult(String nodeId, long purgedRecords, Optional<Checkpoint> checkpoint) {}
