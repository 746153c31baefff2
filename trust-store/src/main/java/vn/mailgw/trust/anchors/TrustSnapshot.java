package vn.mailgw.trust.anchors;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable view of the trust folder at one moment. Validations in flight keep the snapshot
 * they started with while a reload publishes a new one.
 *
 * @param source       the folder it was loaded from (a label for in-memory snapshots)
 * @param certificates anchors and intermediates, in folder order
 * @param problems     files that could not be loaded, each with the reason (a bad file never
 *                     stops the others from loading, and is reported rather than ignored)
 * @param loadedAt     when the snapshot was built
 * @param generation   increases with every reload, so caches keyed on trust can tell snapshots apart
 */
public record TrustSnapshot(String source, List<TrustedCertificate> certificates, List<String> problems,
                            Instant loadedAt, long generation) {

    public TrustSnapshot {
        Objects.requireNonNull(source, "source");
        certificates = List.copyOf(certificates);
        problems = List.copyOf(problems);
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /** A snapshot built from certificates in memory (tests, the demo province). */
    public static TrustSnapshot of(String label, List<TrustedCertificate> certificates, Instant loadedAt) {
        return new TrustSnapshot(label, certificates, List.of(), loadedAt, 0);
    }

    public static TrustSnapshot empty(Instant loadedAt) {
        return of("empty", List.of(), loadedAt);
    }

    public static String labelOf(Path folder) {
        return folder.toAbsolutePath().normalize().toString();
    }

    public List<TrustedCertificate> anchors() {
        return certificates.stream().filter(TrustedCertificate::anchor).toList();
    }

    public List<TrustedCertificate> intermediates() {
        return certificates.stream().filter(c -> !c.anchor()).toList();
    }

    /** The trusted entry with this SHA-256 fingerprint (any case), if present. */
    public Optional<TrustedCertificate> bySha256(String sha256) {
        return certificates.stream().filter(c -> c.sha256().equalsIgnoreCase(sha256)).findFirst();
    }
}
