package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import vn.mailgw.gateway.audit.AuditConfig;
import vn.mailgw.gateway.http.HttpConfig;
import vn.mailgw.gateway.smtp.SmtpServerConfig;

/**
 * The whole gateway configuration: one immutable record tree read once at start-up
 * ({@link GatewayConfigLoader}). To add a section: add a record with a {@code DEFAULTS} constant and a
 * component here; the loader, the overrides and the error messages need no change.
 *
 * @param dataDir  where the gateway keeps its data by default
 * @param spoolDir where received messages wait while the pipeline runs
 * @param verdict  sender checks, signature validation, paper-equivalence verdict, stamp and notifications
 * @param audit    the audit log (store, node id, retention)
 * @param http     the HTTP side (health, auditor pages)
 * @param classify document classification (type, category, secrecy marks; OCR of scans)
 * @param validation the signature engine (revocation, caches, per-document budgets, trust folder reloads)
 */
public record GatewayConfig(SmtpConfig smtp, DeliveryConfig delivery, FreemailConfig freemail, WorkersConfig workers,
                            Path dataDir, Path spoolDir, VerdictConfig verdict, AuditConfig audit, HttpConfig http,
                            vn.mailgw.gateway.classify.ClassifyConfig classify, ValidationSection validation) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Path DEFAULT_SPOOL_DIR = SmtpServerConfig.DEFAULT_SPOOL_DIRECTORY;

    public static final GatewayConfig DEFAULTS = new GatewayConfig(SmtpConfig.DEFAULTS, DeliveryConfig.DEFAULTS,
            FreemailConfig.DEFAULTS, WorkersConfig.DEFAULTS, DEFAULT_DATA_DIR, DEFAULT_SPOOL_DIR, VerdictConfig.DEFAULTS,
            AuditConfig.DEFAULTS, HttpConfig.DEFAULTS,
            vn.mailgw.gateway.classify.ClassifyConfig.SECTION_DEFAULTS, ValidationSection.DEFAULTS);

    public GatewayConfig {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(freemail, "freemail");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(classify, "classify");
        Objects.requireNonNull(validation, "validation");
    }
}
