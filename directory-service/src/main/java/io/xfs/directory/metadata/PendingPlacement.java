package io.xfs.directory.metadata;

import io.xfs.common.path.XfsPath;

/**
 * A needle placement the directory handed out and nobody committed yet: the caller may be writing
 * {@code (vid, key, cookie)} to the stores right now. {@link MetadataStore#commit} consumes it; once
 * {@code expiresAt} (epoch millis) has passed, {@link MetadataStore#expirePlacements} turns it into
 * garbage and a late commit naming it fails.
 */
public record PendingPlacement(String bucket, int vid, long key, int cookie, long expiresAt) {

    public PendingPlacement {
        XfsPath.validateBucket(bucket);
    }

    /** The needle this placement reserves, as garbage if it is never committed. */
    public GarbageNeedle needle() {
        return new GarbageNeedle(vid, key, cookie);
    }
}
