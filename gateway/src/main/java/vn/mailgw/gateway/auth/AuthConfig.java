package vn.mailgw.gateway.auth;

import java.time.Duration;
import java.util.List;

/**
 * Sender authentication settings (config section {@code auth}).
 *
 * @param resolver      DNS resolver for SPF/DKIM/DMARC as host:port (key {@code auth.resolver})
 * @param dnsTimeout    per-query timeout (key {@code auth.dns-timeout})
 * @param trustedRelays CIDR networks whose mail counts as authenticated (the province's own MTA;
 *                      key {@code auth.trusted-relays})
 * @param authServId    the authserv-id in Authentication-Results (key {@code auth.authserv-id})
 * @param dnsCacheMaxTtl     the longest a DNS answer is kept, positive or negative (below it the record's TTL
 *                           or the SOA minimum decides); 0 = no cache
 * @param dnsCacheMaxEntries the most names the DNS answer cache holds; 0 = no cache
 */
public record AuthConfig(String resolver, Duration dnsTimeout, List<String> trustedRelays, String authServId,
                         Duration dnsCacheMaxTtl, int dnsCacheMaxEntries) {

    public static final String DEFAULT_RESOLVER = "127.0.0.1:53";
    public static final Duration DEFAULT_DNS_TIMEOUT = Duration.ofSeconds(5);
    /** Empty: fail closed, no network is trusted unless configured. */
    public static final List<String> DEFAULT_TRUSTED_RELAYS = List.of();
    public static final String DEFAULT_AUTHSERV_ID = "mailgw";
    /** An hour: a changed SPF/DKIM/DMARC record is seen within its TTL, and never later than this. */
    public static final Duration DEFAULT_DNS_CACHE_MAX_TTL = Duration.ofHours(1);
    public static final int DEFAULT_DNS_CACHE_MAX_ENTRIES = 10_000;
    public static final AuthConfig DEFAULT = new AuthConfig(DEFAULT_RESOLVER, DEFAULT_DNS_TIMEOUT,
            DEFAULT_TRUSTED_RELAYS, DEFAULT_AUTHSERV_ID);

    /** With the default DNS cache bounds. */
    public AuthConfig(String resolver, Duration dnsTimeout, List<String> trustedRelays, String authServId) {
        this(resolver, dnsTimeout, trustedRelays, authServId, DEFAULT_DNS_CACHE_MAX_TTL, DEFAULT_DNS_CACHE_MAX_ENTRIES);
    }

    public AuthConfig {
        if (resolver == null || !resolver.matches("[^\\s:]+(:\\d{1,5})?|\\[[0-9a-fA-F:]+](:\\d{1,5})?")) {
            throw new IllegalArgumentException("auth.resolver must be host or host:port, got: " + resolver);
        }
        if (dnsTimeout == null || dnsTimeout.isNegative() || dnsTimeout.isZero()) {
            throw new IllegalArgumentException("auth.dns-timeout must be positive");
        }
        trustedRelays = List.copyOf(trustedRelays == null ? List.of() : trustedRelays);
        trustedRelays.forEach(CidrRange::parse);
        if (authServId == null || !authServId.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("auth.authserv-id must be a host-like token, got: " + authServId);
        }
        if (dnsCacheMaxTtl == null || dnsCacheMaxTtl.isNegative() || dnsCacheMaxTtl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dnsCacheMaxTtl must be 0 or a positive duration, got: " + dnsCacheMaxTtl);
        }
        if (dnsCacheMaxEntries < 0) {
            throw new IllegalArgumentException("dnsCacheMaxEntries must be 0 or more, got: " + dnsCacheMaxEntries);
        }
    }

    public String resolverHost() {
        int colon = resolver.lastIndexOf(':');
        String host = resolver.startsWith("[") ? resolver.substring(1, resolver.indexOf(']'))
                : colon < 0 ? resolver : resolver.substring(0, colon);
        return host;
    }

    public int resolverPort() {
        int bracket = resolver.indexOf(']');
        int colon = resolver.lastIndexOf(':');
        return colon > bracket && (resolver.startsWith("[") || resolver.indexOf(':') == colon)
                ? Integer.parseInt(resolver.substring(colon + 1)) : 53;
    }
}
