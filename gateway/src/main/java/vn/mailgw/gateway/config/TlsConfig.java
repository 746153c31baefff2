package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import vn.mailgw.gateway.smtp.SmtpTlsConfig;

/**
 * The STARTTLS certificate: PEM files ({@code certificate} chain + {@code privateKey}) or a key store
 * ({@code keyStore} + {@code keyStorePassword}, type PKCS12 or JKS). Half a set-up stops start-up rather
 * than silently running without TLS.
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> privateKey, Optional<Path> keyStore,
                        Optional<String> keyStorePassword, String keyStoreType) {

    public static final String DEFAULT_KEY_STORE_TYPE = "PKCS12";
    public static final TlsConfig NONE = new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_KEY_STORE_TYPE);

    public TlsConfig {
        certificate = Objects.requireNonNullElse(certificate, Optional.empty());
        privateKey = Objects.requireNonNullElse(privateKey, Optional.empty());
        keyStore = Objects.requireNonNullElse(keyStore, Optional.empty());
        keyStorePassword = Objects.requireNonNullElse(keyStorePassword, Optional.empty());
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        ConfigChecks.check(certificate.isPresent() == privateKey.isPresent(),
                "certificate and privateKey must be given together");
        ConfigChecks.check(keyStore.isEmpty() || keyStorePassword.isPresent(), "keyStore needs keyStorePassword");
        ConfigChecks.check(!(keyStore.isPresent() && certificate.isPresent()),
                "give either certificate + privateKey or keyStore, not both");
        ConfigChecks.check(keyStoreType.equalsIgnoreCase("PKCS12") || keyStoreType.equalsIgnoreCase("JKS"),
                "keyStoreType must be PKCS12 or JKS");
    }

    public boolean enabled() {
        return certificate.isPresent() || keyStore.isPresent();
    }

    SmtpTlsConfig toServerTls() {
        if (certificate.isPresent()) {
            return new SmtpTlsConfig.PemFiles(certificate.get(), privateKey.get());
        }
        if (keyStore.isPresent()) {
            return new SmtpTlsConfig.KeyStoreFile(keyStore.get(), keyStorePassword.get(), keyStoreType);
        }
        return SmtpTlsConfig.DISABLED;
    }
}
