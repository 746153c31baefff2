package vn.mailgw.validation.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;

/**
 * How to sign.
 *
 * @param signingTime   the claimed signing time written into the signature
 * @param digest        digest algorithm (SHA256; SHA1 only for the weak-algorithm sample)
 * @param timestamp     a TSA for a signature timestamp (PAdES-T / CAdES-T); empty for level B
 * @param certification DocMDP permission for a certification (first) signature
 * @param reason        the /Reason text (Vietnamese welcome)
 * @param box           a visible signature box; empty for an invisible signature
 */
public record SignOptions(Instant signingTime, DigestAlgorithm digest, Optional<DemoTimestampAuthority> timestamp,
                          Optional<CertificationPermission> certification, String reason,
                          Optional<SignatureBox> box) {

    public SignOptions {
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(certification, "certification");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(box, "box");
    }

    /** Level B, SHA-256, no certification. */
    public static SignOptions at(Instant signingTime) {
        return new SignOptions(signingTime, DigestAlgorithm.SHA256, Optional.empty(), Optional.empty(), "Phê duyệt văn bản",
                Optional.empty());
    }

    public SignOptions withTimestamp(DemoTimestampAuthority tsa) {
        return new SignOptions(signingTime, digest, Optional.of(tsa), certification, reason, box);
    }

    public SignOptions withDigest(DigestAlgorithm algorithm) {
        return new SignOptions(signingTime, algorithm, timestamp, certification, reason, box);
    }

    public SignOptions certifying(CertificationPermission permission) {
        return new SignOptions(signingTime, digest, timestamp, Optional.of(permission), reason, box);
    }

    /** A visible signature in {@code box}. */
    public SignOptions visibleIn(SignatureBox signatureBox) {
        return new SignOptions(signingTime, digest, timestamp, certification, reason, Optional.of(signatureBox));
    }
}
