package io.xfs.directory.dispatch;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The scores of every group in one {@link Topology} snapshot and the weighted choice among them (SPEC §4,
 * seed 002 §5.4): per store, space score = min(1000, free / unit) and delay score = average write
 * latency in ms (0 below 100, capped at 1000); store score = space - delay; a group's score is the
 * minimum over its stores and its weight max(0, score). Only groups whose stores are all registered and
 * writable, and that have a volume with room for the needle on every replica, are candidates; when all
 * candidates weigh 0 one is picked uniformly. Immutable and thread-safe.
 */
public final class DispatchPlan {
    /** Room a needle needs beyond its data: header, footer and alignment padding on the store. */
    public static final long NEEDLE_OVERHEAD = 64;
    static final long MAX_SCORE = 1000;
    static final long DELAY_FLOOR_MS = 100;

    private final Topology topology;
    private final List<GroupScore> groups;
    /** The {@code host:port} of each writable group's stores, in group order: built once, not per pick. */
    private final Map<Integer, List<String>> apis;

    private DispatchPlan(Topology topology, List<GroupScore> groups) {
        this.topology = topology;
        this.groups = List.copyOf(groups);
        Map<Integer, List<String>> byGroup = new HashMap<>();
        for (GroupScore g : this.groups) {
            if (g.writable()) {
                // A writable group has every store registered.
                byGroup.put(g.gid(), List.copyOf(g.stores().stream().map(id -> topology.stores().get(id).api()).toList()));
            }
        }
        this.apis = Map.copyOf(byGroup);
    }

    public static DispatchPlan of(Topology topology, long spaceUnitBytes) {
        if (spaceUnitBytes <= 0) {
            throw new IllegalArgumentException("space unit must be positive: " + spaceUnitBytes);
        }
        List<GroupScore> scores = new ArrayList<>();
        for (GroupInfo group : topology.groups().values()) {
            scores.add(score(topology, group, spaceUnitBytes));
        }
        return new DispatchPlan(topology, scores);
    }

    public Topology topology() {
        return topology;
    }

    /** Every group of the snapshot with its score, in gid order. */
    public List<GroupScore> groups() {
        return groups;
    }

    public static long spaceScore(long free, long spaceUnitBytes) {
        return Math.min(MAX_SCORE, Math.max(0, free) / spaceUnitBytes);
    }

    public static long delayScore(long writeDelayNanos) {
        long ms = writeDelayNanos / 1_000_000;
        return ms < DELAY_FLOOR_MS ? 0 : Math.min(MAX_SCORE, ms);
    }

    private static GroupScore score(Topology topology, GroupInfo group, long unit) {
        // Volumes of this group writable on every replica, with the room of the fullest replica.
        List<GroupScore.VolumeRoom> rooms = new ArrayList<>();
        boolean allStoresWritable = true;
        for (String storeId : group.stores()) {
            Optional<StoreNode> store = topology.store(storeId);
            allStoresWritable &= store.map(StoreNode::writable).orElse(false);
        }
        if (allStoresWritable) {
            for (VolumeNode volume : topology.volumesOf(group.gid())) {
                long minFree = Long.MAX_VALUE;
                for (String storeId : group.stores()) {
                    Optional<VolumeState> state = volume.stores().contains(storeId)
                            ? topology.store(storeId).flatMap(s -> s.volume(volume.vid()))
                            : Optional.empty();
                    if (state.isEmpty() || !state.get().writable()) {
                        minFree = -1;
                        break;
                    }
                    minFree = Math.min(minFree, state.get().free());
                }
                if (minFree > 0) {
                    rooms.add(new GroupScore.VolumeRoom(volume.vid(), minFree));
                }
            }
        }

        List<StoreScore> storeScores = new ArrayList<>();
        long groupScore = Long.MAX_VALUE;
        for (String storeId : group.stores()) {
            Optional<StoreNode> node = topology.store(storeId);
            if (node.isEmpty()) {
                storeScores.add(new StoreScore(storeId, false, false, 0, 0, 0, 0));
                groupScore = Math.min(groupScore, 0);
                continue;
            }
            long free = 0;
            for (GroupScore.VolumeRoom room : rooms) {
                free += node.get().volume(room.vid()).map(VolumeState::free).orElse(0L);
            }
            long space = spaceScore(free, unit);
            long delay = delayScore(node.get().writeDelayNanos());
            long score = space - delay;
            storeScores.add(new StoreScore(storeId, true, node.get().writable(), free, space, delay, score));
            groupScore = Math.min(groupScore, score);
        }
        if (group.stores().isEmpty()) {
            groupScore = 0;
        }
        boolean writable = allStoresWritable && !rooms.isEmpty() && !group.stores().isEmpty();
        long writableBytes = rooms.stream().mapToLong(GroupScore.VolumeRoom::free).sum();
        return new GroupScore(group.gid(), group.stores(), writable, groupScore,
                writable ? Math.max(0, groupScore) : 0, writableBytes, rooms, storeScores);
    }

