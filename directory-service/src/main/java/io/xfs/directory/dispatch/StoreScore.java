package io.xfs.directory.dispatch;

/**
 * One store's part in a group's score (SPEC §4).
 *
 * @param present    the store is registered in ZooKeeper
 * @param writable   the store accepts writes
 * @param free       bytes free in the group's writable volumes on this store
 * @param spaceScore min(1000, free / space unit)
 * @param delayScore average write latency in ms, 0 below 100, at most 1000
 * @param score      spaceScore - delayScore
 */
public record StoreScore(String id, boolean present, boolean writable, long free, long spaceScore,
                         long delayScore, long score) {
}
