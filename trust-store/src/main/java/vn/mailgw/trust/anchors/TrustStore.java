package vn.mailgw.trust.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live trust store: the current {@link TrustSnapshot} of a folder, swapped atomically when the
 * folder changes. Polling (not a WatchService) because it works the same on every file system,
 * including bind mounts and network shares where watch events are lost; the caller owns the
 * thread ({@link #startPolling}), so tests call {@link #reloadIfChanged()} directly.
 */
public final class TrustStore {

    private static final Logger LOG = LoggerFactory.getLogger(TrustStore.class);

    private final TrustConfig config;
    private final Clock clock;
    private final AtomicReference<TrustSnapshot> current = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile List<String> folderState = List.of();

    private TrustStore(TrustConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Loads the folder once; fails when the folder or its manifest cannot be read at all. */
    public static TrustStore open(TrustConfig config, Clock clock) throws IOException {
        TrustStore store = new TrustStore(config, clock);
        store.reload();
        return store;
    }

    public TrustSnapshot current() {
        return current.get();
    }

    public TrustConfig config() {
        return config;
    }

    /**
     * Reloads when any file of the folder was added, removed or changed. A reload that fails keeps
     * the previous snapshot (a half-copied file must not empty the trust store).
     *
     * @return true when a new snapshot was published
     */
    public boolean reloadIfChanged() {
        try {
            if (stateOf(config.folder()).equals(folderState)) {
                return false;
            }
            reload();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("trust folder {} could not be reloaded, keeping the previous snapshot: {}", config.folder(),
                    e.toString());
            return false;
        }
    }

    /** Checks the folder every {@code reloadInterval} on the caller's scheduler. */
    public ScheduledFuture<?> startPolling(ScheduledExecutorService scheduler) {
        long millis = config.reloadInterval().toMillis();
        return scheduler.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void reload() throws IOException {
        List<String> state = stateOf(config.folder());
        TrustSnapshot snapshot = TrustFolderLoader.load(config.folder(), generation.incrementAndGet(), clock.instant());
        current.set(snapshot);
        folderState = state;
        LOG.info("trust folder {} loaded: {} certificates, {} problems (generation {})", config.folder(),
                snapshot.certificates().size(), snapshot.problems().size(), snapshot.generation());
        snapshot.problems().forEach(p -> LOG.warn("trust folder problem: {}", p));
    }

    /** Name, size and modification time of every file: cheap, and enough to notice a change. */
    private static List<String> stateOf(Path folder) throws IOException {
        List<String> state = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                state.add(f.getFileName() + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return state;
    }
}
