package io.xfs.directory.metadata;

/**
 * A needle nothing references any more (overwritten, deleted, deduplicated away, or an expired
 * placement): the reaper deletes {@code (vid, key, cookie)} on every replica of volume {@code vid}, then
 * calls {@link MetadataStore#removeGarbage}. A needle becomes garbage at most once, because needle keys
 * are never reused. Ordered by {@code vid}, then {@code key} (the order {@link MetadataStore#garbage}
 * pages in).
 */
public record GarbageNeedle(int vid, long key, int cookie) implements Comparable<GarbageNeedle> {

    @Override
    public int compareTo(GarbageNeedle other) {
        int byVid = Integer.compare(vid, other.vid);
        return byVid != 0 ? byVid : Long.compare(key, other.key);
    }
}
