package io.xfs.directory.repair;

import io.xfs.common.json.Json;
import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.VolumeInfo;
import io.xfs.common.topology.VolumeState;
import io.xfs.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes which stores hold a volume ({@code /volume/<vid>/<storeId>}, docs/directory.md) at the end of a
 * repair or drain: one ZooKeeper transaction adds the new replica, drops the replaced ones and, when a
 * group of exactly the new members exists, moves the volume into it (so that it takes writes again: a
 * group is writable only while all of its stores are). The transaction checks the repair lease, so a
 * directory that lost its lease changes nothing. When no such group exists, the transaction forms it.
 * Thread-safe.
 */
public final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final CuratorFramework zk;
    private final RepairLeases leases;

    public Membership(CuratorFramework zk, RepairLeases leases) {
        this.zk = zk;
        this.leases = leases;
    }

    /**
     * Makes {@code add} a member of volume {@code vid} and drops {@code remove}; false when the lease was
     * lost (nothing changed).
     */
    public boolean replace(int vid, String add, List<String> remove, RepairLease lease) throws Exception {
        Stat volumeStat = new Stat();
        VolumeInfo info = Json.read(zk.getData().storingStatIn(volumeStat).forPath(ZkPaths.volume(vid)), VolumeInfo.class);
        Set<String> members = new HashSet<>(zk.getChildren().forPath(ZkPaths.volume(vid)));
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(leases.check(lease));
        if (!members.contains(add)) {
            ops.add(zk.transactionOp().create().forPath(ZkPaths.volumeStore(vid, add)));
        }
        for (String gone : remove) {
            if (members.contains(gone) && !gone.equals(add)) {
                ops.add(zk.transactionOp().delete().forPath(ZkPaths.volumeStore(vid, gone)));
            }
        }
        Set<String> after = new HashSet<>(members);
        after.add(add);
        remove.forEach(s -> {
            if (!s.equals(add)) {
                after.remove(s);
            }
        });
        int gid = groupOf(after);
        if (gid == 0) {
            // No group of exactly these stores: form one in the same transaction, so that the volume's group
            // and members agree (the provisioner would otherwise "complete" the volume on the old group's
            // missing store, with an empty replica). A gid taken meanwhile fails the transaction: next round.
            gid = nextGroupId();
            List<String> sorted = after.stream().sorted().toList();
            ops.add(zk.transactionOp().create().forPath(ZkPaths.group(gid), Json.write(new GroupInfo(gid, sorted))));
            for (String id : sorted) {
                ops.add(zk.transactionOp().create().forPath(ZkPaths.groupStore(gid, id)));
            }
        }
        if (gid != info.gid()) {
            ops.add(zk.transactionOp().setData().withVersion(volumeStat.getVersion())
                    .forPath(ZkPaths.volume(vid), Json.write(new VolumeInfo(vid, gid))));
        }
        try {
            zk.transaction().forOperations(ops);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException
                 | KeeperException.NodeExistsException e) {
            log.warn("Volume {}: membership not changed (lease lost or members changed meanwhile): {}", vid,
                    e.getMessage());
            return false;
        }
        log.info("Volume {}: replica on {} added{}{}", vid, add, remove.isEmpty() ? "" : ", " + remove + " dropped",
                gid != info.gid() ? ", now in group " + gid : "");
        return true;
    }

    /**
     * Whether store {@code storeId} publishes volume {@code vid} as readable in its registration now. A copy
     * is only swapped in once it does: until then the directory would not name it for reads, and a volume
     * that drops its old replica first would be left with one readable copy (and a group not writable).
     */
    public boolean published(int vid, String storeId) throws Exception {
        if (zk.checkExists().forPath(ZkPaths.RACK) == null) {
            return false;
        }
        for (String rack : zk.getChildren().forPath(ZkPaths.RACK)) {
            byte[] data;
            try {
                data = zk.getData().forPath(ZkPaths.rackStore(rack, storeId));
            } catch (KeeperException.NoNodeException e) {
                continue;
            }
            StoreRegistration registration = Json.read(data, StoreRegistration.class);
            return registration.readable() && registration.volumes().stream()
                    .anyMatch(v -> v.vid() == vid && v.readable());
        }
        return false;
    }

    private int nextGroupId() throws Exception {
        int max = 0;
        if (zk.checkExists().forPath(ZkPaths.GROUP) != null) {
            for (String child : zk.getChildren().forPath(ZkPaths.GROUP)) {
                try {
                    max = Math.max(max, Integer.parseInt(child));
                } catch (NumberFormatException e) {
                    // not a group
                }
            }
        }
        return max + 1;
    }

    /** The group whose stores are exactly {@code stores}, or 0. */
    private int groupOf(Set<String> stores) throws Exception {
        if (zk.checkExists().forPath(ZkPaths.GROUP) == null) {
            return 0;
        }
        for (String child : zk.getChildren().forPath(ZkPaths.GROUP)) {
            try {
                if (new HashSet<>(zk.getChildren().forPath(ZkPaths.GROUP + "/" + child)).equals(stores)) {
                    return Integer.parseInt(child);
                }
            } catch (KeeperException.NoNodeException | NumberFormatException e) {
                // deleted meanwhile, or not a group
            }
        }
        return 0;
    }
}
