package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's tamper-evident audit log: one MESSAGE record per handled message plus one DOCUMENT record per
 * attachment, hash-chained per node. {@link #append} blocks until the database has committed (and fsync'd) the
 * records, so the pipeline calls it on a worker thread before it answers 250.
 *
 * <p>Group commit: appends from many pipeline threads are queued and one writer thread commits whatever has
 * gathered in one transaction, so one fsync serves many messages (an fsync costs milliseconds; one per message
 * would cap the gateway at a few dozen messages a second on slow disks). Each caller still returns only after
 * the commit that holds its records.
 *
 * <p>Acknowledged, then indexed: that commit holds only the chained records (a small table, migration V5). An
 * indexer thread moves them into the searched table with their derived rows (indexes, free text, recipients,
 * counters) in a later transaction every {@link #INDEX_EVERY_MS} ms, so one indexing transaction serves many groups
 * and the writer's loop is only the commit. Searches and reports index what is pending before they read.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** At most this many messages per commit: bounds the transaction and the latency of its first message. */
    static final int MAX_GROUP = 256;
    /** Committed records wait at most about this long (plus one indexing transaction) before they are indexed. */
    static final long INDEX_EVERY_MS = 50;
    /**
     * When the indexer falls this far behind (it is slower than the commits, e.g. PostgreSQL's trigram index on a
     * busy machine), the writer indexes before its next commit: appends slow down to the indexing rate instead of
     * leaving an ever longer backlog that the next search would have to index first.
     */
    static final long MAX_UNINDEXED_RECORDS = 5_000;

    private final AuditStore store;
    private final String nodeId;
    private final NodeKey key;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;
    /** Records committed and not yet taken by the indexer (an upper bound: a move takes all that is pending). */
    private final AtomicLong unindexed = new AtomicLong();
    private final ScheduledExecutorService indexer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-indexer");
        t.setDaemon(true);
        return t;
    });
    private final boolean indexing;
    private volatile boolean indexFailing;
    private boolean settling;
    /** Group commits so far: with the messages appended, the average group size (the benchmark prints it). */
    final AtomicLong groups = new AtomicLong();

    /**
     * A message waiting for the writer. Its caller may give up waiting (the pipeline's deadline) and leave what to
     * record instead, which counts only while the writer has not taken the chain lock for it.
     */
    private static final class Pending {
        private enum State { QUEUED, CHAINED, ABANDONED }

        private final PreparedMessage message;
        private final CompletableFuture<AppendReceipt> done = new CompletableFuture<>();
        private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
        /** Set before the state becomes ABANDONED, read by the writer after it sees that state. */
        private volatile MessageAudit replacement;

        Pending(PreparedMessage message) {
            this.message = message;
        }

        PreparedMessage message() {
            return message;
        }

        CompletableFuture<AppendReceipt> done() {
            return done;
        }

        /** The writer, holding the chain lock: true when the message is recorded as given, false when abandoned. */
        boolean chain() {
            return state.compareAndSet(State.QUEUED, State.CHAINED) || state.get() == State.CHAINED;
        }

        /** The caller, giving up: true when {@code instead} will be recorded in place of the message. */
        boolean abandon(MessageAudit instead) {
            replacement = instead;
            return state.compareAndSet(State.QUEUED, State.ABANDONED);
        }
    }

    /**
     * A message's records before they have a place in the chain, serialised by the appending thread (canonical
     * form, see {@link CanonicalForm#unchained}, and column text, see {@link RecordRow}): the writer only numbers
     * them, links each to the previous hash and hashes three byte arrays: the serial part of an append stays small.
     */
    private record PreparedMessage(MessageAudit message, List<RecordRow> drafts,
                                   List<CanonicalForm.Unchained> forms) {}

    public AuditLog(AuditStore store, String nodeId, NodeKey key) {
        this(store, nodeId, key, true);
    }

    /**
     * {@code indexing} false: records stay pending until a search, a report or the next open indexes them, as after a
     * crash between the commit and the indexing (for tests).
     */
    AuditLog(AuditStore store, String nodeId, NodeKey key, boolean indexing) {
        AuditIds.requireValidNodeId(nodeId);
        this.store = store;
        this.nodeId = nodeId;
        this.key = key;
        store.registerKey(nodeId, key);
        writer = new Thread(this::writeLoop, "audit-writer-" + nodeId);
        writer.setDaemon(true);
        writer.start();
        this.indexing = indexing;
        if (indexing) {
            indexer.scheduleWithFixedDelay(this::indexCommitted, INDEX_EVERY_MS, INDEX_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens the configured store and loads (or creates) the node key. */
    public static AuditLog open(AuditConfig config) {
        return new AuditLog(JdbcAuditStore.open(config), config.nodeId(), NodeKey.loadOrCreate(config.keyDir(), config.nodeId()));
    }

    public String nodeId() {
        return nodeId;
    }

    public AuditStore store() {
        return store;
    }

    /** Messages waiting for the writer's next commit: each one's client is still waiting for its reply. */
    public int messagesAwaitingCommit() {
        return pending.size();
    }

    /**
     * Records committed (their clients heard 250) that the indexer has not taken yet, so searches find them only
     * after indexing them first. Grows without bound only when indexing keeps failing.
     */
    public long recordsAwaitingIndex() {
        return unindexed.get();
    }

    /** True while the last indexing attempt failed (nothing is lost: the records stay committed and are retried). */
    public boolean indexingFailing() {
        return indexFailing;
    }

    /** The id the stamp prints for this message before the record exists (see {@link AuditIds}). */
    public String recordIdFor(String queueId) {
        return AuditIds.messageRecordId(nodeId, queueId);
    }

    /** Writes the message's records durably; throws {@link AuditStoreException} when it could not (then: no 250). */
    public AppendReceipt append(MessageAudit message) {
        return append(message, null);
    }

    /**
     * As {@link #append(MessageAudit)}; when the calling thread is interrupted while it waits (the pipeline's
     * deadline: the client then hears 451, not the reply in {@code message}), what {@code ifInterrupted} gives
     * (built on this thread, only then) is recorded in its place, unless the writer has already chained
     * {@code message} (a commit stalled after it took the lock, e.g. in its fsync): then the record keeps what the
     * steps decided, and that is logged as an error. Null: nothing else to record.
     */
    public AppendReceipt append(MessageAudit message, Supplier<MessageAudit> ifInterrupted) {
        if (!open) {
            throw new AuditStoreException("the audit log is closed", null);
        }
        Pending p = new Pending(prepare(message));
        pending.add(p);
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (ifInterrupted != null) {
                MessageAudit instead = ifInterrupted.get();
                if (p.abandon(instead)) {
                    LOG.warn("audit record of queue {} will say \"{}\": its caller stopped waiting for the commit",
                            message.queueId(), instead.smtpReply());
                } else {
                    LOG.error("audit record of queue {} was already being committed and says \"{}\", but its"
                            + " client hears \"{}\"", message.queueId(), message.smtpReply(), instead.smtpReply());
                }
            }
            throw new AuditStoreException("interrupted while waiting for the audit commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AuditStoreException("audit append failed", e.getCause());
        }
    }

    private void writeLoop() {
        while (open || !pending.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                if (!open) {
                    break;
                }
                continue;
            }
            pending.drainTo(group, MAX_GROUP - 1);
            try {
                commit(group);
            } catch (Error e) {
                // The heap ran out elsewhere (a hostile attachment on a pipeline worker) while this thread committed:
                // fail this group (its messages get 451 and are retried) but keep the one writer alive, or every
                // later message would wait for a commit that never comes.
                LOG.error("audit writer: committing {} message(s) failed; they are answered 451", group.size(), e);
                group.forEach(p -> p.done().completeExceptionally(e));
                continue;
            }
            if (unindexed.get() >= MAX_UNINDEXED_RECORDS) {
                catchUp();
            }
        }
        for (Pending p; (p = pending.poll()) != null; ) {
            p.done().completeExceptionally(new AuditStoreException("the audit log is closed", null));
        }
    }

    /**
     * The indexer's tick: moves what the writer committed since the last tick into the searched table. A failure
     * loses nothing (the records stay pending, committed): it is logged once and tried again at the next tick.
     */
    private void indexCommitted() {
        long committed = unindexed.getAndSet(0);
        if (committed == 0 && !settling) {
            return;
        }
        try {
            // One more turn after the last commit, with nothing to move: the store tidies up (PostgreSQL merges
            // the trigram index's pending list).
            store.indexPending();
            settling = committed > 0;
            indexFailing = false;
        } catch (RuntimeException e) {
            unindexed.addAndGet(committed);
            if (!indexFailing) {
                LOG.warn("indexing acknowledged audit records failed; they stay pending and are retried", e);
            }
            indexFailing = true;
        }
    }

    /** The writer, too far ahead of the indexer: waits for its turn and indexes everything pending. */
    private void catchUp() {
        long committed = unindexed.getAndSet(0);
        try {
            store.indexPending();
        } catch (RuntimeException e) {
            unindexed.addAndGet(committed); // the records stay pending; the indexer's next tick retries
        }
    }

    private void commit(List<Pending> group) {
        groups.incrementAndGet();
        try {
            ChainHead head = appendPending(group);
            // Counted before any client hears its 250, so the backlog gauge never lags what clients were told.
            unindexed.addAndGet(group.stream().mapToLong(p -> p.message().drafts().size()).sum());
            for (Pending p : group) {
                p.done().complete(receipt(p.message().message(), head));
            }
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailed);
                return;
            }
            // One bad message (e.g. a reused queue id) must not fail the others: retry them one by one.
            LOG.warn("audit group commit of {} messages failed; retrying one by one", group.size(), groupFailed);
            for (Pending p : group) {
                try {
                    ChainHead head = appendPending(List.of(p));
                    unindexed.addAndGet(p.message().drafts().size());
                    p.done().complete(receipt(p.message().message(), head));
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    private AppendReceipt receipt(MessageAudit m, ChainHead head) {
        List<String> documentIds = new ArrayList<>();
        for (int i = 1; i <= m.documents().size(); i++) {
            documentIds.add(AuditIds.documentRecordId(nodeId, m.queueId(), i));
        }
        return new AppendReceipt(AuditIds.messageRecordId(nodeId, m.queueId()), documentIds, head);
    }

    /**
     * Writes several messages' records in one transaction (one commit, one fsync): for imports and bulk loads.
     * The gateway itself appends message by message, so each 250 waits only for its own record.
     */
    public ChainHead appendAll(List<MessageAudit> messages) {
        List<PreparedMessage> prepared = messages.stream().map(this::prepare).toList();
        ChainHead head = appendPrepared(prepared);
        try {
            store.indexPending();
        } catch (RuntimeException e) {
            // Committed: the caller must not retry them. They stay pending for the indexer or the next search.
            LOG.warn("indexing imported audit records failed; they stay pending", e);
            unindexed.addAndGet(prepared.stream().mapToLong(p -> p.drafts().size()).sum());
        }
        return head;
    }

    /**
     * The writer's commit of queued messages. Which version of each is recorded is decided in the chainer, which the
     * store calls once it holds the chain lock: a database that stalls before that (a lock held elsewhere) leaves
     * time for a caller to give up, and then its record says what its client heard.
     */
    private ChainHead appendPending(List<Pending> group) {
        return store.append(nodeId, head -> chain(head, group.stream()
                .map(p -> p.chain() ? p.message() : prepare(p.replacement)).toList()), key);
    }

    private ChainHead appendPrepared(List<PreparedMessage> messages) {
        return store.append(nodeId, head -> chain(head, messages), key);
    }

    private static List<RecordRow> chain(ChainHead head, List<PreparedMessage> messages) {
        List<RecordRow> all = new ArrayList<>();
        long seq = head.lastSeq();
        String prev = head.lastHash();
        for (PreparedMessage m : messages) {
            for (int i = 0; i < m.drafts().size(); i++) {
                seq++;
                String hash = m.forms().get(i).hash(seq, prev);
                all.add(m.drafts().get(i).chained(seq, prev, hash));
                prev = hash;
            }
        }
        return all;
    }

    /** The message's records (MESSAGE first, then its documents in order) with placeholder chain fields. */
    private PreparedMessage prepare(MessageAudit m) {
        String messageId = AuditIds.messageRecordId(nodeId, m.queueId());
        List<AuditRecord> drafts = new ArrayList<>();
        drafts.add(new AuditRecord(messageId, nodeId, 1, RecordKind.MESSAGE, null, m.time(), m.queueId(),
                m.messageId(), m.envelopeSender(), m.headerFrom(), m.recipients(), m.clientIp(), m.helo(),
                m.sizeBytes(), m.authResults(), m.agency(), m.profile(), m.outcome(), m.smtpReply(), m.verdict(),
                m.reasonCodes(), null, null, null, null, List.of(), List.of(), m.errors(), "", ""));
        for (int i = 0; i < m.documents().size(); i++) {
            DocumentAudit d = m.documents().get(i);
            drafts.add(new AuditRecord(AuditIds.documentRecordId(nodeId, m.queueId(), i + 1), nodeId, 1,
                    RecordKind.DOCUMENT, messageId, m.time(), m.queueId(), m.messageId(), m.envelopeSender(),
                    m.headerFrom(), m.recipients(), m.clientIp(), m.helo(), null, null, m.agency(),
                    d.profile() == null ? m.profile() : d.profile(), m.outcome(), null, d.verdict(), d.reasonCodes(),
                    d.name(), d.sha256(), d.type(), d.documentType(), d.rulesApplied(), d.signatures(), d.errors(),
                    "", ""));
        }
        return new PreparedMessage(m, drafts.stream().map(RecordRow::of).toList(),
                drafts.stream().map(CanonicalForm::unchained).toList());
    }

    /** Verifies every node's chain in the store. */
    public static List<ChainVerdict> verifyAll(AuditStore store) {
        List<ChainVerdict> out = new ArrayList<>();
        for (String node : store.nodes()) {
            out.add(ChainVerifier.verify(store, node, Optional.empty()));
        }
        return out;
    }

    /**
     * Removes, per node, the oldest records past their profile's retention and leaves a signed checkpoint.
     * A record is kept while any older record of its node must still be kept (the chain is cut only at its start).
     */
    public PurgeResult purge(RetentionPolicy retention, Instant now) {
        return store.purge(nodeId, r -> retention.expired(r, now), key, now);
    }

    /** Commits what is queued, stops the writer, indexes what it committed, closes the store. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(30_000);
            indexer.shutdown();
            indexer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (indexing) {
            indexCommitted();
        }
        store.close();
    }

    /** Retention in months per profile; a record expires when its time plus its months is before now. */
    public interface RetentionPolicy {
        int monthsFor(String profile);

        default boolean expired(AuditRecord r, Instant now) {
            return r.time().atZone(ZoneOffset.UTC).plusMonths(monthsFor(r.profile())).toInstant().isBefore(now);
        }

        static RetentionPolicy of(AuditConfig config) {
            return config::retentionMonthsFor;
        }
    }
}
