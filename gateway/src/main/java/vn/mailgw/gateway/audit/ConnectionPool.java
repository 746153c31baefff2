package vn.mailgw.gateway.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool of JDBC connections. Opening a PostgreSQL connection costs milliseconds, more than an
 * append; a pool library would be one more dependency for forty lines. Connections are handed out by
 * {@link #borrow()} and must be given back by {@link Lease#close()} (try-with-resources).
 *
 * <p>The statements the audit writer runs for every group and every indexing turn are kept compiled per connection
 * ({@link Lease#prepared}): SQLite compiles a statement each time it is prepared, and compiling the wide inserts
 * and the counters' upserts cost about as much as running them for a group of messages.
 */
final class ConnectionPool implements AutoCloseable {

    private final String url;
    private final Properties properties;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final int size;
    private final List<String> onOpen;
    /** Per connection: its kept statements by SQL text. A connection is used by one lease at a time. */
    private final Map<Connection, Map<String, PreparedStatement>> compiled = new ConcurrentHashMap<>();
    private boolean closed;

    ConnectionPool(String url, Properties properties, int size) {
        this(url, properties, size, List.of());
    }

    /** {@code onOpen}: statements run on each new connection (settings the driver has no property for). */
    ConnectionPool(String url, Properties properties, int size, List<String> onOpen) {
        this.url = url;
        this.properties = properties;
        this.size = size;
        this.onOpen = List.copyOf(onOpen);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Lease borrow() throws SQLException {
        Connection c = idle.poll();
        if (c == null) {
            c = openIfRoom();
        }
        if (c == null) {
            try {
                c = idle.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a database connection", e);
            }
            if (c == null) {
                throw new SQLException("no database connection free after 30 s");
            }
        }
        return new Lease(c);
    }

    private synchronized Connection openIfRoom() throws SQLException {
        if (closed) {
            throw new SQLException("audit store is closed");
        }
        if (all.size() >= size) {
            return null;
        }
        Connection c = DriverManager.getConnection(url, properties);
        try (java.sql.Statement s = c.createStatement()) {
            for (String sql : onOpen) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        all.add(c);
        return c;
    }

    private void giveBack(Connection c) {
        try {
            if (c.isClosed()) {
                synchronized (this) {
                    all.remove(c);
                }
                compiled.remove(c);
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            idle.offer(c);
        } catch (SQLException e) {
            synchronized (this) {
                all.remove(c);
            }
            compiled.remove(c);
            closeQuietly(c);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Connection c : all) {
            closeQuietly(c);
        }
        all.clear();
        idle.clear();
        compiled.clear();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing on shutdown: nothing left to do with the error.
        }
    }

    /** A borrowed connection; closing the lease returns the connection to the pool. */
    final class Lease implements AutoCloseable {
        private final Connection connection;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /**
         * The statement for {@code sql}, compiled the first time this connection runs it and kept with the connection:
         * do not close it (closing the connection does). Parameters and batch start empty.
         */
        PreparedStatement prepared(String sql) throws SQLException {
            Map<String, PreparedStatement> kept = compiled.computeIfAbsent(connection, c -> new HashMap<>());
            PreparedStatement p = kept.get(sql);
            if (p == null || p.isClosed()) {
                p = connection.prepareStatement(sql);
                kept.put(sql, p);
            } else {
                p.clearParameters();
                p.clearBatch();
            }
            return p;
        }

        @Override
        public void close() {
            giveBack(connection);
        }
    }
}
