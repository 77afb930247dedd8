package io.xfs.directory.replication;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares, for every volume, the replicas the cluster wants with the healthy ones it has (see
 * docs/operations.md, "Replication health"). Wanted is the size of the volume's group (or of its
 * {@code /volume/<vid>} membership, if larger); a replica is healthy when its store is registered under
 * {@code /rack}, readable, and reports the volume readable and not {@link StoreStatus#DAMAGED}.
 *
 * <p>A volume counts as under-replicated once it has lacked a replica for the whole {@code grace}, so a
 * store that restarts does not make the numbers flap; the WARN log names each volume when it crosses
 * that line and an INFO line when it is whole again. {@link #check()} runs on a timer
 * ({@link #start}) and can be called directly; {@link #underReplicated()} is what repair works from.
 * Thread-safe: checks are serialized and publish an immutable {@link ReplicationReport}.
 */
public final class ReplicationMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicationMonitor.class);
    private static final int VOLUMES_NAMED_PER_LOG_LINE = 20;

    private final Supplier<Topology> topology;
    private final Duration grace;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    /** vid → since when (epoch millis) it lacks a replica; only the check thread touches it. */
    private final Map<Integer, Long> shortSince = new HashMap<>();
    private final Map<Integer, UnderReplicatedVolume> reported = new HashMap<>();
    private volatile ReplicationReport report = ReplicationReport.EMPTY;

    public ReplicationMonitor(Supplier<Topology> topology, Duration grace) {
        this(topology, grace, System::currentTimeMillis);
    }

    /** With a clock, for tests that step through the grace. */
    public ReplicationMonitor(Supplier<Topology> topology, Duration grace, LongSupplier clock) {
        this.topology = topology;
        this.grace = grace;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("replication-monitor").daemon().factory());
    }

    /** Checks every {@code interval} from now on. */
    public void start(Duration interval) {
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The last check's result ({@link ReplicationReport#EMPTY} before the first). */
    public ReplicationReport report() {
        return report;
    }

    /** The volumes short of a replica for longer than the grace, as of the last check, in vid order. */
    public List<UnderReplicatedVolume> underReplicated() {
        return report.underReplicated();
    }

    /** Checks the current topology now, logs what changed and returns the new report. */
    public synchronized ReplicationReport check() {
        Topology t = topology.get();
        long now = clock.getAsLong();
        if (t.readAtMillis() == 0) {
            return report; // ZooKeeper never read: nothing is known yet, so nothing is missing either.
        }
        List<UnderReplicatedVolume> under = new ArrayList<>();
        int pending = 0;
        long bytesAtRisk = 0;
        Map<Integer, Long> stillShort = new HashMap<>();
        for (VolumeNode volume : t.volumes().values()) {
            Optional<UnderReplicatedVolume> shortOf = assess(t, volume, now);
            if (shortOf.isEmpty()) {
                continue;
            }
            long since = shortSince.getOrDefault(volume.vid(), now);
            stillShort.put(volume.vid(), since);
            if (now - since < grace.toMillis()) {
                pending++;
                continue;
            }
            UnderReplicatedVolume v = shortOf.get();
            v = new UnderReplicatedVolume(v.vid(), v.gid(), v.wanted(), v.healthy(), v.missing(), since, v.bytes());
            under.add(v);
            bytesAtRisk += v.bytes();
        }
        shortSince.clear();
        shortSince.putAll(stillShort);
        logChanges(under, t);
        ReplicationReport next = new ReplicationReport(now, t.volumes().size(), under, pending, bytesAtRisk);
        report = next;
        return next;
    }

    /** The volume's replica shortfall now, empty when it has every replica it wants. */
    static Optional<UnderReplicatedVolume> assess(Topology t, VolumeNode volume, long now) {
        GroupInfo group = t.groups().get(volume.gid());
        int wanted = Math.max(group == null ? 0 : group.stores().size(), volume.stores().size());
        List<String> healthy = new ArrayList<>();
        List<MissingReplica> missing = new ArrayList<>();
        long bytes = 0;
        for (String storeId : volume.stores().stream().sorted().toList()) {
            StoreNode store = t.stores().get(storeId);
            Optional<VolumeState> state = store == null ? Optional.empty() : store.volume(volume.vid());
            if (store == null) {
                missing.add(new MissingReplica(storeId, ReplicaProblem.STORE_GONE));
            } else if (state.isEmpty()) {
                missing.add(new MissingReplica(storeId, ReplicaProblem.VOLUME_MISSING));
            } else if (!store.readable() || !state.get().readable() || StoreStatus.damaged(state.get().status())) {
                missing.add(new MissingReplica(storeId, ReplicaProblem.DAMAGED));
            } else {
                healthy.add(storeId);
                bytes = Math.max(bytes, state.get().size());
            }
        }
        for (int i = volume.stores().size(); i < wanted; i++) {
            missing.add(new MissingReplica(null, ReplicaProblem.NOT_PLACED));
        }
        if (healthy.size() >= wanted) {
            return Optional.empty();
        }
        return Optional.of(new UnderReplicatedVolume(volume.vid(), volume.gid(), wanted, healthy, missing, now, bytes));
    }

    private void logChanges(List<UnderReplicatedVolume> under, Topology t) {
        Map<Integer, UnderReplicatedVolume> now = new HashMap<>();
        List<UnderReplicatedVolume> appeared = new ArrayList<>();
        for (UnderReplicatedVolume v : under) {
            now.put(v.vid(), v);
            UnderReplicatedVolume before = reported.get(v.vid());
            if (before == null || !before.healthy().equals(v.healthy()) || !before.missing().equals(v.missing())) {
                appeared.add(v);
            }
        }
        List<Integer> healed = new ArrayList<>();
        for (Integer vid : reported.keySet()) {
            if (!now.containsKey(vid)) {
                healed.add(vid);
            }
        }
        if (!appeared.isEmpty()) {
            StringBuilder names = new StringBuilder();
            appeared.stream().limit(VOLUMES_NAMED_PER_LOG_LINE).forEach(v -> names.append(' ').append(describe(v)));
            if (appeared.size() > VOLUMES_NAMED_PER_LOG_LINE) {
                names.append(" and ").append(appeared.size() - VOLUMES_NAMED_PER_LOG_LINE).append(" more");
            }
            log.warn("{} of {} volumes lack replicas ({} bytes at risk); changed:{}", under.size(), t.volumes().size(),
                    under.stream().mapToLong(UnderReplicatedVolume::bytes).sum(), names);
        }
        if (!healed.isEmpty()) {
            healed.sort(null);
            log.info("volumes {} have all their replicas again; {} still lack replicas", healed, under.size());
        }
        reported.clear();
        reported.putAll(now);
    }

    private static String describe(UnderReplicatedVolume v) {
        StringBuilder s = new StringBuilder("vid ").append(v.vid()).append(" (healthy ").append(v.healthy().size())
                .append('/').append(v.wanted()).append(v.healthy()).append(", missing");
        for (MissingReplica m : v.missing()) {
            s.append(' ').append(m.storeId() == null ? "-" : m.storeId()).append(':').append(m.problem());
        }
        return s.append(')').toString();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Replication check failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
