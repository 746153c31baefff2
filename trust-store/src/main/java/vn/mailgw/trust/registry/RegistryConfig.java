package vn.mailgw.trust.registry;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the agency registry comes from. Empty file = the demo province's registry shipped in samples.
 *
 * @param file YAML file of official mailboxes (key {@code registry.file})
 */
public record RegistryConfig(Optional<Path> file) {

    public static final Optional<Path> DEFAULT_FILE = Optional.empty();
    public static final RegistryConfig DEFAULT = new RegistryConfig(DEFAULT_FILE);

    public RegistryConfig {
        file = file == null ? DEFAULT_FILE : file;
    }
}
