package vn.mailgw.validation.signature;

/** What a reason is about; lets callers ask "is the document intact?" apart from "is it trusted?". */
public enum ReasonCategory {
    /** The signed bytes or what follows them: modified, tampered, unreadable signature. */
    INTEGRITY,
    /** The chain to a trusted anchor. */
    TRUST,
    /** The signer's certificate itself: validity period, key usage. */
    CERTIFICATE,
    /** Revocation status (OCSP, CRL). */
    REVOCATION,
    /** Algorithm and key strength. */
    ALGORITHM,
    /** The file as a whole: unreadable, encrypted, over a budget. */
    INPUT
}
