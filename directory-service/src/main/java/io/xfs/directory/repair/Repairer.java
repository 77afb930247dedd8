package io.xfs.directory.repair;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level-triggered repair (docs/operations.md, "Repair"): while this directory leads, every round compares,
 * per volume, the replicas it wants (the size of the volume's group) with the healthy ones it has (members
 * whose store is registered and publishes the volume as readable). A volume short of a replica for longer
 * than the grace, or holding a replica on a draining store (at once: a drain needs no grace), gets a task: copy from a healthy member to a
 * store chosen as placement would (another rack first, then the store with the fewest volumes, with
 * room for the volume), then swap the membership. Nothing is remembered between rounds but when each
 * volume was first seen short: a lost task, a restarted leader or a second directory only delay the
 * repair, and the lease keeps two from working on one volume. Runs on its own thread.
 */
public final class Repairer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Repairer.class);

    /**
     * @param grace    how long a volume may be short of a replica before it is repaired (a store that
     *                 restarts within it is not replaced)
     * @param interval pause between rounds
     */
    public record Settings(Duration grace, Duration interval) {
    }

    /** What a volume lacks: healthy members that count, the members to replace, whether only drains ask. */
    record Health(int vid, int wanted, List<StoreNode> healthy, List<String> counted, List<String> replace,
                  boolean drainOnly) {
        boolean needsWork() {
            return counted.size() < wanted || drainOnly;
        }
    }

    private final Supplier<Topology> topology;
    private final BooleanSupplier leader;
    private final RepairLeases leases;
    private final RepairDispatcher dispatcher;
    private final RepairMetrics metrics;
    private final Settings settings;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("repair").daemon().factory());
    private final Map<Integer, Long> shortSince = new HashMap<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();
    private final Set<Integer> warned = new HashSet<>();

    public Repairer(Supplier<Topology> topology, BooleanSupplier leader, RepairLeases leases, RepairDispatcher dispatcher, RepairMetrics metrics, Settings settings,
                    LongSupplier clock) {
        this.topology = topology;
        this.leader = leader;
        this.leases = leases;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public void start() {
        long every = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (Exception e) {
            log.warn("Repair round failed, retrying on the next: {}", e.toString());
        }
    }

    /** One round. */
    void tick() throws Exception {
        if (!leader.getAsBoolean()) {
            shortSince.clear();
            attempts.clear();
            return;
        }
        Topology t = topology.get();
        if (t.readAtMillis() == 0) {
            return;
        }
        Set<String> drain = draining(t);
        long now = clock.getAsLong();
        Set<Integer> stillShort = new HashSet<>();
        int shortVolumes = 0;
        for (VolumeNode volume : t.volumes().values()) {
            Health health = health(t, volume, drain);
            if (!health.needsWork()) {
                continue;
            }
            stillShort.add(volume.vid());
            if (health.counted().size() < health.wanted()) {
                shortVolumes++;
            }
            long since = shortSince.computeIfAbsent(volume.vid(), k -> {
                log.warn("Volume {} has {} of {} healthy replicas ({} to replace)", volume.vid(),
                        health.counted().size(), health.wanted(), health.replace());
                return now;
            });
            if (!health.drainOnly() && now - since < settings.grace().toMillis()) {
                continue;
            }
            if (!dispatcher.busy(volume.vid())) {
                issue(t, volume, health, drain);
            }
        }
        shortSince.keySet().retainAll(stillShort);
        attempts.keySet().retainAll(stillShort);
        warned.retainAll(stillShort);
        metrics.shortVolumes(shortVolumes);
    }

    private void issue(Topology t, VolumeNode volume, Health health, Set<String> drain) throws Exception {
        if (health.healthy().isEmpty()) {
            warnOnce(volume.vid(), "Volume " + volume.vid() + " has no healthy replica to copy from");
            return;
        }
        StoreNode source = health.healthy().stream()
                .sorted(Comparator.comparing((StoreNode s) -> drain.contains(s.id())).thenComparing(StoreNode::id))
                .findFirst().orElseThrow();
        long size = source.volume(volume.vid()).map(VolumeState::size).orElse(0L);
        StoreNode target = chooseTarget(t, volume, health, drain, size);
        if (target == null) {
            if (warnOnce(volume.vid(), "Volume " + volume.vid() + ": no store can take a replica of " + size
                    + " bytes (all hold it, are not writable, draining or full)")) {
                metrics.task("no_target");
            }
            return;
        }
        Optional<RepairLease> lease = leases.acquire(volume.vid());
        if (lease.isEmpty()) {
            return; // another directory works on it
        }
        int attempt = attempts.getOrDefault(volume.vid(), 0) + 1;
        RepairTask task = new RepairTask(volume.vid(), source.admin(), target.id(), target.admin(), health.replace(),
                lease.get(), attempt);
        if (dispatcher.dispatch(task)) {
            attempts.put(volume.vid(), attempt);
            metrics.task("issued");
            warned.remove(volume.vid());
        } else {
            leases.release(lease.get());
        }
    }

    private boolean warnOnce(int vid, String message) {
        if (warned.add(vid)) {
            log.warn(message);
            return true;
        }
        return false;
    }

    /** The stores that publish {@link StoreStatus#DRAINING}. */
    public static Set<String> draining(Topology t) {
        Set<String> drain = new HashSet<>();
        for (StoreNode store : t.stores().values()) {
            if (StoreStatus.draining(store.registration().status())) {
                drain.add(store.id());
            }
        }
        return drain;
    }

    static Health health(Topology t, VolumeNode volume, Set<String> drain) {
        GroupInfo group = t.groups().get(volume.gid());
        int wanted = Math.max(1, group != null ? group.stores().size() : volume.stores().size());
        List<StoreNode> healthy = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        List<String> replace = new ArrayList<>();
        for (String id : volume.stores()) {
            StoreNode store = t.stores().get(id);
            boolean ok = store != null && store.readable()
                    && store.volume(volume.vid()).map(VolumeState::readable).orElse(false);
            if (ok) {
                healthy.add(store);
            }
            if (ok && !drain.contains(id)) {
                counted.add(id);
            } else {
                replace.add(id);
            }
        }
        boolean drainOnly = !replace.isEmpty() && drain.containsAll(replace) && healthy.size() == volume.stores().size();
        return new Health(volume.vid(), wanted, healthy, counted, replace, drainOnly);
    }

    /** Another rack than the counted replicas first, then the fewest volumes, then the id; room for {@code size}. */
    static @Nullable StoreNode chooseTarget(Topology t, VolumeNode volume, Health health, Set<String> drain, long size) {
        Set<String> racks = new HashSet<>();
        for (String id : health.counted()) {
            t.store(id).ifPresent(s -> racks.add(s.rack()));
        }
        return t.stores().values().stream()
                .filter(s -> s.writable() && !volume.stores().contains(s.id()) && !drain.contains(s.id()))
                .filter(s -> hasRoom(s, size))
                .min(Comparator.comparing((StoreNode s) -> racks.contains(s.rack()))
                        .thenComparingInt(s -> s.registration().volumes().size())
                        .thenComparing(StoreNode::id))
                .orElse(null);
    }

    /**
     * Whether the store has room for a volume of {@code size} bytes, as far as its registration tells: the
     * most free space any of its volumes reports (each is bounded by the disk's free space), and a store
     * without volumes is taken to have room (it publishes itself writable only with room for a needle).
     */
    private static boolean hasRoom(StoreNode store, long size) {
        List<VolumeState> volumes = store.registration().volumes();
        return volumes.isEmpty() || volumes.stream().mapToLong(VolumeState::free).max().orElse(0) >= size;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
