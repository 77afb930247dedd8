package io.xfs.directory.repair;

/**
 * Hands repair tasks to whatever runs them: in process ({@link InProcessDispatcher}, the standalone and
 * tests), or a queue. A dispatcher only delivers: a task lost or delivered twice is harmless, because
 * the leader issues it again while the volume still lacks a replica and the work is idempotent.
 */
public interface RepairDispatcher extends AutoCloseable {
    /** Accepts the task for running; false when it cannot take it now (the leader tries again later). */
    boolean dispatch(RepairTask task);

    /** Whether a task for volume {@code vid} is being worked on here. */
    boolean busy(int vid);

    @Override
    void close();
}
