package vn.mailgw.validation.verdict;

/** What the signature engine concluded about one signature, in the terms the regulations care about. */
public enum SignatureStatus {
    /** Verifies, covers the document, certificate valid at signing time and chaining to a trusted (lawful) CA. */
    VALID,
    /** Does not verify, or the document was modified after signing. */
    INVALID,
    /** Verifies, but the chain ends at no CA of the trust store (not a CA lawful in Vietnam). */
    UNTRUSTED_CA,
    /** The certificate was expired or revoked when signing. */
    CERTIFICATE_NOT_VALID,
    /** Could not be decided (revocation unreachable, missing data): says what is missing in the details. */
    INDETERMINATE
}
