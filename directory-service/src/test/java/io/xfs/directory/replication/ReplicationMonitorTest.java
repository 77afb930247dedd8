package io.xfs.directory.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.directory.testing.Topologies;
import io.xfs.directory.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplicationMonitorTest {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final AtomicReference<Topology> topology = new AtomicReference<>(Topology.EMPTY);
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ReplicationMonitor monitor = new ReplicationMonitor(topology::get, GRACE, clock::get);

    private static VolumeState held(int vid, long size) {
        return new VolumeState(vid, size, 1 << 30, 1, 0, StoreStatus.READ_WRITE);
    }

    /** Three stores, groups {a,b} and {b,c}, volume 1 in the first and 2 in the second. */
    private static Topologies cluster() {
        return Topologies.builder().group(1, "a", "b").group(2, "b", "c")
                .volume(1, 1, "a", "b").volume(2, 2, "b", "c");
    }

    @Test
    void aWholeClusterHasNothingUnderReplicated() {
        topology.set(cluster().store("a", held(1, 100)).store("b", held(1, 100), held(2, 200))
                .store("c", held(2, 200)).build());
        ReplicationReport report = monitor.check();
        assertThat(report.volumes()).isEqualTo(2);
        assertThat(report.underReplicated()).isEmpty();
        assertThat(report.pending()).isZero();
        assertThat(report.bytesAtRisk()).isZero();
    }

    @Test
    void aStoreGoneCountsAfterTheGraceWithItsVolumesBytesAndSince() {
        topology.set(cluster().store("a", held(1, 100)).store("c", held(2, 200)).build());
        long goneAt = clock.get();
        assertThat(monitor.check().underReplicated()).isEmpty();
        assertThat(monitor.report().pending()).isEqualTo(2);

        clock.addAndGet(GRACE.toMillis() - 1);
        assertThat(monitor.check().underReplicated()).isEmpty();

        clock.incrementAndGet();
        ReplicationReport report = monitor.check();
        assertThat(report.underReplicated()).extracting(UnderReplicatedVolume::vid).containsExactly(1, 2);
        UnderReplicatedVolume first = report.underReplicated().getFirst();
        assertThat(first.healthy()).containsExactly("a");
        assertThat(first.missing()).containsExactly(new MissingReplica("b", ReplicaProblem.STORE_GONE));
        assertThat(first.missingCount()).isEqualTo(1);
        assertThat(first.sinceMillis()).isEqualTo(goneAt);
        assertThat(first.bytes()).isEqualTo(100);
        assertThat(report.bytesAtRisk()).isEqualTo(300);
        assertThat(monitor.underReplicated()).isEqualTo(report.underReplicated());
    }

    @Test
    void aStoreBackWithinTheGraceNeverCountsAndTheGraceRestartsAfterwards() {
        Topology whole = cluster().store("a", held(1, 100)).store("b", held(1, 100), held(2, 200))
                .store("c", held(2, 200)).build();
        Topology withoutB = cluster().store("a", held(1, 100)).store("c", held(2, 200)).build();
        topology.set(withoutB);
        monitor.check();
        clock.addAndGet(GRACE.toMillis() - 1000);
        topology.set(whole);
        assertThat(monitor.check().pending()).isZero();
        topology.set(withoutB);
        clock.addAndGet(2000);
        assertThat(monitor.check().underReplicated()).as("the grace restarted when b came back").isEmpty();
    }

    @Test
    void anEmptyDiskADamagedVolumeAndAMissingPlacementAreNamed() {
        VolumeState damaged = new VolumeState(2, 0, 0, 0, 0, StoreStatus.DAMAGED);
        topology.set(Topologies.builder().group(1, "a", "b").group(2, "b", "c")
                .volume(1, 1, "a", "b").volume(2, 2, "b", "c").volume(3, 2, "c")
                .store("a", held(1, 100))
                .store("b") // registered again with an empty disk: it reports neither volume
                .store("c", damaged, held(3, 300))
                .build());
        monitor.check();
        clock.addAndGet(GRACE.toMillis());
        List<UnderReplicatedVolume> under = monitor.check().underReplicated();
        assertThat(under).extracting(UnderReplicatedVolume::vid).containsExactly(1, 2, 3);
        assertThat(under.get(0).missing()).containsExactly(new MissingReplica("b", ReplicaProblem.VOLUME_MISSING));
        assertThat(under.get(1).missing()).containsExactly(new MissingReplica("b", ReplicaProblem.VOLUME_MISSING),
                new MissingReplica("c", ReplicaProblem.DAMAGED));
        assertThat(under.get(1).lost()).isTrue();
        assertThat(under.get(1).missingCount()).isEqualTo(2);
        assertThat(under.get(2).healthy()).containsExactly("c");
        assertThat(under.get(2).missing()).containsExactly(new MissingReplica(null, ReplicaProblem.NOT_PLACED));
    }

    @Test
    void aStoreThatStoppedServingReadsDoesNotCount() {
        topology.set(cluster().store("a", held(1, 100)).store("b", "rack-b", 0, 0, held(1, 100), held(2, 200))
                .store("c", held(2, 200)).build());
        monitor.check();
        clock.addAndGet(GRACE.toMillis());
        assertThat(monitor.check().underReplicated()).allSatisfy(v ->
                assertThat(v.missing()).containsExactly(new MissingReplica("b", ReplicaProblem.DAMAGED)));
    }
}
