package vn.mailgw.trust.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A registry that can be re-read from its file while the gateway runs. A file with errors is refused and
 * the previous registry stays in force, so a bad edit never empties the directory of official senders.
 */
public final class ReloadableRegistry {

    private final Path file;
    private final RegistryLoader loader = new RegistryLoader();
    private final AtomicReference<AgencyRegistry> current;

    public ReloadableRegistry(Path file) throws IOException {
        this.file = file;
        this.current = new AtomicReference<>(loader.load(file));
    }

    public AgencyRegistry current() {
        return current.get();
    }

    /** Re-reads the file; on error throws and keeps the registry in force. */
    public AgencyRegistry reload() throws IOException {
        AgencyRegistry fresh = loader.load(file);
        current.set(fresh);
        return fresh;
    }
}
