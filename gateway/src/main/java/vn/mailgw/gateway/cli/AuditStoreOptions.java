package vn.mailgw.gateway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vn.mailgw.gateway.audit.AuditConfig;
import vn.mailgw.gateway.audit.AuditStore;
import vn.mailgw.gateway.audit.JdbcAuditStore;

/** Which audit store a command reads: the SQLite file (default) or a PostgreSQL database. */
public final class AuditStoreOptions {

    @Option(names = "--sqlite", paramLabel = "FILE", description = "SQLite audit file (default: ${DEFAULT-VALUE})")
    Path sqlite = AuditConfig.DEFAULT_SQLITE_FILE;

    @Option(names = "--postgres-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/mailgw (instead of --sqlite)")
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
        if (!sqlite.toFile().isFile()) {
            throw new IllegalArgumentException("no audit database at " + sqlite + " (give --sqlite or --postgres-url)");
        }
        return JdbcAuditStore.openSqlite(sqlite);
    }
}
