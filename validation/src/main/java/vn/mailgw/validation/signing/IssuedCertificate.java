package vn.mailgw.validation.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key and the chain above it (issuer first, root last).
 *
 * @param privateKey  the key (demo keys only: never a real one)
 * @param certificate the certificate
 * @param chain       the issuing CAs, nearest first; empty for a root
 */
public record IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public IssuedCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    /** The certificate followed by its chain. */
    public List<X509Certificate> fullChain() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(certificate), chain.stream()).toList();
    }
}
