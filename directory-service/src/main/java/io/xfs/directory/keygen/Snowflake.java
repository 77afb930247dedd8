package io.xfs.directory.keygen;

/**
 * The snowflake key layout and its logical clock.
 *
 * <pre>
 * bit 63     0 (keys are positive)
 * bits 62-22 milliseconds since {@link #EPOCH_MILLIS} (41 bits, about 69 years)
 * bits 21-12 worker id (10 bits, 0..1023), claimed in ZooKeeper
 * bits 11-0  sequence within the millisecond (4096 keys)
 * </pre>
 *
 * The logical clock never goes backwards: if the wall clock steps back, keys continue from the last
 * timestamp used; when a millisecond's 4096 sequence numbers are used up the clock borrows the next
 * millisecond. It may run at most {@link #MAX_AHEAD_MILLIS} ahead of the wall clock; beyond that
 * {@link #tryNext} refuses until the wall clock catches up. Not thread-safe: {@link KeyGenerator} locks.
 */
public final class Snowflake {
    /** 2025-01-01T00:00:00Z. */
    public static final long EPOCH_MILLIS = 1_735_689_600_000L;
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int MAX_WORKER = (1 << WORKER_BITS) - 1;
    static final int SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1;
    /**
     * How far the logical clock may run ahead of the wall clock. A worker id changing hands starts its
     * new owner this far ahead ({@link #startAfterClaim}), so its keys sort after anything the previous
     * owner of the id can have issued.
     */
    public static final long MAX_AHEAD_MILLIS = 2_000;

    private long lastMillis = -1;
    private int sequence;

    /**
     * The next key for {@code workerId} at wall-clock time {@code nowMillis}, or -1 when the logical clock
     * would have to run more than {@link #MAX_AHEAD_MILLIS} ahead (the wall clock stepped back far, or
     * more than 4096 keys per millisecond were asked for too long).
     */
    public long tryNext(int workerId, long nowMillis) {
        if (workerId < 0 || workerId > MAX_WORKER) {
            throw new IllegalArgumentException("worker id out of range: " + workerId);
        }
        long t;
        int seq;
        if (nowMillis > lastMillis) {
            t = nowMillis;
            seq = 0;
        } else {
            t = lastMillis;
            seq = (sequence + 1) & SEQUENCE_MASK;
            if (seq == 0) {
                t = lastMillis + 1;
            }
        }
        if (t - nowMillis > MAX_AHEAD_MILLIS) {
            return -1;
        }
        lastMillis = t;
        sequence = seq;
        return ((t - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS))
                | ((long) workerId << SEQUENCE_BITS)
                | seq;
    }

    /**
     * Makes the next key's timestamp at least {@code nowMillis + MAX_AHEAD_MILLIS}: called when a worker
     * id was (re)claimed, because its previous owner may have issued keys up to {@code MAX_AHEAD_MILLIS}
     * ahead of its own clock before it lost the id (which happened before {@code nowMillis}).
     */
    public void startAfterClaim(long nowMillis) {
        long start = nowMillis + MAX_AHEAD_MILLIS;
        if (start > lastMillis) {
            lastMillis = start - 1;
            sequence = SEQUENCE_MASK; // the next key takes the millisecond {@code start}
        }
    }

    /** The worker id encoded in {@code key}. */
    public static int workerOf(long key) {
        return (int) ((key >>> SEQUENCE_BITS) & MAX_WORKER);
    }

    /** The epoch millis encoded in {@code key}. */
    public static long millisOf(long key) {
        return (key >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS;
    }
}