    /**
     * Like {@link #pick(long, Set, RandomGenerator)}, but groups with a store in {@code avoidedStores}
     * ({@code host:port}: a proxy's open breakers, stores the directory found dead) are chosen only when no
     * other group has room, so that avoiding stores never turns into "no writable group"
     * (docs/architecture.md "Writes when a store dies").
     */
    public Optional<Choice> pick(long size, Set<Integer> excludedGroups, Set<String> avoidedStores,
                                 RandomGenerator random) {
        if (!avoidedStores.isEmpty()) {
            Set<Integer> avoiding = new HashSet<>(excludedGroups);
            apis.forEach((gid, stores) -> {
                if (stores.stream().anyMatch(avoidedStores::contains)) {
                    avoiding.add(gid);
                }
            });
            if (avoiding.size() > excludedGroups.size()) {
                Optional<Choice> choice = pick(size, avoiding, random);
                if (choice.isPresent()) {
                    return choice;
                }
            }
        }
        return pick(size, excludedGroups, random);
    }

    /**
     * Picks a group at weighted random, and in it a volume with room for {@code size} bytes on every
     * replica; empty when no writable group has room (the caller answers 503).
     *
     * @param excludedGroups groups the caller already failed to write to
     */
    public Optional<Choice> pick(long size, Set<Integer> excludedGroups, RandomGenerator random) {
        long need = size + NEEDLE_OVERHEAD;
        List<GroupScore> candidates = new ArrayList<>();
        long total = 0;
        for (GroupScore g : groups) {
            if (g.writable() && !excludedGroups.contains(g.gid()) && hasRoom(g, need)) {
                candidates.add(g);
                total += g.weight();
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        GroupScore chosen = null;
        if (total > 0) {
            long r = random.nextLong(total);
            for (GroupScore g : candidates) {
                r -= g.weight();
                if (r < 0) {
                    chosen = g;
                    break;
                }
            }
        }
        if (chosen == null) {
            // Every candidate weighs 0 (nearly full, or slow) but has room: spread evenly rather than fail.
            chosen = candidates.get(random.nextInt(candidates.size()));
        }
        // Uniformly among the volumes with room, in volume order.
        int withRoom = 0;
        for (GroupScore.VolumeRoom v : chosen.volumes()) {
            if (v.free() >= need) {
                withRoom++;
            }
        }
        int skip = random.nextInt(withRoom);
        int vid = -1;
        for (GroupScore.VolumeRoom v : chosen.volumes()) {
            if (v.free() >= need && skip-- == 0) {
                vid = v.vid();
                break;
            }
        }
        return Optional.of(new Choice(chosen.gid(), vid, apis.get(chosen.gid())));
    }

    private static boolean hasRoom(GroupScore g, long need) {
        for (GroupScore.VolumeRoom v : g.volumes()) {
            if (v.free() >= need) {
                return true;
            }
        }
        return false;
    }
}
