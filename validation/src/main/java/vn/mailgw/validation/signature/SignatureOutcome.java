package vn.mailgw.validation.signature;

/** The answer for one signature (ETSI EN 319 102-1 terms). Only VALID counts towards paper-equivalence. */
public enum SignatureOutcome {
    /** Every check passed: intact, trusted chain, certificate valid and not revoked at the proven time. */
    VALID,
    /** A check failed for good: the signature does not make the document genuine. */
    INVALID,
    /** A check could not be decided (revocation unreachable, ...): the reasons say what is missing. */
    INDETERMINATE;

    /** The worse of two outcomes: INVALID over INDETERMINATE over VALID. */
    public SignatureOutcome worst(SignatureOutcome other) {
        return this.ordinal() >= other.ordinal() ? this : other;
    }
}
