package vn.mailgw.gateway.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import vn.mailgw.gateway.auth.AuthConfig;
import vn.mailgw.gateway.notify.NotifyConfig;
import vn.mailgw.gateway.stamp.StampConfig;
import vn.mailgw.trust.registry.RegistryConfig;
import vn.mailgw.validation.policy.ProfileConfig;

/**
 * The {@code verdict} section: everything that decides and shows paper-equivalence (issue 4). Flat so the
 * YAML stays readable; the typed per-capability records ({@link ProfileConfig}, {@link RegistryConfig},
 * {@link AuthConfig}, {@link StampConfig}, {@link NotifyConfig}) are built from it.
 *
 * @param enabled       run sender checks, signature validation, verdict and stamp on every message
 * @param profile       the regulation enforced (tuyenquang-2013, daknong-2012, sonla-2025, sonla-2005, cantho-2005)
 * @param registryFile  agency registry YAML; "" = the demo province's registry from samples
 * @param trustFolder   folder of trusted CA certificates; "" = none (every signature untrusted: fail closed)
 * @param resolver      DNS resolver host:port for SPF/DKIM/DMARC
 * @param dnsTimeout    per DNS query
 * @param trustedRelays CIDR networks whose mail counts as authenticated (the province's own MTA)
 * @param authServId    authserv-id of our Authentication-Results header
 * @param attachReport  attach the validation report to stamped messages
 * @param timeZone      zone for times shown to clerks
 * @param notifySender  send notifications to sending agencies about documents that are not paper-equivalent
 * @param notifyFrom    From address of those notifications
 * @param dnsCacheMaxTtl     the longest a DNS answer (SPF, DKIM key, DMARC) is kept; 0 = no cache
 * @param dnsCacheMaxEntries the most names the DNS answer cache holds; 0 = no cache
 */
public record VerdictConfig(boolean enabled, String profile, String registryFile, String trustFolder, String resolver,
                            Duration dnsTimeout, List<String> trustedRelays, String authServId, boolean attachReport,
                            String timeZone, boolean notifySender, String notifyFrom, Duration dnsCacheMaxTtl,
                            int dnsCacheMaxEntries) {

    public static final boolean DEFAULT_ENABLED = true;
    public static final VerdictConfig DEFAULTS = new VerdictConfig(DEFAULT_ENABLED, ProfileConfig.DEFAULT_NAME, "", "",
            AuthConfig.DEFAULT_RESOLVER, AuthConfig.DEFAULT_DNS_TIMEOUT, AuthConfig.DEFAULT_TRUSTED_RELAYS,
            AuthConfig.DEFAULT_AUTHSERV_ID, StampConfig.DEFAULT_ATTACH_REPORT, StampConfig.DEFAULT_TIME_ZONE.getId(),
            NotifyConfig.DEFAULT_ENABLED, NotifyConfig.DEFAULT_FROM, AuthConfig.DEFAULT_DNS_CACHE_MAX_TTL,
            AuthConfig.DEFAULT_DNS_CACHE_MAX_ENTRIES);

    public VerdictConfig {
        ConfigChecks.check(registryFile != null && trustFolder != null, "registryFile and trustFolder must be strings");
        trustedRelays = List.copyOf(trustedRelays == null ? List.of() : trustedRelays);
        // Build each typed record once so a bad value stops start-up with its own message.
        try {
            new ProfileConfig(profile);
            new AuthConfig(resolver, dnsTimeout, trustedRelays, authServId, dnsCacheMaxTtl, dnsCacheMaxEntries);
            new StampConfig(authServId, attachReport, ZoneId.of(timeZone));
            new NotifyConfig(notifySender, notifyFrom);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public ProfileConfig profileConfig() {
        return new ProfileConfig(profile);
    }

    public RegistryConfig registryConfig() {
        return new RegistryConfig(registryFile.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(registryFile)));
    }

    public AuthConfig authConfig() {
        return new AuthConfig(resolver, dnsTimeout, trustedRelays, authServId, dnsCacheMaxTtl, dnsCacheMaxEntries);
    }

    public StampConfig stampConfig() {
        return new StampConfig(authServId, attachReport, ZoneId.of(timeZone));
    }

    public NotifyConfig notifyConfig() {
        return new NotifyConfig(notifySender, notifyFrom);
    }

    public VerdictConfig withResolver(String newResolver) {
        return new VerdictConfig(enabled, profile, registryFile, trustFolder, newResolver, dnsTimeout, trustedRelays,
                authServId, attachReport, timeZone, notifySender, notifyFrom, dnsCacheMaxTtl, dnsCacheMaxEntries);
    }
}
