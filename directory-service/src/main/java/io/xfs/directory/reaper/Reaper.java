package io.xfs.directory.reaper;

import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.metadata.GarbageNeedle;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes garbage needles on the stores (SPEC §2 "Garbage"). While this directory leads, each pass first
 * turns expired placements into garbage, then pages through the garbage records and sends {@code POST
 * /del} for each needle to every replica of its volume ({@code /volume/<vid>/<storeId>}); a 404 counts as
 * deleted. A record is removed from the metadata only once every replica acknowledged; a replica that is
 * down keeps the record, and it is retried with a doubling backoff until that store is back. Which
 * replicas acknowledged is remembered in memory only: after a restart the deletes are simply sent again.
 * Runs on its own thread; deletes of one page go out in parallel.
 */
public final class Reaper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reaper.class);
    private static final int PARALLEL_DELETES = 16;

    /**
     * @param batch      garbage records per page (and expired placements per metadata write)
     * @param minBackoff first retry delay of a needle not deleted everywhere
     * @param maxBackoff the retry delay doubles up to this
     */
    public record Settings(int batch, Duration minBackoff, Duration maxBackoff) {
    }

    private record Retry(Set<String> acknowledged, long delayMillis, long nextAttemptMillis) {
    }

    private final MetadataStore metadata;
    private final StoreClient stores;
    private final Supplier<Topology> topology;
    private final BooleanSupplier leader;
    private final Settings settings;
    private final LongSupplier clock;
    private final Map<GarbageNeedle, Retry> retries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deleters = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(PARALLEL_DELETES);

    public Reaper(MetadataStore metadata, StoreClient stores, Supplier<Topology> topology, BooleanSupplier leader,
                  Settings settings) {
        this.metadata = metadata;
        this.stores = stores;
        this.topology = topology;
        this.leader = leader;
        this.settings = settings;
        this.clock = System::currentTimeMillis;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reaper");
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::passQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void passQuietly() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("Reaper pass failed, retrying on the next one: {}", e.toString());
        }
    }

    /**
     * One pass over all garbage; does nothing unless this directory leads.
     *
     * @return how many garbage records were removed because every replica acknowledged
     */
    public int pass() {
        if (!leader.getAsBoolean()) {
            return 0;
        }
        long now = clock.getAsLong();
        int expired;
        int rounds = 0;
        do {
            expired = metadata.expirePlacements(now, settings.batch());
            if (expired > 0) {
                log.info("{} expired placements turned into garbage", expired);
            }
        } while (expired == settings.batch() && ++rounds < 100);

        Topology t = topology.get();
        if (t.readAtMillis() == 0) {
            return 0; // no topology yet: we would not know the replicas
        }
        int removed = 0;
        @Nullable GarbageNeedle after = null;
        while (leader.getAsBoolean()) {
            List<GarbageNeedle> page = metadata.garbage(after, settings.batch());
            if (page.isEmpty()) {
                break;
            }
            List<GarbageNeedle> done = reap(t, page, now);
            if (!done.isEmpty()) {
                metadata.removeGarbage(done);
                done.forEach(retries::remove);
                removed += done.size();
            }
            if (page.size() < settings.batch()) {
                break;
            }
            after = page.getLast();
        }
        return removed;
    }

    private List<GarbageNeedle> reap(Topology t, List<GarbageNeedle> page, long now) {
        List<Future<Boolean>> results = new ArrayList<>(page.size());
        List<GarbageNeedle> attempted = new ArrayList<>(page.size());
        for (GarbageNeedle needle : page) {
            Retry retry = retries.get(needle);
            if (retry != null && retry.nextAttemptMillis() > now) {
                continue;
            }
            attempted.add(needle);
            inFlight.acquireUninterruptibly();
            results.add(deleters.submit(() -> {
                try {
                    return deleteEverywhere(t, needle, now);
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<GarbageNeedle> done = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            try {
                if (results.get(i).get()) {
                    done.add(attempted.get(i));
                }
            } catch (Exception e) {
                log.warn("Deleting {} failed: {}", attempted.get(i), e.toString());
            }
        }
        return done;
    }

    /** True when every replica has acknowledged; otherwise schedules the next attempt. */
    private boolean deleteEverywhere(Topology t, GarbageNeedle needle, long now) {
        Retry retry = retries.get(needle);
        Set<String> acknowledged = retry == null ? new HashSet<>() : new HashSet<>(retry.acknowledged());
        VolumeNode volume = t.volumes().get(needle.vid());
        @Nullable String waitingFor = null;
        if (volume == null || volume.stores().isEmpty()) {
            waitingFor = "volume " + needle.vid() + " is unknown";
        } else {
            for (String storeId : volume.stores()) {
                if (acknowledged.contains(storeId)) {
                    continue;
                }
                Optional<StoreNode> store = t.store(storeId);
                if (store.isEmpty()) {
                    waitingFor = "store " + storeId + " is not registered";
                    continue;
                }
                try {
                    stores.delete(store.get().api(), needle.vid(), needle.key(), needle.cookie());
                    acknowledged.add(storeId);
                } catch (XfsException e) {
                    waitingFor = e.getMessage();
                }
            }
        }
        if (waitingFor == null) {
            return true;
        }
        long delay = retry == null ? settings.minBackoff().toMillis()
                : Math.min(settings.maxBackoff().toMillis(), retry.delayMillis() * 2);
        retries.put(needle, new Retry(Set.copyOf(acknowledged), delay, now + delay));
        log.debug("Needle {} not deleted everywhere yet ({}), retrying in {} ms", needle, waitingFor, delay);
        return false;
    }

    /** Needles waiting for a replica to acknowledge their deletion. */
    public int pending() {
        return retries.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        deleters.shutdownNow();
    }
}
