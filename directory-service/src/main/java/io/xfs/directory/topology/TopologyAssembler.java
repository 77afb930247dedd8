package io.xfs.directory.topology;

import io.xfs.common.json.Json;
import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStats;
import io.xfs.common.topology.VolumeInfo;
import io.xfs.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the nodes under {@code /rack}, {@code /group} and {@code /volume} into a {@link Topology}, and
 * derives each store's write delay from the difference between successive observations of its cumulative
 * {@link StoreStats}. An observation is new when the node's mzxid grew, so reading the same node twice
 * (watch and timer) does not reset the delay, and an older read never overwrites a newer one. Not
 * thread-safe: the watcher calls it from its one refresh thread.
 */
final class TopologyAssembler {
    private static final Logger log = LoggerFactory.getLogger(TopologyAssembler.class);

    private record Observation(long mzxid, StoreRegistration registration, long delayNanos) {
    }

    private final Map<String, Observation> observations = new HashMap<>();

    Topology assemble(List<ZNode> rack, List<ZNode> group, List<ZNode> volume, long nowMillis) {
        List<StoreNode> stores = new ArrayList<>();
        for (ZNode node : rack) {
            String[] parts = segments(node.path());
            if (parts.length != 3 || !parts[0].equals(ZkPaths.RACK.substring(1))) {
                continue;
            }
            String storeId = parts[2];
            Observation obs = observe(storeId, node);
            if (obs != null) {
                stores.add(new StoreNode(storeId, obs.registration(), obs.delayNanos()));
            }
        }

        Map<Integer, TreeSet<String>> groupMembers = new TreeMap<>();
        for (ZNode node : group) {
            String[] parts = segments(node.path());
            Integer gid = parts.length >= 2 ? parseId(parts[1]) : null;
            if (gid == null) {
                continue;
            }
            TreeSet<String> members = groupMembers.computeIfAbsent(gid, k -> new TreeSet<>());
            if (parts.length == 3) {
                members.add(parts[2]);
            }
        }
        List<GroupInfo> groups = new ArrayList<>();
        groupMembers.forEach((gid, members) -> {
            if (!members.isEmpty()) {
                groups.add(new GroupInfo(gid, List.copyOf(members)));
            }
        });

        Map<Integer, Integer> volumeGroup = new HashMap<>();
        Map<Integer, TreeSet<String>> volumeStores = new TreeMap<>();
        for (ZNode node : volume) {
            String[] parts = segments(node.path());
            Integer vid = parts.length >= 2 ? parseId(parts[1]) : null;
            if (vid == null) {
                continue;
            }
            TreeSet<String> replicas = volumeStores.computeIfAbsent(vid, k -> new TreeSet<>());
            if (parts.length == 3) {
                replicas.add(parts[2]);
            } else if (parts.length == 2) {
                VolumeInfo info = parse(node, VolumeInfo.class);
                if (info != null) {
                    volumeGroup.put(vid, info.gid());
                }
            }
        }
        List<VolumeNode> volumes = new ArrayList<>();
        volumeStores.forEach((vid, replicas) -> {
            Integer gid = volumeGroup.get(vid);
            if (gid != null) {
                volumes.add(new VolumeNode(vid, gid, List.copyOf(replicas)));
            }
        });
        return new Topology(stores, groups, volumes, nowMillis);
    }

    private @Nullable Observation observe(String storeId, ZNode node) {
        Observation previous = observations.get(storeId);
        if (previous != null && node.mzxid() <= previous.mzxid()) {
            return previous;
        }
        StoreRegistration registration = parse(node, StoreRegistration.class);
        if (registration == null) {
            return previous;
        }
        StoreStats stats = registration.stats() == null ? StoreStats.ZERO : registration.stats();
        long delay = 0;
        if (previous != null) {
            StoreStats earlier = previous.registration().stats() == null
                    ? StoreStats.ZERO : previous.registration().stats();
            // Counters restart at 0 with the store process; averageWriteDelayNanosSince gives 0 then.
            delay = stats.averageWriteDelayNanosSince(earlier);
        }
        Observation obs = new Observation(node.mzxid(), registration, delay);
        observations.put(storeId, obs);
        return obs;
    }

    private static <T> @Nullable T parse(ZNode node, Class<T> type) {
        if (node.data() == null || node.data().length == 0) {
            return null;
        }
        try {
            return Json.read(node.data(), type);
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable ZooKeeper node {}: {}", node.path(), e.getMessage());
            return null;
        }
    }

    private static @Nullable Integer parseId(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
