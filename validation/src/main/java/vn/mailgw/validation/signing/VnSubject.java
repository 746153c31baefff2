package vn.mailgw.validation.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A certificate subject shaped like the real Vietnamese ones, e.g.
 * {@code EMAILADDRESS=stc@demo.gov.vn, UID=MST:..., UID=MNS:..., CN=Sở Tài chính, O=Ủy ban nhân dân tỉnh Demo, L=Demo, C=VN}.
 * Text attributes are UTF8String, so Vietnamese diacritics survive.
 *
 * @param commonName             CN
 * @param organization           O
 * @param organizationalUnit     OU
 * @param locality               L
 * @param state                  ST
 * @param email                  EMAILADDRESS (the agency's official mailbox)
 * @param uids                   UID values as written, e.g. {@code MST:0100000001}, {@code CCCD:001090000001}
 * @param organizationIdentifier 2.5.4.97
 */
public record VnSubject(String commonName, Optional<String> organization, Optional<String> organizationalUnit,
                        Optional<String> locality, Optional<String> state, Optional<String> email, List<String> uids,
                        Optional<String> organizationIdentifier) {

    private static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");

    public VnSubject {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(organizationalUnit, "organizationalUnit");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(email, "email");
        uids = List.copyOf(uids);
        Objects.requireNonNull(organizationIdentifier, "organizationIdentifier");
    }

    /** Just a CN and an O (CAs). */
    public static VnSubject ca(String commonName, String organization) {
        return new VnSubject(commonName, Optional.of(organization), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
    }

    /** An agency: mailbox, tax code (MST), budget-unit code (MNS), name, province. */
    public static VnSubject agency(String commonName, String organization, String locality, String email, String mst,
                                   String mns) {
        return new VnSubject(commonName, Optional.of(organization), Optional.empty(), Optional.of(locality),
                Optional.empty(), Optional.of(email), List.of("MST:" + mst, "MNS:" + mns), Optional.empty());
    }

    /** A person with a citizen id (CCCD). */
    public static VnSubject person(String commonName, String state, String cccd) {
        return new VnSubject(commonName, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(state),
                Optional.empty(), List.of("CCCD:" + cccd), Optional.empty());
    }

    public VnSubject withOrganizationalUnit(String ou) {
        return new VnSubject(commonName, organization, Optional.of(ou), locality, state, email, uids, organizationIdentifier);
    }

    public VnSubject withOrganizationIdentifier(String id) {
        return new VnSubject(commonName, organization, organizationalUnit, locality, state, email, uids, Optional.of(id));
    }

    /** The X.500 name, in the order Vietnamese CAs write it (most specific first when printed). */
    public X500Name toX500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(BCStyle.C, "VN");
        state.ifPresent(v -> b.addRDN(BCStyle.ST, v));
        locality.ifPresent(v -> b.addRDN(BCStyle.L, v));
        organization.ifPresent(v -> b.addRDN(BCStyle.O, v));
        organizationalUnit.ifPresent(v -> b.addRDN(BCStyle.OU, v));
        organizationIdentifier.ifPresent(v -> b.addRDN(ORGANIZATION_IDENTIFIER, v));
        b.addRDN(BCStyle.CN, commonName);
        List<String> reversed = new ArrayList<>(uids);
        java.util.Collections.reverse(reversed);
        reversed.forEach(v -> b.addRDN(BCStyle.UID, v));
        email.ifPresent(v -> b.addRDN(BCStyle.EmailAddress, v));
        return b.build();
    }
}
