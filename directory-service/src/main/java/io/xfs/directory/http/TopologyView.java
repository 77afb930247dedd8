package io.xfs.directory.http;

import io.xfs.common.topology.StoreRegistration;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.replication.ReplicationReport;
import io.xfs.directory.topology.VolumeNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /topology}: what this directory knows and how it scores the groups.
 *
 * @param zookeeper whether the directory is connected to ZooKeeper right now
 * @param leader    whether it runs provisioning and the reaper
 * @param keyWorker its snowflake worker id, null while it issues no keys
 * @param readAt    when the topology was last read (epoch millis)
 * @param writable  ids of the groups new files can go to
 * @param replication the replication monitor's last check: the volumes short of a replica, where, and why
 * @param suspectStores  stores ({@code host:port}) proxies reported failing, until a health check passes
 * @param excludedStores suspect stores placement avoids: their failure was corroborated
 */
record TopologyView(
        boolean zookeeper,
        boolean leader,
        @Nullable Integer keyWorker,
        long readAt,
        List<StoreRegistration> stores,
        List<GroupScore> groups,
        List<VolumeNode> volumes,
        List<Integer> writable,
        ReplicationReport replication,
        List<String> suspectStores,
        List<String> excludedStores) {
}
