package vn.mailgw.validation.signature;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When the signature was made. The claimed time is what the signer's software wrote (it proves
 * nothing); the proven time is the earliest time the signature is known to exist: a signature
 * timestamp when there is one, else the validation time. Certificate validity is judged at the
 * proven time.
 *
 * @param claimed  the signing time in the signature (signingTime attribute or PDF /M), if any
 * @param proven   the best proven time
 * @param provenBy where the proven time comes from
 */
public record SigningTime(Optional<Instant> claimed, Instant proven, ProvenBy provenBy) {

    public enum ProvenBy {
        /** A signature timestamp from a TSA (PAdES-T and above). */
        TIMESTAMP,
        /** No timestamp: the time of this validation is the only proof. */
        VALIDATION_TIME
    }

    public SigningTime {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(proven, "proven");
        Objects.requireNonNull(provenBy, "provenBy");
    }
}
