package io.xfs.directory.dispatch;

import static io.xfs.directory.testing.Topologies.readOnly;
import static io.xfs.directory.testing.Topologies.writable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xfs.common.topology.StoreStatus;
import io.xfs.directory.testing.Topologies;
import io.xfs.directory.topology.Topology;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DispatchPlanTest {
    private static final long UNIT = 1_000; // bytes per space point, so free space maps to scores directly
    private static final long MS = 1_000_000;

    /** Three groups of two stores each; group g's stores have {@code free[g]} bytes in volume g. */
    private static Topology threeGroups(long free1, long free2, long free3) {
        return Topologies.builder()
                .store("a1", writable(1, free1)).store("a2", writable(1, free1 + 500_000))
                .store("b1", writable(2, free2)).store("b2", writable(2, free2))
                .store("c1", writable(3, free3)).store("c2", writable(3, free3))
                .group(1, "a1", "a2").group(2, "b1", "b2").group(3, "c1", "c2")
                .volume(1, 1, "a1", "a2").volume(2, 2, "b1", "b2").volume(3, 3, "c1", "c2")
                .build();
    }

    @Test
    void scoresFollowSpec() {
        assertThat(DispatchPlan.spaceScore(999, UNIT)).isZero();
        assertThat(DispatchPlan.spaceScore(250_000, UNIT)).isEqualTo(250);
        assertThat(DispatchPlan.spaceScore(5_000_000, UNIT)).isEqualTo(1000);
        assertThat(DispatchPlan.delayScore(99 * MS)).isZero();
        assertThat(DispatchPlan.delayScore(100 * MS)).isEqualTo(100);
        assertThat(DispatchPlan.delayScore(5_000 * MS)).isEqualTo(1000);
    }

    @Test
    void groupScoreIsTheMinimumOverItsStoresMinusDelay() {
        Topology t = Topologies.builder()
                .store("s1", "r1", StoreStatus.READ_WRITE, 0, writable(1, 800_000))
                .store("s2", "r2", StoreStatus.READ_WRITE, 300 * MS, writable(1, 900_000))
                .group(1, "s1", "s2").volume(1, 1, "s1", "s2").build();
        GroupScore g = DispatchPlan.of(t, UNIT).groups().getFirst();
        // s1: 800 - 0; s2: 900 - 300 = 600 -> min 600
        assertThat(g.score()).isEqualTo(600);
        assertThat(g.weight()).isEqualTo(600);
        assertThat(g.writable()).isTrue();
        assertThat(g.writableBytes()).isEqualTo(800_000);
    }

    @Test
    void hundredThousandPicksMatchTheWeightsWithinTwoPercent() {
        DispatchPlan plan = DispatchPlan.of(threeGroups(250_000, 250_000, 500_000), UNIT);
        assertThat(plan.groups()).extracting(GroupScore::weight).containsExactly(250L, 250L, 500L);
        SplittableRandom random = new SplittableRandom(42);
        Map<Integer, Integer> counts = new HashMap<>();
        int picks = 100_000;
        for (int i = 0; i < picks; i++) {
            Choice c = plan.pick(1000, Set.of(), random).orElseThrow();
            counts.merge(c.gid(), 1, Integer::sum);
            assertThat(c.vid()).isEqualTo(c.gid());
        }
        assertThat(counts.get(1) / (double) picks).isCloseTo(0.25, within(0.25 * 0.02));
        assertThat(counts.get(2) / (double) picks).isCloseTo(0.25, within(0.25 * 0.02));
        assertThat(counts.get(3) / (double) picks).isCloseTo(0.50, within(0.50 * 0.02));
    }

    @Test
    void groupWithAReadOnlyStoreIsNeverChosen() {
        Topology t = Topologies.builder()
                .store("a1", writable(1, 900_000)).store("a2", "rack-a2", StoreStatus.READABLE, 0, writable(1, 900_000))
                .store("b1", writable(2, 10_000)).store("b2", writable(2, 10_000))
                .group(1, "a1", "a2").group(2, "b1", "b2")
                .volume(1, 1, "a1", "a2").volume(2, 2, "b1", "b2").build();
        assertNeverChosen(t, 1);
    }

    @Test
    void groupWithAReadOnlyVolumeReplicaIsNeverChosen() {
        Topology t = Topologies.builder()
                .store("a1", writable(1, 900_000)).store("a2", readOnly(1, 900_000))
                .store("b1", writable(2, 10_000)).store("b2", writable(2, 10_000))
                .group(1, "a1", "a2").group(2, "b1", "b2")
                .volume(1, 1, "a1", "a2").volume(2, 2, "b1", "b2").build();
        assertNeverChosen(t, 1);
    }

    @Test
    void groupWithAnAbsentStoreIsNeverChosen() {
        Topology t = Topologies.builder()
                .store("a1", writable(1, 900_000))
                .store("b1", writable(2, 10_000)).store("b2", writable(2, 10_000))
                .group(1, "a1", "a2").group(2, "b1", "b2")
                .volume(1, 1, "a1", "a2").volume(2, 2, "b1", "b2").build();
        assertNeverChosen(t, 1);
    }

    private static void assertNeverChosen(Topology t, int gid) {
        DispatchPlan plan = DispatchPlan.of(t, UNIT);
        assertThat(plan.groups().get(gid - 1).writable()).isFalse();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(plan.pick(100, Set.of(), random).orElseThrow().gid()).isNotEqualTo(gid);
        }
    }

    @Test
    void allZeroWeightsStillPlaceUniformly() {
        // Every store has less than one unit free: all scores 0, but there is room.
        DispatchPlan plan = DispatchPlan.of(threeGroups(900, 900, 900), UNIT);
        assertThat(plan.groups()).extracting(GroupScore::weight).containsOnly(0L);
        SplittableRandom random = new SplittableRandom(3);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            counts.merge(plan.pick(100, Set.of(), random).orElseThrow().gid(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(1, 2, 3);
        counts.values().forEach(n -> assertThat(n).isBetween(9_000, 11_000));
    }

    @Test
    void slowStoresWeighZeroButStillPlace() {
        Topology t = Topologies.builder()
                .store("s1", "r1", StoreStatus.READ_WRITE, 2_000 * MS, writable(1, 900_000))
                .store("s2", "r2", StoreStatus.READ_WRITE, 0, writable(1, 900_000))
                .group(1, "s1", "s2").volume(1, 1, "s1", "s2").build();
        DispatchPlan plan = DispatchPlan.of(t, UNIT);
        assertThat(plan.groups().getFirst().score()).isEqualTo(900 - 1000);
        assertThat(plan.groups().getFirst().weight()).isZero();
        assertThat(plan.pick(10, Set.of(), new SplittableRandom(1))).isPresent();
    }

    @Test
    void chosenVolumeHasRoomOnEveryReplica() {
        // Volume 1 has room on s1 only; volume 2 has room on both.
        Topology t = Topologies.builder()
                .store("s1", writable(1, 500_000), writable(2, 5_000))
                .store("s2", writable(1, 100), writable(2, 5_000))
                .group(1, "s1", "s2").volume(1, 1, "s1", "s2").volume(2, 1, "s1", "s2").build();
        DispatchPlan plan = DispatchPlan.of(t, UNIT);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            assertThat(plan.pick(1_000, Set.of(), random).orElseThrow().vid()).isEqualTo(2);
        }
        assertThat(plan.pick(10_000, Set.of(), random)).isEmpty();
    }

    @Test
    void volumeMissingOnAReplicaIsNotWritten() {
        Topology t = Topologies.builder()
                .store("s1", writable(1, 500_000)).store("s2", writable(1, 500_000))
                .group(1, "s1", "s2").volume(1, 1, "s1").build(); // replica on s2 not recorded yet
        assertThat(DispatchPlan.of(t, UNIT).pick(10, Set.of(), new SplittableRandom(1))).isEmpty();
    }

    @Test
    void excludedGroupsAreSkipped() {
        DispatchPlan plan = DispatchPlan.of(threeGroups(250_000, 250_000, 500_000), UNIT);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000; i++) {
            assertThat(plan.pick(10, Set.of(3, 1), random).orElseThrow().gid()).isEqualTo(2);
        }
        Optional<Choice> none = plan.pick(10, Set.of(1, 2, 3), random);
        assertThat(none).isEmpty();
    }

    @Test
    void groupsWithAnAvoidedStoreAreChosenOnlyWhenNothingElseHasRoom() {
        DispatchPlan plan = DispatchPlan.of(threeGroups(250_000, 250_000, 500_000), UNIT);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            assertThat(plan.pick(10, Set.of(), Set.of("a2:1", "c1:1"), random).orElseThrow().gid()).isEqualTo(2);
        }
        // Every group avoided: still a choice among them, never "no writable group" ...
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            counts.merge(plan.pick(10, Set.of(), Set.of("a1:1", "b1:1", "c2:1"), random).orElseThrow().gid(), 1,
                    Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1, 2, 3);
        // ... but an excluded group stays excluded.
        assertThat(plan.pick(10, Set.of(1, 3), Set.of("b2:1"), random).orElseThrow().gid()).isEqualTo(2);
        assertThat(plan.pick(10, Set.of(1, 2, 3), Set.of("b2:1"), random)).isEmpty();
    }

    @Test
    void choiceNamesEveryReplicaStore() {
        Choice c = DispatchPlan.of(threeGroups(250_000, 0, 0), UNIT).pick(10, Set.of(), new SplittableRandom(1))
                .orElseThrow();
        assertThat(c.gid()).isEqualTo(1);
        assertThat(c.stores()).containsExactly("a1:1", "a2:1");
    }
}
