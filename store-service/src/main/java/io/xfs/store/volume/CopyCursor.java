package io.xfs.store.volume;

/**
 * How far a copy into a replica got: the source volume's epoch and the source position up to which its
 * needles were applied (docs/store.md, "Volume copy").
 */
public record CopyCursor(long epoch, long position) {
    /** Nothing copied yet: the first needle follows the super block. */
    public static CopyCursor start(long epoch) {
        return new CopyCursor(epoch, SuperBlock.SIZE);
    }
}
