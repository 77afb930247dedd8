package io.xfs.common.topology;

/**
 * Counters a store publishes, cumulative since the store process started. A reader computes rates and the
 * average write delay from the difference between two observations ({@link #averageWriteDelayNanosSince}).
 *
 * @param writes          needles written (each needle of a batch counts)
 * @param writeDelayNanos total time spent in acknowledged writes, in nanoseconds
 * @param reads           needle reads served
 */
public record StoreStats(long writes, long writeDelayNanos, long reads) {
    public static final StoreStats ZERO = new StoreStats(0, 0, 0);

    /** Average write delay over the writes made since {@code earlier}; 0 when there were none. */
    public long averageWriteDelayNanosSince(StoreStats earlier) {
        long n = writes - earlier.writes;
        if (n <= 0) {
            return 0;
        }
        return Math.max(0, writeDelayNanos - earlier.writeDelayNanos) / n;
    }
}
