package io.xfs.directory.topology;

import java.util.List;

/**
 * A volume as ZooKeeper records it: {@code /volume/<vid>} names its group, its children the stores that
 * were given a replica. Whether a replica is readable or writable right now is in the stores' own
 * registrations ({@link StoreNode#volume}).
 */
public record VolumeNode(int vid, int gid, List<String> stores) {
    public VolumeNode {
        stores = List.copyOf(stores);
    }
}
