package vn.mailgw.gateway.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import vn.mailgw.gateway.auth.SenderAuthenticator;
import vn.mailgw.gateway.config.ConfigException;
import vn.mailgw.gateway.config.ValidationSection;
import vn.mailgw.gateway.config.VerdictConfig;
import vn.mailgw.gateway.documents.DocumentInspector;
import vn.mailgw.gateway.notify.SenderNotifier;
import vn.mailgw.gateway.stamp.Stamper;
import vn.mailgw.trust.anchors.TrustStore;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.trust.registry.RegistryLoader;
import vn.mailgw.trust.registry.ReloadableRegistry;
import vn.mailgw.validation.policy.Profile;
import vn.mailgw.validation.policy.ProfileLoader;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.verdict.VerdictEngine;

/**
 * The long-lived objects the verdict steps share, built once at start-up from the {@code verdict} section
 * (or given directly, as the demo does with its own province). Thread-safe.
 */
public record VerdictServices(Profile profile, Supplier<AgencyRegistry> registry,
                              DocumentInspector inspector, SenderAuthenticator authenticator, VerdictEngine engine,
                              Stamper stamper, SenderNotifier notifier) {

    /** With the engine's default settings and no warm-up (one-shot commands). */
    public static VerdictServices fromConfig(VerdictConfig config, Clock clock) throws IOException {
        return fromConfig(config, ValidationSection.DEFAULTS.withoutWarmUp(), clock);
    }

    /**
     * With the {@code validation} section: the engine's settings, the trust folder re-read when it changes,
     * and the warm-up (a self-test that throws, so the gateway does not start, when no signature is seen).
     */
    public static VerdictServices fromConfig(VerdictConfig config, ValidationSection validation, Clock clock)
            throws IOException {
        Supplier<AgencyRegistry> registry;
        Optional<Path> file = config.registryConfig().file();
        if (file.isPresent()) {
            ReloadableRegistry reloadable = new ReloadableRegistry(file.get());
            registry = reloadable::current;
        } else {
            AgencyRegistry demo = demoRegistry();
            registry = () -> demo;
        }
        Supplier<TrustSnapshot> trust;
        if (config.trustFolder().isBlank()) {
            TrustSnapshot none = TrustSnapshot.empty(clock.instant());
            trust = () -> none;
        } else {
            Path folder = readableTrustFolder(config.trustFolder());
            try {
                trust = new WatchedTrustFolder(TrustStore.open(validation.trustConfig(folder), clock), clock);
            } catch (IOException e) {
                throw new ConfigException("verdict.trustFolder: cannot read the trusted CA"
                        + " certificates in " + folder + ": " + e, e);
            }
        }
        SignatureValidator validator = new SignatureValidator(validation.toEngineConfig());
        if (validation.warmUp()) {
            validator.warmUp();
        }
        return create(config, registry, trust, validator, clock);
    }

    /** The key, the folder and what is wrong with it, before the trust store meets a bare NoSuchFileException. */
    private static Path readableTrustFolder(String configured) {
        Path folder = Path.of(configured);
        String problem = !java.nio.file.Files.exists(folder) ? "does not exist"
                : !java.nio.file.Files.isDirectory(folder) ? "is not a folder"
                : !java.nio.file.Files.isReadable(folder) ? "cannot be read (permissions)" : null;
        if (problem != null) {
            throw new ConfigException("verdict.trustFolder: " + folder.toAbsolutePath() + " "
                    + problem + "; it must be a folder of trusted CA certificates (or \"\" for none)");
        }
        return folder;
    }

    public static VerdictServices create(VerdictConfig config, Supplier<AgencyRegistry> registry,
                                         Supplier<TrustSnapshot> trust, SignatureValidator validator, Clock clock) {
        Profile profile = ProfileLoader.load(config.profileConfig());
        return new VerdictServices(profile, registry,
                new DocumentInspector(validator, trust, clock), new SenderAuthenticator(config.authConfig()),
                new VerdictEngine(profile), new Stamper(config.stampConfig()),
                new SenderNotifier(config.notifyConfig(), profile));
    }

    private static AgencyRegistry demoRegistry() throws IOException {
        try (InputStream in = vn.mailgw.samples.DemoProvince.registryYaml()) {
            return new RegistryLoader().lint(in, Optional.empty()).registry();
        }
    }

    /** For logs: which profile and how many official mailboxes. */
    public String describe() {
        return "profile " + profile.name() + ", registry " + registry.get().size() + " mailboxes, at "
                + Instant.now();
    }
}
