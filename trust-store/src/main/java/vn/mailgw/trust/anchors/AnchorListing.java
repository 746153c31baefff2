package vn.mailgw.trust.anchors;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The operator's view of a trust snapshot: one line per certificate, with expiry warnings. */
public final class AnchorListing {

    public enum Status { OK, EXPIRING_SOON, EXPIRED, NOT_YET_VALID }

    /**
     * One listed certificate.
     *
     * @param certificate the entry
     * @param issuer      the trusted certificate that signed it (for intermediates), if found in the snapshot
     * @param status      validity at the listing time
     */
    public record Line(TrustedCertificate certificate, Optional<TrustedCertificate> issuer, Status status) {
        public Line {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(status, "status");
        }

        public Instant notBefore() {
            return certificate.certificate().getNotBefore().toInstant();
        }

        public Instant notAfter() {
            return certificate.certificate().getNotAfter().toInstant();
        }
    }

    private AnchorListing() {}

    public static List<Line> list(TrustSnapshot snapshot, Instant now, Duration expiryWarning) {
        List<Line> lines = new ArrayList<>();
        for (TrustedCertificate c : snapshot.certificates()) {
            lines.add(new Line(c, issuerOf(snapshot, c), statusOf(c.certificate(), now, expiryWarning)));
        }
        return lines;
    }

    static Status statusOf(X509Certificate cert, Instant now, Duration expiryWarning) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            return Status.NOT_YET_VALID;
        }
        if (now.isAfter(notAfter)) {
            return Status.EXPIRED;
        }
        return now.plus(expiryWarning).isAfter(notAfter) ? Status.EXPIRING_SOON : Status.OK;
    }

    /** The certificate in the snapshot whose key verifies this one's signature (not itself). */
    public static Optional<TrustedCertificate> issuerOf(TrustSnapshot snapshot, TrustedCertificate child) {
        X509Certificate cert = child.certificate();
        if (child.anchor() && TrustFolderLoader.isSelfSigned(cert)) {
            return Optional.empty();
        }
        for (TrustedCertificate candidate : snapshot.certificates()) {
            if (candidate == child
                    || !candidate.certificate().getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            try {
                cert.verify(candidate.certificate().getPublicKey());
                return Optional.of(candidate);
            } catch (GeneralSecurityException e) {
                // Same name, different key: not the issuer.
            }
        }
        return Optional.empty();
    }

    /** Lines an operator must act on: expired, expiring soon or not yet valid, plus load problems. */
    public static List<String> warnings(TrustSnapshot snapshot, List<Line> lines) {
        List<String> warnings = new ArrayList<>(snapshot.problems());
        for (Line line : lines) {
            if (line.status() != Status.OK) {
                warnings.add(line.certificate().sourceFile() + ": " + line.certificate().subject() + " is "
                        + line.status() + " (valid until " + line.notAfter() + ")");
            }
        }
        return warnings;
    }
}
