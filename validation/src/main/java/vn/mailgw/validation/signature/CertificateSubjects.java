package vn.mailgw.validation.signature;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import vn.mailgw.trust.anchors.TrustedCertificate;

/** Reads the identity attributes Vietnamese certificates carry (UID=MST:..., 2.5.4.97, ...) from a certificate. */
final class CertificateSubjects {

    private static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");

    private CertificateSubjects() {}

    static X509Certificate parse(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static SignerIdentity identityOf(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        Optional<String> email = first(name, BCStyle.EmailAddress).or(() -> sanEmail(cert));
        return new SignerIdentity(first(name, BCStyle.CN), first(name, BCStyle.O), first(name, BCStyle.OU),
                first(name, BCStyle.L), first(name, BCStyle.ST), first(name, BCStyle.C), email, all(name, BCStyle.UID),
                first(name, ORGANIZATION_IDENTIFIER), cert.getSubjectX500Principal().getName(),
                TrustedCertificate.sha256Of(cert));
    }

    static Optional<String> commonName(X509Certificate cert) {
        return first(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()), BCStyle.CN);
    }

    static Optional<String> first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = all(name, type);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) {
                    values.add(IETFUtils.valueToString(atv.getValue()).replace("\\", ""));
                }
            }
        }
        // Certificates list RDNs most-general first; UIDs are expected in the order the subject prints them.
        java.util.Collections.reverse(values);
        return values;
    }

    private static Optional<String> sanEmail(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            for (List<?> entry : names) {
                if (entry.size() >= 2 && Integer.valueOf(1).equals(entry.get(0))) {
                    return Optional.of(String.valueOf(entry.get(1)));
                }
            }
        } catch (CertificateException e) {
            // A malformed SAN is no e-mail address.
        }
        return Optional.empty();
    }
}
