package io.xfs.directory.replication;

import java.util.List;

/**
 * The result of one check of every volume.
 *
 * @param checkedAtMillis  when (epoch millis)
 * @param volumes          volumes known to ZooKeeper
 * @param underReplicated  the volumes short of a replica for longer than the grace, in vid order
 * @param pending          volumes short of a replica for less than the grace (a store restarting, maybe)
 * @param bytesAtRisk      sum of {@link UnderReplicatedVolume#bytes} over {@code underReplicated}
 */
public record ReplicationReport(long checkedAtMillis, int volumes, List<UnderReplicatedVolume> underReplicated,
                                int pending, long bytesAtRisk) {
    public static final ReplicationReport EMPTY = new ReplicationReport(0, 0, List.of(), 0, 0);

    public ReplicationReport {
        underReplicated = List.copyOf(underReplicated);
    }
}
