package io.xfs.common.topology;

/** Data of {@code /volume/<vid>}: the group whose stores hold the volume's replicas. */
public record VolumeInfo(int vid, int gid) {
}
