package io.xfs.directory.provision;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.VolumeInfo;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates groups and volumes (the admin API and auto-provisioning share it). A group is
 * {@code /group/<gid>} (data {@link GroupInfo}) with one persistent child per store, written in one
 * ZooKeeper transaction. A volume is first claimed as {@code /volume/<vid>} (data {@link VolumeInfo}),
 * then created on every store of the group with the store's {@code POST /admin/add_volume}, and only
 * then are the replicas {@code /volume/<vid>/<storeId>} written (one transaction), so dispatch never
 * sees a volume that some replica lacks. Ids are the largest in use + 1, claimed by creating the node
 * (another directory racing for the same id makes this one take the next). Thread-safe.
 */
public final class Provisioner {
    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
    private static final int CLAIM_ATTEMPTS = 20;

    private final CuratorFramework zk;
    private final StoreClient stores;
    private final Supplier<Topology> topology;

    public Provisioner(CuratorFramework zk, StoreClient stores, Supplier<Topology> topology) {
        this.zk = zk;
        this.stores = stores;
        this.topology = topology;
    }

    /**
     * Forms a group of the given registered stores.
     *
     * @return the new group's id
     * @throws XfsException {@link ErrorCode#BAD_ARGUMENT} for no or repeated stores,
     *                      {@link ErrorCode#STORE_NOT_FOUND} for a store that is not registered,
     *                      {@link ErrorCode#ALREADY_EXISTS} when a group of exactly these stores exists
     */
    public int createGroup(List<String> storeIds) {
        if (storeIds.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a group needs at least one store");
        }
        Set<String> distinct = new LinkedHashSet<>(storeIds);
        if (distinct.size() != storeIds.size()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a store is named twice: " + storeIds);
        }
        Topology t = topology.get();
        for (String id : storeIds) {
            if (t.store(id).isEmpty()) {
                throw new XfsException(ErrorCode.STORE_NOT_FOUND, "store '" + id + "' is not registered");
            }
        }
        return zk(() -> {
            ensure(ZkPaths.GROUP);
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                TreeMap<Integer, Set<String>> groups = readGroups();
                for (Map.Entry<Integer, Set<String>> g : groups.entrySet()) {
                    if (g.getValue().equals(distinct)) {
                        throw new XfsException(ErrorCode.ALREADY_EXISTS,
                                "group " + g.getKey() + " already has stores " + storeIds);
                    }
                }
                int gid = groups.isEmpty() ? 1 : groups.lastKey() + 1;
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(zk.transactionOp().create().forPath(ZkPaths.group(gid),
                        Json.write(new GroupInfo(gid, storeIds))));
                for (String id : storeIds) {
                    ops.add(zk.transactionOp().create().forPath(ZkPaths.groupStore(gid, id)));
                }
                try {
                    zk.transaction().forOperations(ops);
                    log.info("Created group {} of stores {}", gid, storeIds);
                    return gid;
                } catch (KeeperException.NodeExistsException e) {
                    // another directory took this gid: try the next
                }
            }
            throw new XfsException(ErrorCode.INTERNAL, "could not claim a group id");
        });
    }

    /**
     * Adds {@code count} volumes to group {@code gid}, creating each on every store of the group.
     *
     * @return the new volume ids
     * @throws XfsException {@link ErrorCode#GROUP_NOT_FOUND}; {@link ErrorCode#STORE_UNAVAILABLE} when a
     *                      store of the group is not registered or refused (volumes created before that
     *                      stay; a volume left without all its replicas is completed by
     *                      {@link #completeVolume} and never used for writes until then)
     */
    public List<Integer> addVolumes(int gid, int count) {
        if (count < 1 || count > 1000) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "count must be 1..1000: " + count);
        }
        List<String> members = List.copyOf(zk(() -> readGroups().getOrDefault(gid, Set.of())));
        if (members.isEmpty()) {
            throw new XfsException(ErrorCode.GROUP_NOT_FOUND, "no group " + gid);
        }
        List<StoreNode> nodes = registered(gid, members);
        List<Integer> vids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int vid = claimVolume(gid);
            for (StoreNode store : nodes) {
                stores.addVolume(store.admin(), vid);
            }
            writeReplicas(vid, members);
            log.info("Added volume {} to group {} on stores {}", vid, gid, members);
            vids.add(vid);
        }
        return vids;
    }

    /** Creates volume {@code volume} on the stores of {@code group} that do not hold it yet. */
    public void completeVolume(VolumeNode volume, GroupInfo group) {
        List<String> missing = group.stores().stream().filter(s -> !volume.stores().contains(s)).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (StoreNode store : registered(group.gid(), missing)) {
            stores.addVolume(store.admin(), volume.vid());
        }
        writeReplicas(volume.vid(), missing);
        log.info("Completed volume {} of group {} on stores {}", volume.vid(), group.gid(), missing);
    }

    private List<StoreNode> registered(int gid, List<String> storeIds) {
        Topology t = topology.get();
        List<StoreNode> nodes = new ArrayList<>();
        for (String id : storeIds) {
            nodes.add(t.store(id).orElseThrow(() -> new XfsException(ErrorCode.STORE_UNAVAILABLE,
                    "store '" + id + "' of group " + gid + " is not registered")));
        }
        return nodes;
    }

    private int claimVolume(int gid) {
        return zk(() -> {
            ensure(ZkPaths.VOLUME);
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                int max = 0;
                for (String child : zk.getChildren().forPath(ZkPaths.VOLUME)) {
                    max = Math.max(max, parse(child));
                }
                int vid = max + 1;
                try {
                    zk.create().forPath(ZkPaths.volume(vid), Json.write(new VolumeInfo(vid, gid)));
                    return vid;
                } catch (KeeperException.NodeExistsException e) {
                    // taken meanwhile: try the next
                }
            }
            throw new XfsException(ErrorCode.INTERNAL, "could not claim a volume id");
        });
    }

    private void writeReplicas(int vid, List<String> storeIds) {
        zk(() -> {
            List<CuratorOp> ops = new ArrayList<>();
            Set<String> present = new HashSet<>(zk.getChildren().forPath(ZkPaths.volume(vid)));
            for (String id : storeIds) {
                if (!present.contains(id)) {
                    ops.add(zk.transactionOp().create().forPath(ZkPaths.volumeStore(vid, id)));
                }
            }
            if (!ops.isEmpty()) {
                zk.transaction().forOperations(ops);
            }
            return null;
        });
    }

    private TreeMap<Integer, Set<String>> readGroups() throws Exception {
        TreeMap<Integer, Set<String>> groups = new TreeMap<>();
        if (zk.checkExists().forPath(ZkPaths.GROUP) == null) {
            return groups;
        }
        for (String child : zk.getChildren().forPath(ZkPaths.GROUP)) {
            int gid = parse(child);
            if (gid > 0) {
                try {
                    groups.put(gid, new LinkedHashSet<>(zk.getChildren().forPath(ZkPaths.group(gid))));
                } catch (KeeperException.NoNodeException ignored) {
                    // deleted meanwhile
                }
            }
        }
        return groups;
    }

    private void ensure(String path) throws Exception {
        try {
            zk.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException ignored) {
            // already there
        }
    }

    private static int parse(String child) {
        try {
            return Integer.parseInt(child);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @FunctionalInterface
    private interface ZkCall<T> {
        T call() throws Exception;
    }

    private static <T> T zk(ZkCall<T> call) {
        try {
            return call.call();
        } catch (XfsException e) {
            throw e;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            throw new XfsException(ErrorCode.ZOOKEEPER_UNAVAILABLE, "ZooKeeper is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.ZOOKEEPER_UNAVAILABLE, "interrupted", e);
        } catch (Exception e) {
            throw new XfsException(ErrorCode.INTERNAL, "ZooKeeper call failed: " + e, e);
        }
    }
}
