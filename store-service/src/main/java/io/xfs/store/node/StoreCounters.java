package io.xfs.store.node;

import io.xfs.common.topology.StoreStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters a store publishes ({@link StoreStats}), cumulative since the process started. Thread-safe
 * and cheap on the hot paths (striped adders).
 */
public final class StoreCounters {
    private final LongAdder writes = new LongAdder();
    private final LongAdder writeDelayNanos = new LongAdder();
    private final LongAdder reads = new LongAdder();

    /** Counts {@code needles} acknowledged writes that took {@code nanos} together (one batch, one delay). */
    public void recordWrites(int needles, long nanos) {
        writes.add(needles);
        writeDelayNanos.add(nanos * needles);
    }

    public void recordRead() {
        reads.increment();
    }

    public StoreStats snapshot() {
        return new StoreStats(writes.sum(), writeDelayNanos.sum(), reads.sum());
    }
}
