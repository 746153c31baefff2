package vn.mailgw.trust.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * One official mailbox of the province, as published on the provincial portal (tuyenquang-2013 Art 5,
 * daknong-2012 Art 3.4).
 *
 * @param address           the mailbox, stored lower case
 * @param name              the agency's name in Vietnamese, e.g. "Sở Khoa học và Công nghệ"
 * @param abbreviation      the abbreviation used in the address, e.g. "skhcn"
 * @param parent            address of the parent agency's mailbox (for sub-units, personal boxes, lists)
 * @param province          e.g. "Sơn La"
 * @param kind              unit, sub-unit, commune, distribution list or personal
 * @param publishedOnPortal whether the address is published on the provincial portal
 * @param identity          how the agency's signing certificates identify it
 */
public record AgencyEntry(String address, String name, String abbreviation, Optional<String> parent,
                          String province, AgencyKind kind, boolean publishedOnPortal, CertificateIdentity identity) {

    public AgencyEntry {
        if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("not an e-mail address: " + address);
        }
        address = address.toLowerCase(Locale.ROOT);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("agency name missing for " + address);
        }
        abbreviation = abbreviation == null ? "" : abbreviation;
        parent = parent == null ? Optional.empty() : parent.map(p -> p.toLowerCase(Locale.ROOT));
        province = province == null ? "" : province;
        if (kind == null) {
            throw new IllegalArgumentException("kind missing for " + address);
        }
        identity = identity == null ? CertificateIdentity.NONE : identity;
    }

    public String localPart() {
        return address.substring(0, address.indexOf('@'));
    }

    public String domain() {
        return address.substring(address.indexOf('@') + 1);
    }
}
