package io.xfs.common.directory;

import java.util.List;

/**
 * Answer of the directory's {@code POST /upload}: either where to write a new needle ({@code vid, key,
 * cookie, stores} in group {@code gid}; nothing is visible until {@code /commit}, and the placement expires at
 * {@code expiresAt} epoch millis), or {@code dedup=true}: the bucket already holds content with this
 * SHA-256 and size, so the caller commits without writing.
 */
public record Placement(
        int ret,
        boolean dedup,
        int gid,
        int vid,
        long key,
        int cookie,
        List<String> stores,
        long expiresAt) {

    public Placement {
        stores = List.copyOf(stores);
    }

    public static Placement needle(int gid, int vid, long key, int cookie, List<String> stores, long expiresAt) {
        return new Placement(1, false, gid, vid, key, cookie, stores, expiresAt);
    }

    public static Placement deduplicated() {
        return new Placement(1, true, 0, 0, 0, 0, List.of(), 0);
    }

    public NeedleRef needle(long size) {
        return new NeedleRef(vid, key, cookie, size);
    }
}
