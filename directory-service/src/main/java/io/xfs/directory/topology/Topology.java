package io.xfs.directory.topology;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.VolumeState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of the cluster: registered stores, groups and volumes, as last read from
 * ZooKeeper. The maps iterate in key order so that decisions made from a snapshot are reproducible.
 * Readable replicas per volume are computed once here because every {@code /get} asks for them.
 */
public final class Topology {
    public static final Topology EMPTY = new Topology(List.of(), List.of(), List.of(), 0);

    private final SortedMap<String, StoreNode> stores;
    private final SortedMap<Integer, GroupInfo> groups;
    private final SortedMap<Integer, VolumeNode> volumes;
    private final Map<Integer, List<String>> readable;
    private final long readAtMillis;

    public Topology(Collection<StoreNode> stores, Collection<GroupInfo> groups, Collection<VolumeNode> volumes,
                    long readAtMillis) {
        TreeMap<String, StoreNode> s = new TreeMap<>();
        stores.forEach(n -> s.put(n.id(), n));
        TreeMap<Integer, GroupInfo> g = new TreeMap<>();
        groups.forEach(n -> g.put(n.gid(), n));
        TreeMap<Integer, VolumeNode> v = new TreeMap<>();
        volumes.forEach(n -> v.put(n.vid(), n));
        this.stores = Collections.unmodifiableSortedMap(s);
        this.groups = Collections.unmodifiableSortedMap(g);
        this.volumes = Collections.unmodifiableSortedMap(v);
        this.readAtMillis = readAtMillis;
        Map<Integer, List<String>> r = new HashMap<>();
        for (VolumeNode volume : v.values()) {
            List<String> apis = new ArrayList<>();
            for (String storeId : volume.stores()) {
                StoreNode store = s.get(storeId);
                if (store != null && store.readable()
                        && store.volume(volume.vid()).map(VolumeState::readable).orElse(false)) {
                    apis.add(store.api());
                }
            }
            r.put(volume.vid(), List.copyOf(apis));
        }
        this.readable = Map.copyOf(r);
    }

    public SortedMap<String, StoreNode> stores() {
        return stores;
    }

    public SortedMap<Integer, GroupInfo> groups() {
        return groups;
    }

    public SortedMap<Integer, VolumeNode> volumes() {
        return volumes;
    }

    /** When this snapshot was read (epoch millis); 0 for {@link #EMPTY}. */
    public long readAtMillis() {
        return readAtMillis;
    }

    public Optional<StoreNode> store(String id) {
        return Optional.ofNullable(stores.get(id));
    }

    /** {@code host:port} of every registered store that can serve reads of volume {@code vid} now. */
    public List<String> readableStores(int vid) {
        return readable.getOrDefault(vid, List.of());
    }

    /** The volumes of group {@code gid}, in vid order. */
    public List<VolumeNode> volumesOf(int gid) {
        List<VolumeNode> result = new ArrayList<>();
        for (VolumeNode v : volumes.values()) {
            if (v.gid() == gid) {
                result.add(v);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "Topology[stores=" + stores.keySet() + ", groups=" + groups.keySet() + ", volumes="
                + volumes.keySet() + "]";
    }
}
