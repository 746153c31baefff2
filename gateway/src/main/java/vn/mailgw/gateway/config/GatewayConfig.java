package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import vn.mailgw.gateway.smtp.SmtpServerConfig;

/**
 * The whole gateway configuration: one immutable record tree read once at start-up
 * ({@link GatewayConfigLoader}). To add a section: add a record with a {@code DEFAULTS} constant and a
 * component here; the loader, the overrides and the error messages need no change.
 *
 * @param dataDir  where the gateway keeps its data by default
 * @param spoolDir where received messages wait while the pipeline runs
 */
public record GatewayConfig(SmtpConfig smtp, DeliveryConfig delivery, FreemailConfig freemail, WorkersConfig workers,
                            Path dataDir, Path spoolDir) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Path DEFAULT_SPOOL_DIR = SmtpServerConfig.DEFAULT_SPOOL_DIRECTORY;

    public static final GatewayConfig DEFAULTS = new GatewayConfig(SmtpConfig.DEFAULTS, DeliveryConfig.DEFAULTS,
            FreemailConfig.DEFAULTS, WorkersConfig.DEFAULTS, DEFAULT_DATA_DIR, DEFAULT_SPOOL_DIR);

    public GatewayConfig {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(freemail, "freemail");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(spoolDir, "spoolDir");
    }
}
