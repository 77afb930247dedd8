package io.xfs.directory.placement;

import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which registered stores placement avoids because they look dead before ZooKeeper says so
 * (docs/architecture.md "Writes when a store dies"). A proxy whose upload to a store failed reports it
 * ({@link #report}); the store becomes <em>suspect</em> and is health-checked ({@code /ping}) at once and then
 * every probe interval. A store is excluded only when the failure is corroborated: the directory's own
 * check fails, or enough distinct reporters reported it within the report window. A passing check clears
 * the reports and re-admits the store. Exclusion only steers placement ({@link DispatchPlan}-level
 * "avoid"): groups with an excluded store are still chosen when nothing else has room. Stores that
 * leave the topology are forgotten. Thread-safe.
 */
public final class StoreHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    /**
     * @param probeInterval how often suspect stores are checked
     * @param reporters     distinct reporters that exclude a store before the directory's own check fails
     * @param reportWindow  how long a report counts
     */
    public record Settings(Duration probeInterval, int reporters, Duration reportWindow) {
        public Settings {
            if (probeInterval.isNegative() || probeInterval.isZero() || reporters < 1 || reportWindow.isNegative()) {
                throw new IllegalArgumentException("probe interval must be positive, reporters at least 1");
            }
        }
    }

    /** One suspect store: who reported it when, and what the last check said. */
    private static final class Suspect {
        final Map<String, Long> reports = new ConcurrentHashMap<>();
        volatile boolean excluded;
    }

    private final Supplier<Topology> topology;
    private final Predicate<String> ping;
    private final LongSupplier nanoClock;
    private final Settings settings;
    /** By the store's {@code host:port}, as placements and reports name it. */
    private final Map<String, Suspect> suspects = new ConcurrentHashMap<>();
    private volatile Set<String> excluded = Set.of();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("store-health").factory());

    /**
     * @param ping true when the store at {@code host:port} passes its health check; must not throw
     */
    public StoreHealth(Supplier<Topology> topology, Predicate<String> ping, LongSupplier nanoClock,
                       Settings settings) {
        this.topology = topology;
        this.ping = ping;
        this.nanoClock = nanoClock;
        this.settings = settings;
    }

    /** Checks suspect stores every probe interval, on a thread of its own. */
    public void start() {
        long interval = settings.probeInterval().toNanos();
        scheduler.scheduleWithFixedDelay(this::checkSuspects, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** {@link #report}, then a check of the suspects right away rather than at the next interval. */
    public boolean reportAndCheck(String store, String reporter) {
        boolean known = report(store, reporter);
        if (known) {
            scheduler.execute(this::checkSuspects);
        }
        return known;
    }

    private void checkSuspects() {
        try {
            if (!suspects.isEmpty()) {
                check();
            }
        } catch (RuntimeException e) {
            // A failed round (no topology yet) must not end the schedule.
            log.warn("checking suspect stores failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * A reporter (a proxy) failed to write to {@code store}; true when the store is registered (an
     * unknown address is ignored). {@link #reportAndCheck} also checks it at once.
     */
    public boolean report(String store, String reporter) {
        if (!registeredApis().contains(store)) {
            return false;
        }
        Suspect suspect = suspects.computeIfAbsent(store, s -> new Suspect());
        suspect.reports.put(reporter, nanoClock.getAsLong());
        if (!suspect.excluded && distinctReporters(suspect) >= settings.reporters()) {
            exclude(store, suspect, suspect.reports.size() + " reporters agree");
        }
        return true;
    }

    /** Checks every suspect store once: excludes those that fail, re-admits those that pass. */
    public void check() {
        Set<String> registered = registeredApis();
        for (Map.Entry<String, Suspect> entry : suspects.entrySet()) {
            String store = entry.getKey();
            Suspect suspect = entry.getValue();
            if (!registered.contains(store)) {
                // Gone from ZooKeeper: nothing places there any more; if it comes back, it starts clean.
                suspects.remove(store, suspect);
                continue;
            }
            if (ping.test(store)) {
                suspects.remove(store, suspect);
                if (suspect.excluded) {
                    log.info("store {} passed its health check: placing writes on it again", store);
                }
            } else {
                if (!suspect.excluded) {
                    exclude(store, suspect, "its health check failed");
                }
            }
        }
        refresh();
    }

    private void exclude(String store, Suspect suspect, String why) {
        suspect.excluded = true;
        log.warn("store {} excluded from placement until a health check passes: {}", store, why);
        refresh();
    }

    private void refresh() {
        Set<String> now = new HashSet<>();
        suspects.forEach((store, suspect) -> {
            if (suspect.excluded) {
                now.add(store);
            }
        });
        excluded = Set.copyOf(now);
    }

    private long distinctReporters(Suspect suspect) {
        long oldest = nanoClock.getAsLong() - settings.reportWindow().toNanos();
        suspect.reports.values().removeIf(at -> at - oldest < 0);
        return suspect.reports.size();
    }

    private Set<String> registeredApis() {
        Set<String> apis = new HashSet<>();
        for (StoreNode store : topology.get().stores().values()) {
            apis.add(store.api());
        }
        return apis;
    }

    /** The stores ({@code host:port}) placement avoids now. */
    public Set<String> excluded() {
        return excluded;
    }

    /** Suspect stores (reported, not yet checked healthy), excluded or not, for {@code /topology}. */
    public List<String> suspects() {
        return List.copyOf(suspects.keySet());
    }

}
