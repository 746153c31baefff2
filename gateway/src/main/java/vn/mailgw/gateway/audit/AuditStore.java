package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where audit records live: an SQLite file (one node) or PostgreSQL (several nodes, one log), same schema.
 * All methods block (JDBC): call them from worker threads, never from a Vert.x event loop.
 */
public interface AuditStore extends AutoCloseable {

    /**
     * Appends to a node's chain in one transaction that is committed, and so fsync'd by the database,
     * before this returns. The records are durable and readable by id and chain at once, searchable after
     * {@link #indexPending}. {@code chainer} gets the current head (read under the node's write lock)
     * and returns the hashed records to add (with their column text, see {@link RecordRow}); the new head is signed
     * with {@code key}.
     */
    ChainHead append(String nodeId, Function<ChainHead, List<RecordRow>> chainer, NodeKey key);

    /**
     * Moves acknowledged records into the searched table with their derived rows (free text, recipients, day
     * counters) in one later transaction; returns how many. The audit writer calls it a few ms after its commits,
     * the store on opening (records a crash left unindexed) and before each search and report.
     */
    int indexPending();

    Optional<AuditRecord> find(String id);

    /** The document records of a message record, in document order. */
    List<AuditRecord> children(String parentId);

    SearchPage search(AuditQuery query);

    /**
     * How many records {@link #search} finds for this query over all its pages (its page size, offset and cursor
     * ignored): exact up to {@link MatchCount#CAP}, beyond it "more than"; when counting takes longer than
     * {@code budget}, "at least" what was counted by then.
     */
    MatchCount countMatches(AuditQuery query, java.time.Duration budget);

    /** Streams a node's chain in seq order from {@code fromSeq}; the visitor returns false to stop. */
    void scanChain(String nodeId, long fromSeq, Predicate<AuditRecord> visitor);

    /** Every node that has a chain (a head) in this store. */
    List<String> nodes();

    Optional<SignedHead> head(String nodeId);

    Optional<Checkpoint> latestCheckpoint(String nodeId);

    /** The stored public key with that id (base64 X.509), if any. */
    Optional<String> publicKey(String nodeId, String keyId);

    /** Records the node key's public half so that any host can check heads and checkpoints. */
    void registerKey(String nodeId, NodeKey key);

    /**
     * Removes the longest prefix of the node's chain whose records are all {@code expired}, and in the same
     * transaction stores a checkpoint signed with {@code key} so the rest still verifies.
     */
    PurgeResult purge(String nodeId, Predicate<AuditRecord> expired, NodeKey key, Instant now);

    /** Per-agency counts of records whose time is in [from, to). */
    List<AgencyStatistics> statistics(Instant from, Instant to);

    /** Senders with refused messages in [from, to), most refusals first. */
    List<Violator> violators(Instant from, Instant to, int limit);

    /**
     * Refreshes the query planner's statistics (SQLite {@code PRAGMA optimize}, PostgreSQL {@code ANALYZE}), so
     * searches keep choosing the right index as the log grows. Run after a purge.
     */
    void optimize();

    /** Number of records (all nodes). */
    long count();

    @Override
    void close();
}
