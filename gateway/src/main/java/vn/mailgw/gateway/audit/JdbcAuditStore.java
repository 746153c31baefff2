package vn.mailgw.gateway.audit;

import static vn.mailgw.gateway.audit.AuditColumns.COLUMNS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

/** The audit store on JDBC: SQLite or PostgreSQL, one schema (db/audit/V*.sql), one code path. */
public final class JdbcAuditStore implements AuditStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcAuditStore.class);

    private final ConnectionPool pool;
    /**
     * What appends write through. SQLite: one connection of its own (one writer per file anyway), so the statements
     * it keeps compiled ({@link ConnectionPool.Lease#prepared}) are compiled once, and no other connection's write
     * drops its page cache between two writes; its transactions write only the chain file (migration V7).
     * PostgreSQL: the pool.
     */
    private final ConnectionPool writes;
    /**
     * What indexing and purges write through. SQLite: another connection of its own, writing the index file (the
     * main file) while the appends commit into the chain file: two write locks, two fsyncs, at the same time.
     * PostgreSQL: the pool.
     */
    private final ConnectionPool indexWrites;
    private final SqlDialect dialect;
    /**
     * Writers of the chain (SQLite: the chain file) take turns in the JVM before they take the database lock: appends,
     * and the SQLite indexer's deletes of indexed copies. Taken after {@link #indexLock} when both are needed.
     */
    private final Object writeLock = new Object();
    /** One indexer per store instance (SQLite: the only writer of the audit file, with purges). */
    private final Object indexLock = new Object();
    /** PostgreSQL: records were indexed since the trigram index's pending list was last merged. */
    private boolean textIndexUnmerged;
    /** Counts what a search matches (its SQL per store and its ways for free text). */
    private final MatchCounter counter;
    /** PostgreSQL: a search's page in statements the planner cannot turn into a walk over millions of rows. */
    private final PostgresPageSearch postgresPages;
    /** SQLite: a search's page, the newest rows first, then the FTS5 trigram index. */
    private final SqlitePageSearch sqlitePages;
    /** SQLite only: keeps the WAL short; null for PostgreSQL. */
    private SqliteCheckpointer checkpointer;

    private JdbcAuditStore(ConnectionPool pool, ConnectionPool writes, ConnectionPool indexWrites, SqlDialect dialect) {
        this.pool = pool;
        this.writes = writes;
        this.indexWrites = indexWrites;
        this.dialect = dialect;
        this.counter = new MatchCounter(dialect);
        this.postgresPages = new PostgresPageSearch(this::query, COLUMNS);
        this.sqlitePages = new SqlitePageSearch(this::query, COLUMNS);
    }

    /**
     * SQLite: the file next to the audit file that holds what appends commit (pending records, signed heads), see
     * migration V7. Both files are the log: back them up together.
     */
    public static Path chainFileOf(Path file) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + "-chain");
    }

    /** Opens (and creates or migrates) the store the configuration names. */
    public static JdbcAuditStore open(AuditConfig config) {
        return config.store() == AuditConfig.StoreKind.SQLITE
                ? openSqlite(config.sqliteFile())
                : openPostgres(config.postgresUrl(), config.postgresUser(), config.postgresPassword());
    }

    public static JdbcAuditStore openSqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new AuditStoreException("cannot create the folder of " + file, e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        // The chain file (V7) is attached to every connection, so unqualified table names find its tables. Its
        // journal mode and durability are its own settings: WAL, and synchronous=FULL for the appends' commits.
        List<String> onOpen = List.of("PRAGMA wal_autocheckpoint = 0",
                "ATTACH DATABASE '" + chainFileOf(file).toString().replace("'", "''") + "' AS chain",
                "PRAGMA chain.journal_mode = WAL", "PRAGMA chain.synchronous = FULL");
        // The indexer only deletes copies already indexed from the chain file: those deletes need no fsync of
        // their own (lost in a crash, the copies are skipped by the next move and deleted again).
        List<String> indexerOnOpen = new ArrayList<>(onOpen);
        indexerOnOpen.add("PRAGMA chain.synchronous = NORMAL");
        // DEFERRED everywhere but the migration: BEGIN IMMEDIATE would take the write lock of every attached file,
        // so an append would wait for the indexer and a long read (audit verify) for nothing. Each writing
        // transaction's first statement writes the one file it writes, which takes that file's lock first.
        try (ConnectionPool migration = new ConnectionPool(url, sqliteProperties("IMMEDIATE"), 1, onOpen);
             ConnectionPool.Lease lease = migration.borrow()) {
            SchemaMigrations.migrate(lease.connection(), SqlDialect.SQLITE);
        } catch (SQLException e) {
            throw new AuditStoreException("cannot open or migrate the audit store " + file, e);
        }
        Properties p = sqliteProperties("DEFERRED");
        JdbcAuditStore store = new JdbcAuditStore(new ConnectionPool(url, p, 4, onOpen),
                new ConnectionPool(url, p, 1, onOpen), new ConnectionPool(url, p, 1, indexerOnOpen), SqlDialect.SQLITE);
        store.checkpointer = new SqliteCheckpointer(store.pool);
        store.forgetCopiesOfPurgedRecords();
        store.indexPending();
        return store;
    }

    private static Properties sqliteProperties(String transactionMode) {
        Properties p = new Properties();
        // WAL + synchronous=FULL: every commit is fsync'd to the WAL before it returns; readers do not block the writer.
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("busy_timeout", "30000");
        p.setProperty("transaction_mode", transactionMode);
        // 64 MB page cache per connection: index pages of a million-record log stay in memory (default: 2 MB).
        p.setProperty("cache_size", "-65536");
        // Checkpoints (copying the WAL into the database file, with its own fsync) run on a background thread
        // (SqliteCheckpointer) instead of inside whichever append's commit crosses the WAL size limit: the
        // connections set wal_autocheckpoint = 0.
        return p;
    }

    public static JdbcAuditStore openPostgres(String url, String user, String password) {
        ConnectionPool pool = postgresPool(url, user, password, 6);
        JdbcAuditStore store = openAndMigrate(pool, SqlDialect.POSTGRES);
        // Records a crash left acknowledged but not indexed (this node's or another's) become searchable now.
        store.indexPending();
        return store;
    }

    /**
     * Every statement is planned for its own values: a search's selectivity hangs on them (a time range of a day or
     * of the whole log, a rare or a common text). pgJDBC prepares a statement on the server after 5 runs
     * (prepareThreshold) and the server's plan cache then may keep one generic plan for all values: for a file name
     * in a month it chose a bitmap over the month's time-index entries, 1.9 M of them in the bench database (630 ms),
     * which the plan for the actual month and text skips (bench/audit, auto_explain). Planning takes about a
     * millisecond (the statements stay parsed on the server, only their planning repeats).
     * No JIT: these are short statements an auditor waits for, and a plan estimated above 500 000 (a common text's
     * matches in a big log) is compiled with inlining first: +247 ms for a 140 ms page on Debian's PostgreSQL 15,
     * +8-14 ms without inlining (measured on 1 M rows, jit_*_above_cost lowered to force it; the embedded server of
     * the tests and bench/audit has no JIT provider).
     */
    static final List<String> POSTGRES_SESSION = List.of("SET plan_cache_mode = force_custom_plan", "SET jit = off");

    static ConnectionPool postgresPool(String url, String user, String password, int size) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "mailgw-audit");
        // One multi-row INSERT per batch instead of one round trip per record.
        p.setProperty("reWriteBatchedInserts", "true");
        return new ConnectionPool(url, p, size, POSTGRES_SESSION);
    }

    private static JdbcAuditStore openAndMigrate(ConnectionPool pool, SqlDialect dialect) {
        try (ConnectionPool.Lease lease = pool.borrow()) {
            SchemaMigrations.migrate(lease.connection(), dialect);
        } catch (SQLException e) {
            pool.close();
            throw new AuditStoreException("cannot open or migrate the audit store", e);
        }
        return new JdbcAuditStore(pool, pool, pool, dialect);
    }

    @Override
    public ChainHead append(String nodeId, Function<ChainHead, List<RecordRow>> chainer, NodeKey key) {
        synchronized (writeLock) {
            try (ConnectionPool.Lease lease = writes.borrow()) {
                Connection c = lease.connection();
                c.setAutoCommit(false);
                try {
                    ChainHead head = lockHead(lease, nodeId);
                    List<RecordRow> rows = chainer.apply(head);
                    if (rows.isEmpty()) {
                        c.rollback();
                        return head;
                    }
                    insertPending(lease, rows);
                    // After the insert: on PostgreSQL it waits for a move of a pending row with the same id, and
                    // the check then sees that row in audit_record (each statement sees what committed before it).
                    rejectKnownIds(lease, rows);
                    AuditRecord last = rows.get(rows.size() - 1).record();
                    ChainHead newHead = new ChainHead(nodeId, last.seq(), last.hash());
                    writeHead(lease, newHead, key, last.time());
                    c.commit();
                    return newHead;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new AuditStoreException("audit append failed for node " + nodeId, e);
            }
        }
    }

    @Override
    public int indexPending() {
        // One indexer at a time in this process. SQLite: the appends commit into the chain file meanwhile (V7);
        // PostgreSQL moves rows concurrently with appends (SearchIndexer).
        synchronized (indexLock) {
            try (ConnectionPool.Lease lease = indexWrites.borrow()) {
                return dialect == SqlDialect.SQLITE ? indexSqlite(lease) : indexPostgres(lease);
            } catch (SQLException e) {
                throw new AuditStoreException("indexing acknowledged audit records failed", e);
            }
        }
    }

    /**
     * First forgets the chain file's copies of what earlier turns indexed, then indexes the rest in one transaction
     * on the index file, fsync'd (synchronous=FULL): the copies are deleted only after that.
     */
    private int indexSqlite(ConnectionPool.Lease lease) throws SQLException {
        Connection c = lease.connection();
        // The delete writes the chain file: it takes its turn with the appends in the JVM, because SQLite's own wait
        // for a busy file lock sleeps (1, 2, 5 ... 100 ms) instead of waking when the lock is free.
        synchronized (writeLock) {
            SearchIndexer.forgetIndexedSqlite(lease);
        }
        c.setAutoCommit(false);
        try {
            int moved = SearchIndexer.movePending(lease, SqlDialect.SQLITE);
            c.commit();
            return moved;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private int indexPostgres(ConnectionPool.Lease lease) throws SQLException {
        Connection c = lease.connection();
        // Derived data needs no fsync of its own: if this commit is lost, its records are still pending.
        lease.prepared("SET synchronous_commit = off").execute();
        try {
            c.setAutoCommit(false);
            try {
                int moved = SearchIndexer.movePending(lease, dialect);
                if (moved > 0) {
                    textIndexUnmerged = true;
                } else if (textIndexUnmerged) {
                    // Appends paused: merge the trigram index's pending list now, so free-text searches
                    // do not read through it (it fills until 4 MB or the next vacuum otherwise).
                    SearchIndexer.mergeTextIndex(c);
                    textIndexUnmerged = false;
                }
                c.commit();
                if (moved > 0) {
                    c.setAutoCommit(true);
                    SearchIndexer.reclaimPendingSpace(c);
                }
                return moved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            c.setAutoCommit(true);
            lease.prepared("SET synchronous_commit = on").execute();
        }
    }

    /** Before a search or report: what is acknowledged gets indexed first, so answers include it. */
    private void indexIfPending() {
        // Pending rows already in audit_record are SQLite's copies that the next indexing turn forgets (V7).
        String sql = "SELECT 1 FROM audit_pending p WHERE " + NOT_INDEXED + " LIMIT 1";
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(sql);
             ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the pending audit records", e);
        }
        indexPending();
    }

    /** Reads the node's head under the write lock; creates the row for a new node first so there is a row to lock. */
    private ChainHead lockHead(ConnectionPool.Lease lease, String nodeId) throws SQLException {
        PreparedStatement create = lease.prepared("INSERT INTO audit_head (node_id, last_seq, last_hash, updated_at)"
                + " VALUES (?, 0, ?, ?) ON CONFLICT (node_id) DO NOTHING");
        create.setString(1, nodeId);
        create.setString(2, AuditRecord.GENESIS_HASH);
        create.setLong(3, System.currentTimeMillis());
        create.executeUpdate();
        PreparedStatement read = lease.prepared(
                "SELECT last_seq, last_hash FROM audit_head WHERE node_id = ?" + dialect.rowLockClause());
        read.setString(1, nodeId);
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            return new ChainHead(nodeId, rs.getLong(1), rs.getString(2));
        }
    }

    private static void writeHead(ConnectionPool.Lease lease, ChainHead head, NodeKey key, Instant time)
            throws SQLException {
        PreparedStatement p = lease.prepared("UPDATE audit_head SET last_seq = ?, last_hash = ?, updated_at = ?,"
                + " key_id = ?, signature = ? WHERE node_id = ?");
        p.setLong(1, head.lastSeq());
        p.setString(2, head.lastHash());
        p.setLong(3, time.toEpochMilli());
        p.setString(4, key.keyId());
        p.setString(5, key.sign(head.signedText()));
        p.setString(6, head.nodeId());
        p.executeUpdate();
    }

    /**
     * A record id is unique in the whole log, and a second message with a used queue id must fail before its 250
     * (AuditLog then retries the group one by one, so only that message fails). The pending table's primary key
     * catches ids that are still pending; this catches ids already moved to audit_record. Only MESSAGE ids are
     * looked up: a document id is its message id plus a number, and queue ids have no dot.
     */
    private static void rejectKnownIds(ConnectionPool.Lease lease, List<RecordRow> rows) throws SQLException {
        List<String> ids = rows.stream().map(RecordRow::record).filter(r -> r.kind() == RecordKind.MESSAGE)
                .map(AuditRecord::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        // One kept statement per group size (at most AuditLog.MAX_GROUP of them).
        PreparedStatement p = lease.prepared("SELECT id FROM audit_record WHERE id IN (" + marks + ")");
        for (int i = 0; i < ids.size(); i++) {
            p.setString(i + 1, ids.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
            if (rs.next()) {
                throw new SQLException("audit record id already used: " + rs.getString(1));
            }
        }
    }

    /** The acknowledged part of an append: the chained records, into the small pending table (migration V5). */
    private static void insertPending(ConnectionPool.Lease lease, List<RecordRow> rows) throws SQLException {
        PreparedStatement p = lease.prepared("INSERT INTO audit_pending (" + SearchIndexer.COLUMNS + ")"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (RecordRow row : rows) {
            AuditRecord r = row.record();
            int i = 1;
            p.setString(i++, r.id());
            p.setString(i++, r.nodeId());
            p.setLong(i++, r.seq());
            p.setString(i++, r.kind().name());
            p.setString(i++, r.parentId());
            p.setLong(i++, r.time().toEpochMilli());
            p.setString(i++, r.queueId());
            p.setString(i++, r.messageId());
            p.setString(i++, r.envelopeSender());
            p.setString(i++, r.headerFrom());
            p.setString(i++, row.recipientsJson());
            p.setString(i++, r.clientIp());
            p.setString(i++, r.helo());
            if (r.sizeBytes() == null) {
                p.setNull(i++, Types.BIGINT);
            } else {
                p.setLong(i++, r.sizeBytes());
            }
            p.setString(i++, r.authResults());
            p.setString(i++, r.agency());
            p.setString(i++, r.profile());
            p.setString(i++, r.outcome() == null ? null : r.outcome().name());
            p.setString(i++, r.smtpReply());
            p.setString(i++, r.verdict());
            p.setString(i++, row.reasonCodesJson());
            p.setString(i++, r.documentName());
            p.setString(i++, r.documentSha256());
            p.setString(i++, r.fileType());
            p.setString(i++, r.documentType());
            p.setString(i++, row.rulesAppliedJson());
            p.setString(i++, row.signaturesJson());
            p.setString(i++, row.errorsJson());
            p.setString(i++, r.prevHash());
            p.setString(i++, r.hash());
            p.setString(i, row.searchText());
            p.addBatch();
        }
        p.executeBatch();
    }

    /** A pending row ({@code p}) that the indexer has not copied into audit_record yet. */
    private static final String NOT_INDEXED = "NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.id = p.id)";

    /**
     * Pending first, then the searched table, in two statements: the indexer puts a record into audit_record before
     * it takes it out of audit_pending, so a record moved meanwhile is found in one of them. (SQLite keeps them in two
     * files, V7, and one statement does not read both at one instant; a record may be in both for a while.)
     */
    @Override
    public Optional<AuditRecord> find(String id) {
        List<AuditRecord> pending = query("SELECT " + COLUMNS + " FROM audit_pending WHERE id = ?", List.of(id));
        if (!pending.isEmpty()) {
            return Optional.of(pending.get(0));
        }
        return query("SELECT " + COLUMNS + " FROM audit_record WHERE id = ?", List.of(id)).stream().findFirst();
    }

    /** As {@link #find}: pending first, then the searched table; a record in both counts once. */
    @Override
    public List<AuditRecord> children(String parentId) {
        Map<String, AuditRecord> byId = new java.util.LinkedHashMap<>();
        for (String table : List.of("audit_pending", "audit_record")) {
            for (AuditRecord r : query("SELECT " + COLUMNS + " FROM " + table + " WHERE parent_id = ?", List.of(parentId))) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        return byId.values().stream().sorted(java.util.Comparator.comparingLong(AuditRecord::seq)).toList();
    }

    @Override
    public SearchPage search(AuditQuery q) {
        indexIfPending();
        if (dialect == SqlDialect.POSTGRES) {
            return page(postgresPages.search(q), q);
        }
        return page(sqlitePages.search(q), q);
    }

    /**
     * Counts what {@link #search} pages through (same filters, same pending records indexed first, the cursor ignored),
     * reading at most {@link MatchCount#CAP} + 1 matching rows, and for at most {@code budget}.
     */
    @Override
    public MatchCount countMatches(AuditQuery q, java.time.Duration budget) {
        indexIfPending();
        SearchSql.Filters f = SearchSql.filters(q, false);
        try (ConnectionPool.Lease lease = pool.borrow(); CountDeadline deadline = new CountDeadline(budget)) {
            Connection c = lease.connection();
            // PostgreSQL streams rows only inside a transaction; in both stores every step reads one snapshot.
            c.setAutoCommit(false);
            try {
                return counter.count(c, deadline, q, f.sql().toString(), f.args());
            } finally {
                deadline.running(null);
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit count failed", e);
        }
    }

    /** Tests: small samples, so that counts over a small log take the last way too (text index, trigram LIKE). */
    void countSamples(int sampleRows, int probeRows) {
        counter.countSamples(sampleRows, probeRows);
    }

    /** Tests: small probes of the newest rows, so that PostgreSQL pages over a small log take each way too. */
    void pageProbes(int firstRows, int mostRows) {
        postgresPages.probeRows(firstRows, mostRows);
    }

    private static SearchPage page(List<AuditRecord> rows, AuditQuery q) {
        boolean more = rows.size() > q.limit();
        List<AuditRecord> page = more ? rows.subList(0, q.limit()) : rows;
        PageCursor next = more ? PageCursor.after(page.get(page.size() - 1)) : null;
        return new SearchPage(page, more, next);
    }

    /**
     * The chain is in two tables: audit_record up to some seq, audit_pending after it, and the writer moves the
     * boundary up at any time. So: read audit_record from the next expected seq, then audit_pending from there;
     * when pending does not start right there, its rows were moved meanwhile: read audit_record again. Stops when
     * neither table has the next rows (a deleted record shows as a gap or a short chain, as before).
     */
    @Override
    public void scanChain(String nodeId, long fromSeq, Predicate<AuditRecord> visitor) {
        long next = fromSeq;
        boolean seen = false;
        boolean inRecords = true;
        int emptyReads = 0;
        while (emptyReads < 2) {
            if (!inRecords && !seen) {
                // Nothing read yet, so no expected seq: pending starts where it starts, unless rows were moved
                // to audit_record since it was read (then read those first).
                Long first = firstSeq("audit_pending", nodeId, next);
                if (first != null && firstSeq("audit_record", nodeId, next) != null) {
                    inRecords = true;
                    continue;
                }
                next = first == null ? next : first;
            }
            Scan scan = scan(inRecords ? "audit_record" : "audit_pending", nodeId, next, !inRecords, visitor);
            if (scan.stopped()) {
                return;
            }
            seen |= scan.rows() > 0;
            emptyReads = scan.rows() == 0 ? emptyReads + 1 : 0;
            next = scan.next();
            inRecords = !inRecords;
        }
    }

    private Long firstSeq(String table, String nodeId, long from) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(
                     "SELECT MIN(seq) FROM " + table + " WHERE node_id = ? AND seq >= ?")) {
            p.setString(1, nodeId);
            p.setLong(2, from);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                return rs.wasNull() ? null : seq;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the chain of node " + nodeId, e);
        }
    }

    private record Scan(int rows, long next, boolean stopped) {}

    /** Visits {@code table}'s rows of the node from {@code from} in seq order; {@code contiguous}: stop at a gap. */
    private Scan scan(String table, String nodeId, long from, boolean contiguous, Predicate<AuditRecord> visitor) {
        try (ConnectionPool.Lease lease = pool.borrow()) {
            Connection c = lease.connection();
            // PostgreSQL streams with a cursor only inside a transaction; otherwise it would load the whole chain.
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM " + table + " WHERE node_id = ? AND seq >= ? ORDER BY seq")) {
                p.setFetchSize(1000);
                p.setString(1, nodeId);
                p.setLong(2, from);
                int rows = 0;
                long next = from;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        AuditRecord r = AuditColumns.read(rs);
                        if (contiguous && r.seq() != next) {
                            break;
                        }
                        rows++;
                        next = r.seq() + 1;
                        if (!visitor.test(r)) {
                            return new Scan(rows, next, true);
                        }
                    }
                }
                return new Scan(rows, next, false);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the chain of node " + nodeId, e);
        }
    }

    @Override
    public List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement("SELECT node_id FROM audit_head ORDER BY node_id");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                nodes.add(rs.getString(1));
            }
            return nodes;
        } catch (SQLException e) {
            throw new AuditStoreException("cannot list audit nodes", e);
        }
    }

    @Override
    public Optional<SignedHead> head(String nodeId) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(
                     "SELECT last_seq, last_hash, key_id, signature FROM audit_head WHERE node_id = ?")) {
            p.setString(1, nodeId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SignedHead(new ChainHead(nodeId, rs.getLong(1), rs.getString(2)),
                        rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the head of node " + nodeId, e);
        }
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String nodeId) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement("SELECT through_seq, through_hash, purged_records,"
                     + " total_purged, created_at, key_id, signature FROM audit_checkpoint WHERE node_id = ?"
                     + " ORDER BY through_seq DESC LIMIT 1")) {
            p.setString(1, nodeId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(nodeId, rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the checkpoints of node " + nodeId, e);
        }
    }

    @Override
    public Optional<String> publicKey(String nodeId, String keyId) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(
                     "SELECT public_key FROM audit_node_key WHERE node_id = ? AND key_id = ?")) {
            p.setString(1, nodeId);
            p.setString(2, keyId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the keys of node " + nodeId, e);
        }
    }

    @Override
    public void registerKey(String nodeId, NodeKey key) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement("INSERT INTO audit_node_key"
                     + " (node_id, key_id, algorithm, public_key, created_at) VALUES (?, ?, ?, ?, ?)"
                     + " ON CONFLICT (node_id, key_id) DO NOTHING")) {
            p.setString(1, nodeId);
            p.setString(2, key.keyId());
            p.setString(3, NodeKey.ALGORITHM);
            p.setString(4, key.publicKeyBase64());
            p.setLong(5, System.currentTimeMillis());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AuditStoreException("cannot register the key of node " + nodeId, e);
        }
    }

    @Override
    public PurgeResult purge(String nodeId, Predicate<AuditRecord> expired, NodeKey key, Instant now) {
        // Lock order everywhere: indexLock, then writeLock (the indexer takes writeLock to delete indexed copies).
        synchronized (indexLock) {
            synchronized (writeLock) {
                indexPending(); // the purge reads and deletes audit_record (and its derived rows) only
                if (dialect == SqlDialect.SQLITE) {
                    forgetIndexedCopiesDurably();
                }
                return purgeIndexed(nodeId, expired, key, now);
            }
        }
    }

    /**
     * SQLite: before a purge, the chain file forgets its copies of indexed records (all pending records are indexed
     * now, and no append runs: the caller holds both locks), in a commit of its own, fsync'd on the appends'
     * connection (synchronous=FULL there). The purge's transaction then writes the audit file only. In WAL mode a
     * transaction over two attached files is atomic per file, not as a whole: had the purge also deleted the copies,
     * a crash during its commit could keep the records' deletion and lose the copies' (V7), and the next indexing
     * turn would put purged records back into a chain that a checkpoint already covers.
     */
    private void forgetIndexedCopiesDurably() {
        try (ConnectionPool.Lease lease = writes.borrow()) {
            SearchIndexer.forgetIndexedSqlite(lease);
        } catch (SQLException e) {
            throw new AuditStoreException("cannot prepare the audit purge (chain file)", e);
        }
    }

    /**
     * SQLite, on open: pending copies at or below a node's latest checkpoint are of purged records. A purge no longer
     * leaves them (see {@link #forgetIndexedCopiesDurably}), but a file whose purge was cut by a crash before that
     * (V7 code) may have them, and indexing them would put purged records back.
     */
    private void forgetCopiesOfPurgedRecords() {
        try (ConnectionPool.Lease lease = writes.borrow()) {
            int stale = lease.prepared("DELETE FROM audit_pending WHERE seq <= (SELECT MAX(c.through_seq)"
                    + " FROM audit_checkpoint c WHERE c.node_id = audit_pending.node_id)").executeUpdate();
            if (stale > 0) {
                LOG.warn("deleted {} pending copies of purged audit records (left by an interrupted purge)", stale);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot open the audit store: reading its chain file failed", e);
        }
    }

    private PurgeResult purgeIndexed(String nodeId, Predicate<AuditRecord> expired, NodeKey key, Instant now) {
        try (ConnectionPool.Lease lease = indexWrites.borrow()) {
            Connection c = lease.connection();
            c.setAutoCommit(false);
            try {
                if (dialect == SqlDialect.POSTGRES) {
                    lockHead(lease, nodeId); // other nodes share the database; SQLite: one gateway, the JVM's locks
                }
                AuditRecord lastExpired = null;
                long count = 0;
                long firstDay = Long.MAX_VALUE;
                long lastDay = Long.MIN_VALUE;
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM audit_record WHERE node_id = ? ORDER BY seq")) {
                    p.setFetchSize(1000);
                    p.setString(1, nodeId);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            AuditRecord r = AuditColumns.read(rs);
                            if (!expired.test(r)) {
                                break;
                            }
                            lastExpired = r;
                            count++;
                            firstDay = Math.min(firstDay, ReportCounters.day(r.time().toEpochMilli()));
                            lastDay = Math.max(lastDay, ReportCounters.day(r.time().toEpochMilli()));
                        }
                    }
                }
                if (lastExpired == null) {
                    c.rollback();
                    return new PurgeResult(nodeId, 0, Optional.empty());
                }
                long through = lastExpired.seq();
                // Free-text and recipient rows are per message (V6) and serve its documents too: a message
                // whose documents stay (a longer retention) keeps them. The FTS table is keyed by record id,
                // not indexed: one pass over it per purge (daily).
                String purgedMessages = "SELECT m.id FROM audit_record m WHERE m.node_id = ? AND m.seq <= ?"
                        + " AND m.kind = 'MESSAGE' AND NOT EXISTS (SELECT 1 FROM audit_record d"
                        + " WHERE d.parent_id = m.id AND d.seq > ?)";
                List<String> derived = new ArrayList<>(List.of("audit_recipient"));
                if (dialect == SqlDialect.SQLITE) {
                    derived.add("audit_text");
                }
                for (String table : derived) {
                    try (PreparedStatement p = c.prepareStatement(
                            "DELETE FROM " + table + " WHERE record_id IN (" + purgedMessages + ")")) {
                        p.setString(1, nodeId);
                        p.setLong(2, through);
                        p.setLong(3, through);
                        p.executeUpdate();
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM audit_record WHERE node_id = ? AND seq <= ?")) {
                    p.setString(1, nodeId);
                    p.setLong(2, through);
                    p.executeUpdate();
                }
                ReportCounters.recount(c, firstDay, lastDay);
                long previousTotal = latestCheckpointIn(c, nodeId);
                Instant created = Instant.ofEpochMilli(now.toEpochMilli());
                long total = previousTotal + count;
                String signature = key.sign(Checkpoint.signedText(nodeId, through, lastExpired.hash(), count, total,
                        created));
                Checkpoint cp = new Checkpoint(nodeId, through, lastExpired.hash(), count, total, created,
                        key.keyId(), signature);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_checkpoint (node_id, through_seq,"
                        + " through_hash, purged_records, total_purged, created_at, key_id, signature)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, nodeId);
                    p.setLong(2, through);
                    p.setString(3, cp.throughHash());
                    p.setLong(4, count);
                    p.setLong(5, total);
                    p.setLong(6, created.toEpochMilli());
                    p.setString(7, cp.keyId());
                    p.setString(8, signature);
                    p.executeUpdate();
                }
                c.commit();
                return new PurgeResult(nodeId, count, Optional.of(cp));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit purge failed for node " + nodeId, e);
        }
    }

    private static long latestCheckpointIn(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT total_purged FROM audit_checkpoint WHERE node_id = ?"
                + " ORDER BY through_seq DESC LIMIT 1")) {
            p.setString(1, nodeId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public List<AgencyStatistics> statistics(Instant from, Instant to) {
        indexIfPending();
        try (ConnectionPool.Lease lease = pool.borrow()) {
            return ReportCounters.statistics(lease.connection(), from, to);
        } catch (SQLException e) {
            throw new AuditStoreException("cannot compute statistics", e);
        }
    }

    @Override
    public List<Violator> violators(Instant from, Instant to, int limit) {
        indexIfPending();
        try (ConnectionPool.Lease lease = pool.borrow()) {
            return ReportCounters.violators(lease.connection(), from, to, limit);
        } catch (SQLException e) {
            throw new AuditStoreException("cannot list violators", e);
        }
    }

    @Override
    public void optimize() {
        try (ConnectionPool.Lease lease = pool.borrow(); java.sql.Statement st = lease.connection().createStatement()) {
            if (dialect == SqlDialect.SQLITE) {
                // analysis_limit keeps ANALYZE cheap on a big file; optimize only re-analyses what needs it.
                st.execute("PRAGMA analysis_limit = 1000");
                st.execute("PRAGMA optimize");
            } else {
                st.execute("ANALYZE audit_record");
                st.execute("ANALYZE audit_recipient");
                // New entries of the trigram index wait in an unsorted pending list that every free-text search
                // reads through until (auto)vacuum merges it; after a burst of appends, merge it now.
                st.execute("SELECT gin_clean_pending_list('audit_record_text_trgm'::regclass)");
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot refresh the planner statistics", e);
        }
    }

    @Override
    public long count() {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(
                     "SELECT (SELECT COUNT(*) FROM audit_record)"
                             + " + (SELECT COUNT(*) FROM audit_pending p WHERE " + NOT_INDEXED + ")");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AuditStoreException("cannot count audit records", e);
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (dialect == SqlDialect.SQLITE) {
            forgetIndexedCopies();
            writes.close();
            indexWrites.close();
        }
        pool.close();
    }

    /** SQLite, on close: no reader is left that could miss a record, so the chain file forgets the indexed copies. */
    private void forgetIndexedCopies() {
        synchronized (indexLock) {
            try (ConnectionPool.Lease lease = indexWrites.borrow()) {
                synchronized (writeLock) {
                    SearchIndexer.forgetIndexedSqlite(lease);
                }
            } catch (SQLException | RuntimeException e) {
                // Harmless: the next open's first indexing turn deletes them.
                LOG.debug("indexed copies kept in the chain file until the next open: {}", e.getMessage());
            }
        }
    }

    private List<AuditRecord> query(String sql, List<Object> args) {
        try (ConnectionPool.Lease lease = pool.borrow();
             PreparedStatement p = lease.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(AuditColumns.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("audit query failed", e);
        }
    }
}
