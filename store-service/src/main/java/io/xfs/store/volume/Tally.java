package io.xfs.store.volume;

/**
 * The in-memory index of a volume together with the counts derived from it: live data bytes, dead
 * needles and the bytes they take. The loader and the compactor fill one from index records and scans
 * (while the index still tracks sizes); the {@link Volume} then keeps the counts current. Not
 * thread-safe: the owner guards it.
 */
final class Tally {
    private final NeedleIndex index;
    private long liveBytes;
    private long deadNeedles;
    private long garbageBytes;

    Tally(NeedleIndex index) {
        this.index = index;
    }

    Tally(NeedleIndex index, long liveBytes, long deadNeedles, long garbageBytes) {
        this.index = index;
        this.liveBytes = liveBytes;
        this.deadNeedles = deadNeedles;
        this.garbageBytes = garbageBytes;
    }

    NeedleIndex index() {
        return index;
    }

    long liveBytes() {
        return liveBytes;
    }

    long deadNeedles() {
        return deadNeedles;
    }

    long garbageBytes() {
        return garbageBytes;
    }

    /** A needle of {@code size} bytes at {@code units}; an older needle of the key becomes garbage. Index must track sizes. */
    void append(long key, int units, int size) {
        long previous = index.put(key, units, size);
        if (previous != NeedleIndex.ABSENT) {
            died(NeedleIndex.sizeOf(previous));
        }
        liveBytes += size;
    }

    /** A tombstone for the needle at {@code units}; ignored unless it is the key's current needle. Index must track sizes. */
    void delete(long key, int units) {
        if (index.get(key) == units) {
            died(NeedleIndex.sizeOf(index.remove(key)));
        }
    }

    /** Accounts for a new live needle (the caller updated the index). */
    void addLive(int size) {
        liveBytes += size;
    }

    /** Accounts for a needle of {@code size} data bytes that stopped being live (the caller updated the index). */
    void died(int size) {
        liveBytes -= size;
        deadNeedles++;
        garbageBytes += NeedleFormat.needleLength(size);
    }
}
