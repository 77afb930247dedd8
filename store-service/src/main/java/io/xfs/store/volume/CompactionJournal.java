package io.xfs.store.volume;

import java.util.Arrays;

/**
 * The appends and deletes a volume received while a compaction copies it, in order, so that the
 * compactor can replay them onto the new file: an append as (key, offset in the old file), a delete as
 * (key, 0). Filled under the volume's append lock and handed over whole ({@link Volume#takeJournal}),
 * so it needs no lock of its own.
 */
final class CompactionJournal {
    private long[] keys = new long[64];
    private int[] units = new int[64];
    private int size;

    void appended(long key, int offsetUnits) {
        add(key, offsetUnits);
    }

    void deleted(long key) {
        add(key, 0);
    }

    int size() {
        return size;
    }

    long key(int i) {
        return keys[i];
    }

    /** The appended needle's offset in the old file (8-byte units), 0 for a delete. */
    int units(int i) {
        return units[i];
    }

    private void add(long key, int offsetUnits) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            units = Arrays.copyOf(units, size * 2);
        }
        keys[size] = key;
        units[size] = offsetUnits;
        size++;
    }
}
