package vn.mailgw.validation.signature;

/** What a signature gets when no revocation answer (OCSP or CRL) can be obtained. Never a silent pass. */
public enum RevocationUnavailableAnswer {
    /** The default: the signature is INDETERMINATE with REVOCATION_UNKNOWN (retry may settle it). */
    INDETERMINATE,
    /** Stricter: the signature is INVALID with REVOCATION_UNKNOWN. */
    INVALID
}
