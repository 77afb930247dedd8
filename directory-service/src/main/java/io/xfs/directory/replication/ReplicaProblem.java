package io.xfs.directory.replication;

/** Why a replica of a volume does not count as healthy. */
public enum ReplicaProblem {
    /** The store named in {@code /volume/<vid>} is not registered under {@code /rack} (down, or gone for good). */
    STORE_GONE,
    /** The store is registered but does not report the volume (an empty or replaced disk, a lost file). */
    VOLUME_MISSING,
    /** The store reports the volume as damaged or not readable. */
    DAMAGED,
    /** Fewer stores were given a replica of the volume than the cluster wants; no store id to name. */
    NOT_PLACED
}
