package vn.mailgw.gateway.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny migration runner: applies the numbered SQL files listed in {@code db/audit/migrations.txt}
 * ({@code V<n>__<what>.sql}) in order, each in its own transaction, and records them in
 * {@code audit_schema_version}. A migration may add a part for one database only in
 * {@code db/audit/sqlite/} or {@code db/audit/postgres/} under the same file name. Several nodes may start at once against one PostgreSQL: an advisory
 * lock makes them take turns; SQLite's IMMEDIATE transactions do the same for one file.
 */
final class SchemaMigrations {

    private static final String FOLDER = "db/audit/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    /** Any fixed number; only our own migrations take this advisory lock. */
    private static final long PG_LOCK_KEY = 0x6d61696c677741L;

    private SchemaMigrations() {}

    /** Applies the migrations not yet applied; returns how many it applied. */
    static int migrate(Connection c, SqlDialect dialect) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                if (dialect == SqlDialect.POSTGRES) {
                    s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
                }
                s.execute("CREATE TABLE IF NOT EXISTS audit_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            int applied = 0;
            int current = currentVersion(c);
            for (String file : listed()) {
                Matcher m = NAME.matcher(file);
                if (!m.matches()) {
                    throw new IllegalStateException("migration file name must be V<n>__<what>.sql: " + file);
                }
                int version = Integer.parseInt(m.group(1));
                if (version <= current) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(FOLDER + file))) {
                        s.execute(sql);
                    }
                    // The few things only one database has (full-text indexes): <dialect>/<same file name>, if any.
                    String own = FOLDER + dialect.name().toLowerCase(java.util.Locale.ROOT) + "/" + file;
                    if (exists(own)) {
                        for (String sql : statements(read(own))) {
                            s.execute(sql);
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO audit_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, m.group(2));
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                current = version;
                applied++;
            }
            c.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM audit_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> listed() {
        List<String> files = new ArrayList<>();
        for (String line : read(FOLDER + "migrations.txt").split("\n")) {
            if (!line.isBlank()) {
                files.add(line.strip());
            }
        }
        return files;
    }

    /** Splits on semicolons at line ends; comments are dropped. Our migrations use no procedural code. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static boolean exists(String resource) {
        return SchemaMigrations.class.getClassLoader().getResource(resource) != null;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
