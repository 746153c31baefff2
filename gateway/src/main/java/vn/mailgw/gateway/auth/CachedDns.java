package vn.mailgw.gateway.auth;

import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;

/**
 * The one resolver and answer cache that SPF, the DKIM key lookup and DMARC share, so a sender's records are
 * asked once per TTL instead of once per message. The cache is dnsjava's own {@link Cache}: positive answers
 * are kept for their TTL, negative answers (NXDOMAIN, no data) for the SOA minimum of the authority section
 * (RFC 2308 §5; none without an SOA), both capped by {@code maxTtlSeconds}; SERVFAIL and timeouts are never
 * stored, so a temporary error is asked again on the next message. Thread-safe (dnsjava's cache is
 * synchronized). Blocking: call on a worker.
 */
public final class CachedDns {

    /** What a lookup found; {@code records} is empty unless {@link Outcome#FOUND}. */
    public record Answer(Outcome outcome, List<Record> records, String error) {}

    public enum Outcome {
        FOUND,
        /** NXDOMAIN or no record of that type: a definite "none". */
        NONE,
        /** SERVFAIL, timeout, unreachable resolver: try again later (never cached). */
        TEMPORARY,
        /** A name that cannot be a DNS name. */
        INVALID
    }

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /**
     * @param maxTtlSeconds the longest any answer is kept, positive or negative; 0 keeps nothing
     * @param maxEntries    the most names kept (the least recently used go first); 0 keeps nothing
     */
    public CachedDns(Resolver resolver, int maxTtlSeconds, int maxEntries) {
        this.resolver = resolver;
        cache.setMaxCache(maxTtlSeconds);
        cache.setMaxNCache(maxTtlSeconds);
        cache.setMaxEntries(maxEntries);
    }

    public Resolver resolver() {
        return resolver;
    }

    /** Looks {@code name} up; the name is taken as absolute (mail domains are never relative to a search list). */
    public Answer lookup(String name, int type) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN);
        } catch (TextParseException e) {
            return new Answer(Outcome.INVALID, List.of(), e.getMessage());
        }
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> new Answer(Outcome.FOUND, records == null ? List.of() : List.of(records), "");
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Answer(Outcome.NONE, List.of(), "");
            case Lookup.TRY_AGAIN -> new Answer(Outcome.TEMPORARY, List.of(), lookup.getErrorString());
            default -> new Answer(Outcome.INVALID, List.of(), lookup.getErrorString());
        };
    }

    /** Names currently held, for tests and diagnostics. */
    int size() {
        return cache.getSize();
    }
}
