package io.xfs.common.topology;

/**
 * One volume as a store reports it in ZooKeeper.
 *
 * @param vid     volume id
 * @param size    bytes used in the volume file
 * @param free    bytes that can still be appended (min of the volume cap and the disk's free space)
 * @param needles live needles
 * @param deleted deleted or overwritten needles still taking space (compaction reclaims them)
 * @param status  {@link StoreStatus} bits
 */
public record VolumeState(int vid, long size, long free, long needles, long deleted, int status) {
    public boolean writable() {
        return StoreStatus.writable(status);
    }

    public boolean readable() {
        return StoreStatus.readable(status);
    }
}
