package vn.mailgw.trust.anchors;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One certificate of the trust folder with its family and the file it came from.
 *
 * @param certificate the certificate
 * @param family      family from the manifest
 * @param sourceFile  file name inside the trust folder (for listings and error messages)
 * @param anchor      true for a trust anchor (self-signed, or marked so); false for an intermediate
 *                    that only helps to build chains
 * @param sha256      upper-case hex SHA-256 fingerprint of the DER encoding
 */
public record TrustedCertificate(X509Certificate certificate, AnchorFamily family, String sourceFile,
                                 boolean anchor, String sha256) {

    public TrustedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 upper-case hex digits: " + sha256);
        }
    }

    public static TrustedCertificate of(X509Certificate certificate, AnchorFamily family, String sourceFile,
                                        boolean anchor) {
        return new TrustedCertificate(certificate, family, sourceFile, anchor, sha256Of(certificate));
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public static String sha256Of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
