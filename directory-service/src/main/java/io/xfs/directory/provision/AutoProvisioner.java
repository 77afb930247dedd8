package io.xfs.directory.provision;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code xfs.directory.auto-provision}: while this directory leads, forms groups so that no registered
 * store sits idle ({@link GroupLayout}), gives each new group its first volumes, completes volumes that
 * a replica lacks, and adds a volume to a group whose writable space fell below a threshold, so that
 * "no writable volume" is not reached while the disks have room. Groups are formed only once the set of
 * registered stores has stayed the same for a settle period (stores of a starting cluster register one by
 * one). A group with a still-empty volume gets no further one: if an empty volume has little room the disk
 * is full, and more volumes would not help. Runs on its own thread.
 */
public final class AutoProvisioner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoProvisioner.class);

    /**
     * @param replicas       stores per group
     * @param settle         how long the registered stores must stay unchanged before groups are formed
     * @param lowSpaceBytes  a group with less writable space gets another volume
     * @param initialVolumes volumes of a new group
     */
    public record Settings(int replicas, Duration settle, long lowSpaceBytes, int initialVolumes) {
    }

    private final Provisioner provisioner;
    private final Supplier<Topology> topology;
    private final Dispatcher dispatcher;
    private final BooleanSupplier leader;
    private final Settings settings;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor;
    private Set<String> lastStores = Set.of();
    private long stableSince;
    private boolean warnedTooFew;

    public AutoProvisioner(Provisioner provisioner, Supplier<Topology> topology, Dispatcher dispatcher,
                           BooleanSupplier leader, Settings settings) {
        this.provisioner = provisioner;
        this.topology = topology;
        this.dispatcher = dispatcher;
        this.leader = leader;
        this.settings = settings;
        this.clock = System::currentTimeMillis;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("auto-provision").daemon().factory());
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::tickQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Auto-provisioning failed, retrying on the next round: {}", e.getMessage());
        }
    }

    /** One round: form missing groups, then look after every group's volumes. */
    void tick() {
        if (!leader.getAsBoolean()) {
            return;
        }
        Topology t = topology.get();
        if (t.readAtMillis() == 0) {
            return;
        }
        long now = clock.getAsLong();
        Set<String> storeIds = Set.copyOf(t.stores().keySet());
        if (!storeIds.equals(lastStores)) {
            lastStores = storeIds;
            stableSince = now;
        }
        if (now - stableSince >= settings.settle().toMillis() && formGroups(t)) {
            return; // look after their volumes once the new groups are in the snapshot
        }
        for (GroupScore score : dispatcher.plan().groups()) {
            GroupInfo group = t.groups().get(score.gid());
            // A group with a store gone or draining gets no volumes: repair is moving its volumes away.
            if (group != null && group.stores().stream().allMatch(id -> t.store(id).isPresent()
                    && !StoreStatus.draining(t.store(id).get().registration().status()))) {
                maintainVolumes(t, group, score);
            }
        }
    }

    private boolean formGroups(Topology t) {
        if (t.stores().size() < settings.replicas()) {
            if (!warnedTooFew && !t.stores().isEmpty()) {
                log.warn("Only {} stores registered, {} needed per group: no group formed yet",
                        t.stores().size(), settings.replicas());
                warnedTooFew = true;
            }
            return false;
        }
        List<StoreNode> candidates = t.stores().values().stream()
                .filter(s -> !StoreStatus.draining(s.registration().status())).toList();
        List<List<String>> missing = GroupLayout.missing(candidates, t.groups().values(), settings.replicas());
        for (List<String> stores : missing) {
            int gid = provisioner.createGroup(stores);
            provisioner.addVolumes(gid, settings.initialVolumes());
        }
        return !missing.isEmpty();
    }

    private void maintainVolumes(Topology t, GroupInfo group, GroupScore score) {
        List<VolumeNode> volumes = t.volumesOf(group.gid());
        if (volumes.isEmpty()) {
            provisioner.addVolumes(group.gid(), settings.initialVolumes());
            return;
        }
        for (VolumeNode volume : volumes) {
            if (!volume.stores().containsAll(group.stores())) {
                provisioner.completeVolume(volume, group);
            }
        }
        if (score.writableBytes() < settings.lowSpaceBytes()
                && volumes.stream().noneMatch(v -> spare(t, group, v))) {
            log.info("Group {} has {} writable bytes left: adding a volume", group.gid(), score.writableBytes());
            provisioner.addVolumes(group.gid(), 1);
        }
    }

    /**
     * A volume nothing was written to yet, or that no replica reports yet (just created): adding another
     * one would not give the group more room than this one will.
     */
    static boolean spare(Topology t, GroupInfo group, VolumeNode volume) {
        for (String id : group.stores()) {
            Optional<VolumeState> state = t.store(id).flatMap((StoreNode s) -> s.volume(volume.vid()));
            if (state.isPresent()
                    && (state.get().needles() > 0 || state.get().deleted() > 0 || !state.get().writable())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
