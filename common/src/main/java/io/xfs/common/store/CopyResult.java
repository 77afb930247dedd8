package io.xfs.common.store;

/**
 * What one run of a volume copy did (docs/store.md, "Volume copy").
 *
 * @param vid     the volume
 * @param rounds  catch-up rounds run (a round: source snapshot, needles since the last one, key comparison)
 * @param needles needles appended to the replica
 * @param bytes   raw volume bytes received
 * @param deletes needles deleted on the replica because the source had deleted them
 * @param corrupt needles received whose CRC did not match (not written)
 * @param missing keys live at the source but not on the replica after the last round
 * @param agreed  the last round changed nothing and both sides hold the same live keys: the replica counts
 */
public record CopyResult(int vid, int rounds, long needles, long bytes, long deletes, long corrupt, long missing,
                         boolean agreed) {
}
