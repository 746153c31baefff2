package vn.mailgw.trust.registry;

import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who a signing certificate says it belongs to, in the terms Vietnamese CAs use: the subject's
 * organisation, the tax code (MST) or budget-relationship code (MNS) carried in the UID attribute
 * as {@code MST:0101234567} / {@code MNS:1234567}, and the e-mail address.
 */
public record SignerIdentity(String commonName, Optional<String> organization, Optional<String> taxCode,
                             Optional<String> budgetCode, Optional<String> email) {

    private static final Pattern CODE = Pattern.compile("(MST|MNS|CMND|CCCD)\\s*[:=]\\s*([0-9A-Za-z-]+)",
            Pattern.CASE_INSENSITIVE);

    public SignerIdentity {
        if (commonName == null) {
            throw new IllegalArgumentException("commonName must not be null (use \"\" when the certificate has none)");
        }
        organization = trimmed(organization);
        taxCode = trimmed(taxCode);
        budgetCode = trimmed(budgetCode);
        email = trimmed(email).map(e -> e.toLowerCase(Locale.ROOT));
    }

    /** Reads the identity from a certificate's subject (and its e-mail subject alternative name). */
    public static SignerIdentity fromCertificate(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        Optional<String> email = first(subject, BCStyle.EmailAddress);
        if (email.isEmpty()) {
            email = rfc822Name(certificate);
        }
        String uid = String.join(" ", all(subject, BCStyle.UID));
        return new SignerIdentity(first(subject, BCStyle.CN).orElse(""), first(subject, BCStyle.O),
                code(uid, "MST"), code(uid, "MNS"), email);
    }

    private static Optional<String> code(String uid, String kind) {
        Matcher m = CODE.matcher(uid);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(kind)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(X500Name name, ASN1ObjectIdentifier oid) {
        return all(name, oid).stream().findFirst();
    }

    private static java.util.List<String> all(X500Name name, ASN1ObjectIdentifier oid) {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (RDN rdn : name.getRDNs(oid)) {
            values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return values;
    }

    private static Optional<String> rfc822Name(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            return names.stream().filter(n -> Integer.valueOf(1).equals(n.get(0)))
                    .map(n -> String.valueOf(n.get(1))).findFirst();
        } catch (java.security.cert.CertificateParsingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> trimmed(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A short human description, e.g. "Nguyễn Văn A (Sở Nội vụ, MST 0101234567)". */
    public String describe() {
        StringBuilder sb = new StringBuilder(commonName.isEmpty() ? "?" : commonName);
        java.util.List<String> extra = new java.util.ArrayList<>();
        organization.ifPresent(extra::add);
        taxCode.ifPresent(c -> extra.add("MST " + c));
        budgetCode.ifPresent(c -> extra.add("MNS " + c));
        if (!extra.isEmpty()) {
            sb.append(" (").append(String.join(", ", extra)).append(')');
        }
        return sb.toString();
    }
}
