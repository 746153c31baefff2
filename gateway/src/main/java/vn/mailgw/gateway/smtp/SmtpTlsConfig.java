package vn.mailgw.gateway.smtp;

import java.nio.file.Path;

/** The certificate STARTTLS offers, or none (then STARTTLS is not advertised). */
public sealed interface SmtpTlsConfig {

    SmtpTlsConfig DISABLED = new Disabled();

    /** No STARTTLS. */
    record Disabled() implements SmtpTlsConfig {}

    /** PEM files: the certificate chain (server first) and its private key (PKCS#8 or PKCS#1). */
    record PemFiles(Path certificateChain, Path privateKey) implements SmtpTlsConfig {
        public PemFiles {
            if (certificateChain == null || privateKey == null) {
                throw new IllegalArgumentException("smtp tls: certificateChain and privateKey are both required");
            }
        }
    }

    /** A PKCS#12 or JKS key store holding one key entry. */
    record KeyStoreFile(Path path, String password, String type) implements SmtpTlsConfig {
        public static final String DEFAULT_TYPE = "PKCS12";

        public KeyStoreFile {
            if (path == null || password == null) {
                throw new IllegalArgumentException("smtp tls: key store path and password are required");
            }
            type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
            if (!type.equalsIgnoreCase("PKCS12") && !type.equalsIgnoreCase("JKS")) {
                throw new IllegalArgumentException("smtp tls: key store type must be PKCS12 or JKS, not " + type);
            }
        }
    }
}
