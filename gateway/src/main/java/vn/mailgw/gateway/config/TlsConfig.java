package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate and its private key as PEM files. Both or neither: half a TLS setup is a mistake that must
 * stop start-up rather than silently run without TLS.
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> privateKey) {

    public static final TlsConfig NONE = new TlsConfig(Optional.empty(), Optional.empty());

    public TlsConfig {
        certificate = Objects.requireNonNullElse(certificate, Optional.empty());
        privateKey = Objects.requireNonNullElse(privateKey, Optional.empty());
        ConfigChecks.check(certificate.isPresent() == privateKey.isPresent(),
                "certificate and privateKey must be given together");
    }

    public boolean enabled() {
        return certificate.isPresent();
    }
}
