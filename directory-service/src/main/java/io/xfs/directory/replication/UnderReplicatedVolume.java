package io.xfs.directory.replication;

import java.util.List;

/**
 * A volume with fewer healthy replicas than wanted, continuously for at least the monitor's grace.
 *
 * @param vid          volume id
 * @param gid          its group
 * @param wanted       replicas the cluster wants ({@code xfs.cluster.replicas}, or more if more were placed)
 * @param healthy      ids of the stores that hold a readable, undamaged replica now, in id order
 * @param missing      the replicas it lacks and why ({@code wanted - healthy.size()} of them, at least)
 * @param sinceMillis  since when (epoch millis) the volume has lacked a replica without interruption
 * @param bytes        the volume's size as its healthy replicas report it (0 when none is left)
 */
public record UnderReplicatedVolume(int vid, int gid, int wanted, List<String> healthy, List<MissingReplica> missing,
                                    long sinceMillis, long bytes) {
    public UnderReplicatedVolume {
        healthy = List.copyOf(healthy);
        missing = List.copyOf(missing);
    }

    /** Replicas to add before the volume is whole again. */
    public int missingCount() {
        return Math.max(0, wanted - healthy.size());
    }

    /** No readable replica is left: reads of its files fail until a store comes back. */
    public boolean lost() {
        return healthy.isEmpty();
    }
}
