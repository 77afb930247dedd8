package io.xfs.store.registry;

import io.xfs.common.json.Json;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The other stores holding a volume, read from ZooKeeper when asked (a repair is rare): the members
 * under {@code /volume/<vid>/} and their addresses under {@code /rack/<rack>/<storeId>}.
 */
public final class VolumePeers implements IntFunction<List<String>> {
    private final CuratorFramework zk;
    private final String self;

    public VolumePeers(CuratorFramework zk, String selfId) {
        this.zk = zk;
        this.self = selfId;
    }

    @Override
    public List<String> apply(int vid) {
        try {
            Set<String> members = Set.copyOf(zk.getChildren().forPath(ZkPaths.volume(vid)));
            List<String> apis = new ArrayList<>();
            for (String rack : zk.getChildren().forPath(ZkPaths.RACK)) {
                for (String store : zk.getChildren().forPath(ZkPaths.rack(rack))) {
                    if (members.contains(store) && !store.equals(self)) {
                        try {
                            apis.add(Json.read(zk.getData().forPath(ZkPaths.rackStore(rack, store)),
                                    StoreRegistration.class).api());
                        } catch (KeeperException.NoNodeException e) {
                            // gone meanwhile
                        }
                    }
                }
            }
            return apis;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the replicas of volume " + vid + " from ZooKeeper: " + e, e);
        }
    }
}
