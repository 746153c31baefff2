package vn.mailgw.trust.anchors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the trust store (config section {@code trust}).
 *
 * @param folder         the trust folder: certificates plus an optional {@code trust-manifest.yaml}
 *                       ({@code trust.folder})
 * @param reloadInterval how often the folder is checked for changes ({@code trust.reload-interval})
 * @param expiryWarning  anchors expiring within this period are listed with a warning
 *                       ({@code trust.expiry-warning})
 */
public record TrustConfig(Path folder, Duration reloadInterval, Duration expiryWarning) {

    public static final Path DEFAULT_FOLDER = Path.of("trust");
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(90);

    public TrustConfig {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Objects.requireNonNull(expiryWarning, "expiryWarning");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reloadInterval must be positive: " + reloadInterval);
        }
        if (expiryWarning.isNegative()) {
            throw new IllegalArgumentException("expiryWarning must not be negative: " + expiryWarning);
        }
    }

    public static TrustConfig forFolder(Path folder) {
        return new TrustConfig(folder, DEFAULT_RELOAD_INTERVAL, DEFAULT_EXPIRY_WARNING);
    }
}
