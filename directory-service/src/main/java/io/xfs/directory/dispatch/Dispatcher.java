package io.xfs.directory.dispatch;

import io.xfs.directory.topology.Topology;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Chooses where new needles go from the current topology. The scores are computed once per topology
 * snapshot ({@link DispatchPlan}) and reused until the snapshot changes. Thread-safe.
 */
public final class Dispatcher {
    private final Supplier<Topology> topology;
    private final long spaceUnitBytes;
    private volatile DispatchPlan plan;

    public Dispatcher(Supplier<Topology> topology, long spaceUnitBytes) {
        this.topology = topology;
        this.spaceUnitBytes = spaceUnitBytes;
        this.plan = DispatchPlan.of(Topology.EMPTY, spaceUnitBytes);
    }

    /** The plan for the current topology snapshot. */
    public DispatchPlan plan() {
        Topology now = topology.get();
        DispatchPlan p = plan;
        if (p.topology() != now) {
            p = DispatchPlan.of(now, spaceUnitBytes);
            plan = p;
        }
        return p;
    }

    /** A volume for a needle of {@code size} bytes; empty when no writable group has room. */
    public Optional<Choice> choose(long size, Set<Integer> excludedGroups) {
        return plan().pick(size, excludedGroups, ThreadLocalRandom.current());
    }

    /** Like {@link #choose(long, Set)}, choosing groups with an avoided store only when nothing else has room. */
    public Optional<Choice> choose(long size, Set<Integer> excludedGroups, Set<String> avoidedStores) {
        return plan().pick(size, excludedGroups, avoidedStores, ThreadLocalRandom.current());
    }
}
