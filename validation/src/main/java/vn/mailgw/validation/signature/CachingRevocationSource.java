package vn.mailgw.validation.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.Revocation;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;

/**
 * Keeps revocation answers (OCSP responses, CRLs) per certificate for a time-to-live, never past
 * the answer's own nextUpdate. A missing answer (responder down) is not cached, so the next
 * document asks again. Shared by all validations of the process.
 */
final class CachingRevocationSource<R extends Revocation> implements RevocationSource<R> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<R extends Revocation>(RevocationToken<R> token, Instant expires) {}

    private final transient RevocationSource<R> delegate;
    private final transient Duration ttl;
    private final transient Clock clock;
    private final transient Map<String, Entry<R>> cache = new ConcurrentHashMap<>();

    CachingRevocationSource(RevocationSource<R> delegate, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RevocationToken<R> getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        String key = certificate.getDSSIdAsString() + "|" + (issuer == null ? "" : issuer.getDSSIdAsString());
        Instant now = clock.instant();
        Entry<R> cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.token();
        }
        RevocationToken<R> token = delegate.getRevocationToken(certificate, issuer);
        if (token != null) {
            Instant expires = now.plus(ttl);
            if (token.getNextUpdate() != null && token.getNextUpdate().toInstant().isBefore(expires)) {
                expires = token.getNextUpdate().toInstant();
            }
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // crude bound; a full cache only costs re-fetching
            }
            cache.put(key, new Entry<>(token, expires));
        } else {
            cache.remove(key);
        }
        return token;
    }
}
