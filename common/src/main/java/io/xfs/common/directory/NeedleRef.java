package io.xfs.common.directory;

import java.util.List;

/**
 * Where one needle (a whole small file, or one chunk of a large one) lives: volume, key, cookie, its data
 * size, and, in answers of the directory, the stores that hold a readable replica right now.
 */
public record NeedleRef(int vid, long key, int cookie, long size, List<String> stores) {
    public NeedleRef {
        stores = List.copyOf(stores);
    }

    public NeedleRef(int vid, long key, int cookie, long size) {
        this(vid, key, cookie, size, List.of());
    }

    /** The same needle without store addresses, as metadata keeps it (stores change, needles do not). */
    public NeedleRef withoutStores() {
        return stores.isEmpty() ? this : new NeedleRef(vid, key, cookie, size, List.of());
    }
}
