package vn.mailgw.trust.registry;

/** What kind of mailbox a registry entry is; the address-format rules differ per kind (RULES.md §3). */
public enum AgencyKind {
    /** A provincial agency's own mailbox (sở, ban, ngành), e.g. skhcn@sonla.gov.vn. */
    UNIT,
    /** A department of a unit, e.g. ht.skhcn@sonla.gov.vn. */
    SUB_UNIT,
    /** A commune, ward or district people's committee. */
    COMMUNE,
    /** A distribution list such as internal@daknong.gov.vn. */
    DISTRIBUTION_LIST,
    /** A civil servant's personal official mailbox. */
    PERSONAL
}
