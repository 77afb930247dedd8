package io.xfs.directory.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStats;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.topology.StoreNode;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.VolumeNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the leader wants repaired, and where it puts the new replica, from topology snapshots. */
class RepairerTest {
    private static final long GB = 1L << 30;

    private static StoreNode store(String id, String rack, int status, VolumeState... volumes) {
        return new StoreNode(id, new StoreRegistration(id, rack, id + ":1", id + ":1", status, List.of(volumes),
                StoreStats.ZERO), 0);
    }

    private static VolumeState volume(int vid, long free) {
        return new VolumeState(vid, 1_000, free, 10, 0, StoreStatus.READ_WRITE);
    }

    @Test
    void aMissingReplicaGoesToAnotherRackFirstThenToTheStoreWithFewestVolumes() {
        VolumeNode v1 = new VolumeNode(1, 1, List.of("a", "dead"));
        Topology t = new Topology(List.of(
                store("a", "r1", StoreStatus.READ_WRITE, volume(1, GB), volume(2, GB)),
                store("b", "r1", StoreStatus.READ_WRITE),
                store("c", "r2", StoreStatus.READ_WRITE, volume(2, GB), volume(3, GB)),
                store("d", "r2", StoreStatus.READ_WRITE, volume(4, GB)),
                store("full", "r3", StoreStatus.READ_WRITE, volume(5, 10)),
                store("readonly", "r3", StoreStatus.READABLE)),
                List.of(new GroupInfo(1, List.of("a", "dead"))), List.of(v1), 1);

        Repairer.Health health = Repairer.health(t, v1, Set.of());
        assertThat(health.needsWork()).isTrue();
        assertThat(health.counted()).containsExactly("a");
        assertThat(health.replace()).containsExactly("dead");
        // r1 holds the healthy copy: r2 first, and there the store with fewer volumes; r3's are full or read-only.
        assertThat(Repairer.chooseTarget(t, v1, health, Set.of(), 1_000).id()).isEqualTo("d");
        assertThat(Repairer.chooseTarget(t, v1, health, Set.of("d"), 1_000).id()).isEqualTo("c");
    }

    @Test
    void aDrainingMemberIsReplacedWithoutGraceAndAHealthyVolumeIsLeftAlone() {
        VolumeNode v1 = new VolumeNode(1, 1, List.of("a", "b"));
        int draining = StoreStatus.READABLE | StoreStatus.DRAINING;
        Topology t = new Topology(List.of(
                store("a", "r1", StoreStatus.READ_WRITE, volume(1, GB)),
                store("b", "r2", draining, volume(1, GB)),
                store("c", "r3", StoreStatus.READ_WRITE)),
                List.of(new GroupInfo(1, List.of("a", "b"))), List.of(v1), 1);

        assertThat(Repairer.draining(t)).containsExactly("b");
        Repairer.Health health = Repairer.health(t, v1, Repairer.draining(t));
        assertThat(health.drainOnly()).isTrue();
        assertThat(health.replace()).containsExactly("b");
        assertThat(Repairer.chooseTarget(t, v1, health, Repairer.draining(t), 1_000).id()).isEqualTo("c");

        assertThat(Repairer.health(t, v1, Set.of()).needsWork()).as("not draining: both replicas count").isFalse();
    }
}
