package vn.mailgw.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import vn.mailgw.gateway.audit.AuditConfig;
import vn.mailgw.gateway.audit.AuditStore;
import vn.mailgw.gateway.audit.JdbcAuditStore;
import vn.mailgw.gateway.config.GatewayConfigLoader;

/**
 * Which audit store a command reads: the one the gateway's configuration file names ({@code --config}, the same
 * file {@code serve} uses), or an SQLite file / PostgreSQL database given directly, which overrides the file.
 * Without either, the default SQLite file.
 */
public final class AuditStoreOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "the gateway's configuration file (as for serve): its audit section names the store")
    Path configFile;

    @Option(names = "--sqlite", paramLabel = "FILE",
            description = "SQLite audit file (overrides --config; default: " + "data/audit/audit.sqlite)")
    Path sqlite;

    @Option(names = "--postgres-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/mailgw (overrides --config and --sqlite)")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", description = "PostgreSQL user")
    String postgresUser;

    @Option(names = "--postgres-password-env", paramLabel = "VAR", description = "environment variable holding the"
            + " PostgreSQL password, so it never shows in the process list (default: ${DEFAULT-VALUE})")
    String postgresPasswordEnv = "MAILGW_AUDIT_PG_PASSWORD";

    AuditStore open() {
        if (postgresUrl != null) {
            return JdbcAuditStore.openPostgres(postgresUrl, postgresUser, System.getenv(postgresPasswordEnv));
        }
        if (sqlite != null) {
            return openExistingSqlite(sqlite);
        }
        if (configFile != null) {
            // A ConfigException (bad file) carries the file name and the key; the command prints it.
            AuditConfig audit = new GatewayConfigLoader().load(Optional.of(configFile), List.of()).audit();
            return audit.store() == AuditConfig.StoreKind.SQLITE
                    ? openExistingSqlite(audit.sqliteFile())
                    : JdbcAuditStore.open(audit);
        }
        return openExistingSqlite(AuditConfig.DEFAULT_SQLITE_FILE);
    }

    /** A reading command must not create an empty log where the gateway's is expected. */
    private static AuditStore openExistingSqlite(Path file) {
        if (!file.toFile().isFile()) {
            throw new IllegalArgumentException("no audit database at " + file + " (give --config, --sqlite or --postgres-url)");
        }
        return JdbcAuditStore.openSqlite(file);
    }
}
