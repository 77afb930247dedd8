package io.xfs.directory.repair;

import io.xfs.common.json.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Per-volume repair leases in ZooKeeper: a persistent node {@code /repair/lease/<vid>} whose data names
 * the owner and when its hold expires. Taking or renewing a lease is a compare-and-set on the node's
 * version, so the version is a fencing token that grows with every new owner: the membership change at
 * the end of a repair checks it in the same transaction, and stores refuse copy tasks with a token below
 * one they have seen. Expiry uses the owners' wall clocks; fencing keeps a wrong clock from doing harm.
 * Thread-safe.
 */
public final class RepairLeases {
    static final String ROOT = "/repair/lease";

    private record Hold(String owner, long expiresAt) {
    }

    private final CuratorFramework zk;
    private final String owner;
    private final Duration ttl;
    private final LongSupplier clock;

    /**
     * @param owner this directory's name in the lease data (unique per process)
     * @param ttl   how long a lease holds without renewal
     */
    public RepairLeases(CuratorFramework zk, String owner, Duration ttl, LongSupplier clock) {
        this.zk = zk;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    static String path(int vid) {
        return ROOT + "/" + vid;
    }

    /** Takes the lease of {@code vid} if it is free, expired or already ours; empty when another holds it. */
    public Optional<RepairLease> acquire(int vid) throws Exception {
        byte[] data = Json.write(new Hold(owner, clock.getAsLong() + ttl.toMillis()));
        try {
            zk.create().creatingParentsIfNeeded().forPath(path(vid), data);
            return Optional.of(new RepairLease(vid, 0, 0));
        } catch (KeeperException.NodeExistsException e) {
            // taken before: compare and set below
        }
        Stat stat = new Stat();
        Hold current = Json.read(zk.getData().storingStatIn(stat).forPath(path(vid)), Hold.class);
        if (!current.owner().equals(owner) && current.expiresAt() > clock.getAsLong()) {
            return Optional.empty();
        }
        try {
            Stat written = zk.setData().withVersion(stat.getVersion()).forPath(path(vid), data);
            return Optional.of(new RepairLease(vid, written.getVersion(), written.getVersion()));
        } catch (KeeperException.BadVersionException e) {
            return Optional.empty();
        }
    }

    /** Extends the lease; empty when it was lost (another owner took it). */
    public Optional<RepairLease> renew(RepairLease lease) throws Exception {
        byte[] data = Json.write(new Hold(owner, clock.getAsLong() + ttl.toMillis()));
        try {
            Stat written = zk.setData().withVersion(lease.version()).forPath(path(lease.vid()), data);
            return Optional.of(new RepairLease(lease.vid(), lease.token(), written.getVersion()));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** Gives the lease up (harmless when it was lost meanwhile). */
    public void release(RepairLease lease) throws Exception {
        try {
            zk.setData().withVersion(lease.version()).forPath(path(lease.vid()), Json.write(new Hold(owner, 0)));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            // another owner has it now
        }
    }

    /** Whether someone holds the lease of {@code vid} now (taken and neither expired nor released). */
    public boolean held(int vid) throws Exception {
        try {
            return Json.read(zk.getData().forPath(path(vid)), Hold.class).expiresAt() > clock.getAsLong();
        } catch (KeeperException.NoNodeException e) {
            return false;
        }
    }

    /** A transaction step that fails unless {@code lease} is still held as it was. */
    CuratorOp check(RepairLease lease) throws Exception {
        return zk.transactionOp().check().withVersion(lease.version()).forPath(path(lease.vid()));
    }
}
