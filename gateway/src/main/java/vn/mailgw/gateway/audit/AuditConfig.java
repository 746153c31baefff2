package vn.mailgw.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the audit log (section {@code audit} of the gateway configuration).
 *
 * @param store                   which store: {@link StoreKind#SQLITE} (default, a file under the data dir) or POSTGRES
 * @param sqliteFile              the SQLite database file
 * @param postgresUrl             JDBC URL for PostgreSQL, e.g. jdbc:postgresql://db:5432/mailgw
 * @param postgresUser            PostgreSQL user
 * @param postgresPassword        PostgreSQL password
 * @param nodeId                  this gateway node's id; each node keeps its own hash chain
 * @param keyDir                  folder holding the node's Ed25519 key (generated on first start)
 * @param defaultRetentionMonths  how long records are kept when their profile has no entry below
 * @param retentionMonthsByProfile months per profile: sonla-2025 Art 11.1 asks 6, daknong-2012 Art 11.2(e) 12
 * @param purgeInterval           how often the purge job runs
 */
public record AuditConfig(StoreKind store, Path sqliteFile, String postgresUrl, String postgresUser,
                          String postgresPassword, String nodeId, Path keyDir, int defaultRetentionMonths,
                          Map<String, Integer> retentionMonthsByProfile, Duration purgeInterval) {

    public enum StoreKind { SQLITE, POSTGRES }

    public static final StoreKind DEFAULT_STORE = StoreKind.SQLITE;
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "audit", "audit.sqlite");
    public static final Path DEFAULT_KEY_DIR = Path.of("data", "audit");
    public static final String DEFAULT_NODE_ID = "node1";
    /** The longer of the regulations' minimums (daknong-2012 Art 11.2(e)): nothing is purged too early by default. */
    public static final int DEFAULT_RETENTION_MONTHS = 12;
    public static final Map<String, Integer> DEFAULT_RETENTION_BY_PROFILE = Map.of(
            "sonla-2005", 6, "sonla-2025", 6, "cantho-2005", 12, "tuyenquang-2013", 12, "daknong-2012", 12);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(24);
    public static final AuditConfig DEFAULTS = new AuditConfig(DEFAULT_STORE, DEFAULT_SQLITE_FILE, null, null, null,
            DEFAULT_NODE_ID, DEFAULT_KEY_DIR, DEFAULT_RETENTION_MONTHS, DEFAULT_RETENTION_BY_PROFILE,
            DEFAULT_PURGE_INTERVAL);

    public AuditConfig {
        Objects.requireNonNull(store, "store");
        AuditIds.requireValidNodeId(nodeId);
        Objects.requireNonNull(keyDir, "keyDir");
        if (store == StoreKind.SQLITE) {
            Objects.requireNonNull(sqliteFile, "audit.sqliteFile is required for the SQLite store");
        } else if (postgresUrl == null || !postgresUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("audit.postgresUrl must be a jdbc:postgresql: URL, got " + postgresUrl);
        }
        retentionMonthsByProfile = Map.copyOf(retentionMonthsByProfile);
        for (int months : retentionMonthsByProfile.values()) {
            requireRetention(months);
        }
        requireRetention(defaultRetentionMonths);
        if (purgeInterval == null || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("audit.purgeInterval must be positive");
        }
    }

    /** The defaults: SQLite under ./data/audit, node "node1". */
    public static AuditConfig defaults() {
        return DEFAULTS;
    }

    public static AuditConfig sqlite(Path file, String nodeId, Path keyDir) {
        return new AuditConfig(StoreKind.SQLITE, file, null, null, null, nodeId, keyDir, DEFAULT_RETENTION_MONTHS,
                DEFAULT_RETENTION_BY_PROFILE, DEFAULT_PURGE_INTERVAL);
    }

    public static AuditConfig postgres(String url, String user, String password, String nodeId, Path keyDir) {
        return new AuditConfig(StoreKind.POSTGRES, null, url, user, password, nodeId, keyDir, DEFAULT_RETENTION_MONTHS,
                DEFAULT_RETENTION_BY_PROFILE, DEFAULT_PURGE_INTERVAL);
    }

    public int retentionMonthsFor(String profile) {
        return profile == null ? defaultRetentionMonths : retentionMonthsByProfile.getOrDefault(profile, defaultRetentionMonths);
    }

    private static void requireRetention(int months) {
        // sonla-2025 Art 11.1: at least 6 months.
        if (months < 6 || months > 600) {
            throw new IllegalArgumentException("retention must be 6..600 months (sonla-2025 Art 11.1 asks at least 6): " + months);
        }
    }
}
