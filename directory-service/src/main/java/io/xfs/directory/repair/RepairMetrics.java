package io.xfs.directory.repair;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The repair's meters (Prometheus names {@code xfs_repair_*}): tasks by outcome, bytes copied, tasks
 * running, and volumes short of a replica (still within the grace, or waiting for a task).
 */
public final class RepairMetrics {
    private final MeterRegistry registry;
    private final Counter bytes;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger underReplicated = new AtomicInteger();

    public RepairMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("xfs.repair.bytes").description("volume bytes copied by repair tasks")
                .baseUnit("bytes").register(registry);
        Gauge.builder("xfs.repair.running", running, AtomicInteger::get)
                .description("repair tasks running in this directory").register(registry);
        Gauge.builder("xfs.repair.volumes.short", underReplicated, AtomicInteger::get)
                .description("volumes with fewer healthy replicas than wanted, as the leader last saw them")
                .register(registry);
    }

    /**
     * Counts a task's end: {@code issued}, {@code done}, {@code failed} (the copy failed, retried later),
     * {@code not_agreed} (the copy could not agree, e.g. a corrupt source needle), {@code fenced} (the lease
     * was lost), {@code no_target} (no store can take the replica).
     */
    public void task(String outcome) {
        Counter.builder("xfs.repair.tasks").description("repair tasks by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    public void copied(long n) {
        bytes.increment(n);
    }

    public void started() {
        running.incrementAndGet();
    }

    public void finished() {
        running.decrementAndGet();
    }

    public void shortVolumes(int n) {
        underReplicated.set(n);
    }
}
