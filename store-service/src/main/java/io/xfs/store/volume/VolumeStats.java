package io.xfs.store.volume;

/**
 * A snapshot of one volume's figures.
 *
 * @param vid            volume id
 * @param size           bytes of the volume file (super block included)
 * @param free           bytes that can still be appended: the cap minus {@code size}, bounded by the disk's free space
 * @param needles        live needles
 * @param liveBytes      data bytes of the live needles (what a reader can get back)
 * @param deletedNeedles deleted or overwritten needles still in the file
 * @param garbageBytes   file bytes those dead needles take (headers and padding included); compaction reclaims them
 * @param readOnly       whether appends are refused (volume full, or a write or fsync failed)
 */
public record VolumeStats(int vid, long size, long free, long needles, long liveBytes, long deletedNeedles,
                          long garbageBytes, boolean readOnly) {

    /** The share of the file that compaction would reclaim, in [0, 1]. */
    public double garbageRatio() {
        long body = size - SuperBlock.SIZE;
        return body <= 0 ? 0.0 : Math.min(1.0, (double) garbageBytes / body);
    }
}
