package vn.mailgw.validation.policy;

/**
 * The conditions a regulation can put on paper-equivalence. A profile lists the ones in force, each with
 * the article it comes from; the verdict engine knows what each one means.
 */
public enum Condition {
    /** Free-mail senders are refused: the agency is treated as never having sent the mail (daknong-2012 Art 9.4). */
    NOT_FREE_MAIL,
    /** The header From must be proven (DMARC-aligned SPF/DKIM or a trusted relay); a forged From counts for nothing. */
    SENDER_AUTHENTICATED,
    /** Sent from an official mailbox in the registry, published on the portal (tuyenquang-2013 Art 7.2(c)). */
    OFFICIAL_MAILBOX,
    /** The document carries a digital signature (tuyenquang-2013 Art 7.2(a)). */
    SIGNED,
    /** Every signature verifies and the document was not modified after signing. */
    SIGNATURE_VALID,
    /** The signing certificate was valid and chains to a CA lawful in Vietnam (tuyenquang-2013 Art 7.2(b)). */
    LAWFUL_CA,
    /** The file is PDF or another non-editable format (tuyenquang-2013 Art 7.2(c)). */
    NON_EDITABLE_FORMAT,
    /** An editable file counts only with the sending unit's valid signature (daknong-2012 Art 9.2(a)). */
    EDITABLE_NEEDS_UNIT_SIGNATURE,
    /** A signature identifies the agency owning the sending mailbox (issuing agency's own sending). */
    SIGNER_OF_SENDING_AGENCY,
    /**
     * An unsigned non-editable file (a scan) may count by the head's signature and red seal on it, which only a
     * clerk can check by eye (daknong-2012 Art 9.2(b)): INDETERMINATE instead of NOT_PAPER_EQUIVALENT.
     */
    SCAN_NEEDS_VISUAL_CHECK,
    /** Not a check but a consequence: whatever is not paper-equivalent must also be sent on paper (daknong-2012 Art 9.3). */
    PAPER_MUST_FOLLOW
}
