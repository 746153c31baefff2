package vn.mailgw.validation.signature;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signed, as the signer's certificate subject says. Vietnamese certificates carry the agency
 * identifiers as UID values ({@code MST:0400260612} tax code, {@code MNS:1047665} budget-unit code,
 * {@code CCCD:}/{@code CMND:} citizen id) or as organizationIdentifier (2.5.4.97).
 *
 * @param commonName             CN
 * @param organization           O
 * @param organizationalUnit     OU
 * @param locality               L
 * @param state                  ST
 * @param country                C
 * @param email                  EMAILADDRESS in the subject, else the first rfc822Name of the SAN
 * @param uids                   every UID (0.9.2342.19200300.100.1.1) value, as written
 * @param organizationIdentifier 2.5.4.97
 * @param subjectDn              the full subject DN (RFC 2253)
 * @param certificateSha256      upper-case hex SHA-256 of the signer's certificate
 */
public record SignerIdentity(Optional<String> commonName, Optional<String> organization,
                             Optional<String> organizationalUnit, Optional<String> locality,
                             Optional<String> state, Optional<String> country, Optional<String> email,
                             List<String> uids, Optional<String> organizationIdentifier,
                             String subjectDn, String certificateSha256) {

    public SignerIdentity {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(organizationalUnit, "organizationalUnit");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(email, "email");
        uids = List.copyOf(uids);
        Objects.requireNonNull(organizationIdentifier, "organizationIdentifier");
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(certificateSha256, "certificateSha256");
    }

    /** The value of the first UID with this prefix, e.g. {@code uid("MST")} gives "0400260612". */
    public Optional<String> uid(String prefix) {
        String wanted = prefix + ":";
        return uids.stream().filter(u -> u.regionMatches(true, 0, wanted, 0, wanted.length()))
                .map(u -> u.substring(wanted.length())).findFirst();
    }

    /** Used when the signing certificate could not be found in the signature at all. */
    public static SignerIdentity unidentified() {
        return new SignerIdentity(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "", "");
    }
}
