package vn.mailgw.gateway.verdict;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustStore;

/**
 * The trust folder's current snapshot, re-read when its files changed: looked at, at most once per
 * {@code validation.trustReloadInterval}, by whichever validation asks first (a worker thread, never the
 * event loop), so no timer thread is needed. A reload that fails keeps the previous snapshot.
 */
final class WatchedTrustFolder implements Supplier<TrustSnapshot> {

    private final TrustStore store;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextCheck;

    WatchedTrustFolder(TrustStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = store.config().reloadInterval().toMillis();
        this.nextCheck = new AtomicLong(clock.millis() + intervalMillis);
    }

    @Override
    public TrustSnapshot get() {
        long now = clock.millis();
        long due = nextCheck.get();
        if (now >= due && nextCheck.compareAndSet(due, now + intervalMillis)) {
            store.reloadIfChanged();
        }
        return store.current();
    }
}
