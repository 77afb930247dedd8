package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicas whose answer to a read was damaged (500 {@code CORRUPT_DATA}, or cut before its end): each is
 * counted ({@code replica_read_errors} on {@code /status}) and its store asked to repair the needle from a
 * good replica ({@code /admin/repair_needle}, docs/operations.md "Scrub repair"), in the background, at most
 * once a minute per replica and a few at a time; the read itself has already moved on to another replica.
 * A request skipped here is not lost work: the store's own read-repair and scrubber find the needle too.
 * Thread-safe; close it to stop the requests.
 */
final class DamagedReplicas implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DamagedReplicas.class);
    private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int CONCURRENT_REQUESTS = 4;
    private static final int PRUNE_ABOVE = 10_000;

    private final ReplicaClient replicas;
    private final ProxyCounters counters;
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("replica-repair-", 0).factory());
    private final Semaphore running = new Semaphore(CONCURRENT_REQUESTS);
    private final Map<String, Long> asked = new ConcurrentHashMap<>();

    DamagedReplicas(ReplicaClient replicas, ProxyCounters counters) {
        this.replicas = replicas;
        this.counters = counters;
    }

    /** Records that {@code store} answered a damaged read of {@code needle}, and asks it to repair the needle. */
    void report(String store, NeedleRef needle) {
        counters.replicaReadErrors.increment();
        long now = System.nanoTime();
        if (asked.size() > PRUNE_ABOVE) {
            asked.values().removeIf(at -> now - at >= REPEAT_NANOS);
        }
        String replica = store + "/" + StoreReplicaClient.describe(needle);
        boolean[] fresh = {false};
        asked.compute(replica, (k, at) -> {
            if (at != null && now - at < REPEAT_NANOS) {
                return at;
            }
            fresh[0] = true;
            return now;
        });
        if (!fresh[0]) {
            return;
        }
        if (!running.tryAcquire()) {
            asked.remove(replica, now); // busy: the next damaged read of it asks again
            return;
        }
        try {
            executor.execute(() -> requestRepair(store, needle));
        } catch (RuntimeException e) { // closed
            running.release();
        }
    }

    private void requestRepair(String store, NeedleRef needle) {
        try {
            boolean repaired = replicas.requestRepair(store, needle);
            log.info("Asked {} to repair needle {} after a damaged read: {}", store,
                    StoreReplicaClient.describe(needle), repaired ? "repaired" : "not damaged (any more)");
        } catch (IOException | RuntimeException e) {
            log.warn("Asking {} to repair needle {} after a damaged read failed: {}", store,
                    StoreReplicaClient.describe(needle), e.toString());
        } finally {
            running.release();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
