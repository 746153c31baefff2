package vn.mailgw.validation.verdict;

/** Whether the header From is proven to be the real sender (the gateway's SPF/DKIM/DMARC or trusted-relay check). */
public enum SenderAuthentication {
    /** SPF or DKIM passed for a domain aligned with the header From (DMARC). */
    DMARC_PASS,
    /** The message came from a configured trusted relay network (the province's own MTA). */
    TRUSTED_RELAY,
    /** Checked and not proven (no aligned pass): the From may be forged. */
    FAIL,
    /** DNS could not be queried: undecided, never a pass. */
    TEMP_ERROR,
    /** No check ran (e.g. offline check of a saved message without authentication results). */
    NOT_CHECKED;

    public boolean authenticated() {
        return this == DMARC_PASS || this == TRUSTED_RELAY;
    }
}
