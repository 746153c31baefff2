package vn.mailgw.validation.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an end-entity or CA certificate is issued.
 *
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param signatureAlgorithm JCA name the issuer signs with, e.g. {@code SHA256withRSA} (or {@code SHA1withRSA}
 *                           for the weak-algorithm sample)
 * @param keyBits            RSA key size of the new key
 * @param ocspUrl            AIA OCSP responder URL to put in the certificate
 * @param crlUrl             CRL distribution point URL to put in the certificate
 * @param forSigning         end-entity key usage digitalSignature + nonRepudiation (false: keyEncipherment
 *                           only, for the key-usage sample)
 */
public record CertificateProfile(Instant notBefore, Instant notAfter, String signatureAlgorithm, int keyBits,
                                 Optional<String> ocspUrl, Optional<String> crlUrl, boolean forSigning) {

    public static final String DEFAULT_SIGNATURE_ALGORITHM = "SHA256withRSA";
    public static final int DEFAULT_KEY_BITS = 2048;

    public CertificateProfile {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        if (keyBits < 1024) {
            throw new IllegalArgumentException("keyBits must be at least 1024: " + keyBits);
        }
        Objects.requireNonNull(ocspUrl, "ocspUrl");
        Objects.requireNonNull(crlUrl, "crlUrl");
    }

    public static CertificateProfile valid(Instant notBefore, Instant notAfter) {
        return new CertificateProfile(notBefore, notAfter, DEFAULT_SIGNATURE_ALGORITHM, DEFAULT_KEY_BITS,
                Optional.empty(), Optional.empty(), true);
    }

    public CertificateProfile withRevocationUrls(String ocsp, String crl) {
        return new CertificateProfile(notBefore, notAfter, signatureAlgorithm, keyBits, Optional.ofNullable(ocsp),
                Optional.ofNullable(crl), forSigning);
    }

    public CertificateProfile withSignatureAlgorithm(String algorithm) {
        return new CertificateProfile(notBefore, notAfter, algorithm, keyBits, ocspUrl, crlUrl, forSigning);
    }

    public CertificateProfile notForSigning() {
        return new CertificateProfile(notBefore, notAfter, signatureAlgorithm, keyBits, ocspUrl, crlUrl, false);
    }
}
