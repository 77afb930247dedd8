package io.xfs.directory.testing;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStats;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Topology} snapshots with fixed stats for tests of the decisions made from them. */
public final class Topologies {
    private final List<StoreNode> stores = new ArrayList<>();
    private final List<GroupInfo> groups = new ArrayList<>();
    private final List<VolumeNode> volumes = new ArrayList<>();

    public static Topologies builder() {
        return new Topologies();
    }

    /** A store on {@code rack} holding the given volumes, with the given status and write delay. */
    public Topologies store(String id, String rack, int status, long writeDelayNanos, VolumeState... held) {
        StoreRegistration reg = new StoreRegistration(id, rack, id + ":1", id + ":1", status, List.of(held),
                StoreStats.ZERO);
        stores.add(new StoreNode(id, reg, writeDelayNanos));
        return this;
    }

    public Topologies store(String id, VolumeState... held) {
        return store(id, "rack-" + id, StoreStatus.READ_WRITE, 0, held);
    }

    public Topologies group(int gid, String... storeIds) {
        groups.add(new GroupInfo(gid, List.of(storeIds)));
        return this;
    }

    public Topologies volume(int vid, int gid, String... storeIds) {
        volumes.add(new VolumeNode(vid, gid, List.of(storeIds)));
        return this;
    }

    public static VolumeState writable(int vid, long free) {
        return new VolumeState(vid, 8, free, 0, 0, StoreStatus.READ_WRITE);
    }

    public static VolumeState readOnly(int vid, long free) {
        return new VolumeState(vid, 8, free, 0, 0, StoreStatus.READABLE);
    }

    public Topology build() {
        return new Topology(stores, groups, volumes, 1);
    }
}
