package io.xfs.directory.dispatch;

import java.util.List;

/**
 * A group's standing for new placements (SPEC §4).
 *
 * @param writable      every store is registered and writable, and at least one volume is writable on all
 * @param score         the minimum of its stores' scores
 * @param weight        max(0, score) when writable, else 0
 * @param writableBytes bytes that can still be written: the sum over writable volumes of their smallest
 *                      free space across the replicas
 * @param volumes       writable volumes with their smallest free space across the replicas
 */
public record GroupScore(int gid, List<String> stores, boolean writable, long score, long weight,
                         long writableBytes, List<VolumeRoom> volumes, List<StoreScore> storeScores) {

    public GroupScore {
        stores = List.copyOf(stores);
        volumes = List.copyOf(volumes);
        storeScores = List.copyOf(storeScores);
    }

    /** A volume writable on every replica, and the room its fullest replica has left. */
    public record VolumeRoom(int vid, long free) {
    }
}
