package io.xfs.store.node;

import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeStats;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This store as it reports itself in {@code GET /info} and in its ZooKeeper node: identity, advertised
 * address, status bits, one {@link VolumeState} per volume and the counters.
 *
 * <p>Status: the store is {@link StoreStatus#READABLE} while it runs and {@link StoreStatus#WRITABLE} while its
 * disk has room for a needle and it is not shutting down. A volume is writable while the engine has not
 * turned it read-only and it has room (volume cap and disk) for one needle of the largest allowed size, so a
 * writer placed on a writable volume never fails for lack of space. Thread-safe.
 */
public final class StoreNode {
    private static final Logger log = LoggerFactory.getLogger(StoreNode.class);

    private final StoreIdentity identity;
    private final VolumeManager volumes;
    private final StoreCounters counters;
    private final Path volumesDir;
    private final long writeReserve;
    private volatile @Nullable String address;
    private volatile @Nullable String adminAddress;
    private volatile boolean shuttingDown;
    private volatile boolean draining;
    private volatile Runnable publisher = () -> { };

    /**
     * @param writeReserve bytes a volume (and the disk) must still have to be published as writable
     */
    public StoreNode(StoreIdentity identity, VolumeManager volumes, StoreCounters counters, Path volumesDir,
                     long writeReserve) {
        this.identity = identity;
        this.volumes = volumes;
        this.counters = counters;
        this.volumesDir = volumesDir;
        this.writeReserve = writeReserve;
        this.draining = Files.exists(drainMarker());
    }

    /**
     * Starts or ends draining (docs/operations.md, "Drain"), durably (a marker file beside the volumes): a
     * draining store publishes {@link StoreStatus#DRAINING} and nothing writable, so it gets no new writes
     * while the directory copies its volumes away.
     */
    public synchronized void drain(boolean on) throws IOException {
        Path marker = drainMarker();
        if (on) {
            Files.write(marker, new byte[0]);
        } else {
            Files.deleteIfExists(marker);
        }
        try (FileChannel dir = FileChannel.open(volumesDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
        draining = on;
        log.info(on ? "Draining: no new writes; the directory moves the volumes away" : "Draining ended");
        publishNow();
    }

    /** Sets what {@link #publishNow} runs: the registrar's rewrite of this store's ZooKeeper node. */
    public void publishWith(Runnable publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes the registration now rather than at the next refresh (asynchronously): for changes the
     * directory waits on, such as a copied volume becoming readable.
     */
    public void publishNow() {
        publisher.run();
    }

    public boolean draining() {
        return draining;
    }

    private Path drainMarker() {
        return volumesDir.resolve("draining");
    }

    public StoreIdentity identity() {
        return identity;
    }

    public StoreCounters counters() {
        return counters;
    }

    /** Sets the {@code host:port} other services reach this store's API at, once the API port listens. */
    public void advertise(String hostPort) {
        this.address = hostPort;
    }

    /** Sets the {@code host:port} of the management port (admin calls), once it listens. */
    public void advertiseAdmin(String hostPort) {
        this.adminAddress = hostPort;
    }

    public @Nullable String address() {
        return address;
    }

    public @Nullable String adminAddress() {
        return adminAddress;
    }

    /** Drops both status bits: the store is leaving and must get no new work. */
    public void markShuttingDown() {
        shuttingDown = true;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** The current registration: what {@code /info} answers and the ZooKeeper node holds. */
    public StoreRegistration snapshot() {
        long diskFree = diskUsableSpace();
        List<VolumeState> states = new ArrayList<>();
        for (Volume volume : volumes.volumes()) {
            VolumeState state = state(volume.stats(), diskFree);
            if (volumes.incomplete(volume.id())) {
                // A replica still being copied serves nothing until it agrees with its source.
                state = new VolumeState(state.vid(), state.size(), state.free(), state.needles(), state.deleted(), 0);
            }
            states.add(state);
        }
        states.sort(Comparator.comparingInt(VolumeState::vid));
        int status = 0;
        if (!shuttingDown && draining) {
            status = StoreStatus.READABLE | StoreStatus.DRAINING;
        } else if (!shuttingDown) {
            status = StoreStatus.READABLE | (diskFree >= writeReserve ? StoreStatus.WRITABLE : 0);
        }
        String api = address == null ? "" : address;
        String admin = adminAddress == null ? "" : adminAddress;
        return new StoreRegistration(identity.id(), identity.rack(), api, admin, status, states, counters.snapshot());
    }

    private VolumeState state(VolumeStats stats, long diskFree) {
        long free = Math.min(stats.free(), diskFree);
        int status = 0;
        if (!shuttingDown) {
            status = StoreStatus.READABLE;
            if (!stats.readOnly() && free >= writeReserve && !draining) {
                status |= StoreStatus.WRITABLE;
            }
        }
        return new VolumeState(stats.vid(), stats.size(), Math.max(0, free), stats.needles(),
                stats.deletedNeedles(), status);
    }

    /** Free space of the disk holding the volumes; 0 when it cannot be read (then nothing is writable). */
    public long diskUsableSpace() {
        try {
            FileStore store = Files.getFileStore(volumesDir);
            return store.getUsableSpace();
        } catch (IOException e) {
            log.warn("Cannot read the free space of {}: {}", volumesDir, e.toString());
            return 0;
        }
    }
}
