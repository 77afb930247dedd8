package io.xfs.directory.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.json.Json;
import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.VolumeInfo;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.testing.Zk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Leases and the fenced membership change on a real (in-process) ZooKeeper. */
class RepairLeasesTest {

    @Test
    void aLeaseTakenOverFencesItsFormerOwner() throws Exception {
        try (TestingServer server = new TestingServer(); CuratorFramework zk = Zk.client(server.getConnectString())) {
            AtomicLong clock = new AtomicLong(1_000);
            RepairLeases a = new RepairLeases(zk, "a", Duration.ofSeconds(10), clock::get);
            RepairLeases b = new RepairLeases(zk, "b", Duration.ofSeconds(10), clock::get);
            zk.create().creatingParentsIfNeeded().forPath(ZkPaths.volume(4), Json.write(new VolumeInfo(4, 1)));
            zk.create().forPath(ZkPaths.volumeStore(4, "s1"));
            zk.create().forPath(ZkPaths.volumeStore(4, "s3"));
            zk.create().creatingParentsIfNeeded().forPath(ZkPaths.group(1), Json.write(new GroupInfo(1, List.of("s1", "s3"))));
            zk.create().forPath(ZkPaths.groupStore(1, "s1"));
            zk.create().forPath(ZkPaths.groupStore(1, "s3"));

            RepairLease first = a.acquire(4).orElseThrow();
            assertThat(b.acquire(4)).as("held by a").isEmpty();
            clock.addAndGet(11_000);
            RepairLease second = b.acquire(4).orElseThrow();
            assertThat(second.token()).isGreaterThan(first.token());
            assertThat(a.renew(first)).as("a lost it").isEmpty();

            assertThat(new Membership(zk, a).replace(4, "s2", List.of("s3"), first)).isFalse();
            assertThat(zk.getChildren().forPath(ZkPaths.volume(4))).containsExactlyInAnyOrder("s1", "s3");

            assertThat(new Membership(zk, b).replace(4, "s2", List.of("s3"), second)).isTrue();
            assertThat(zk.getChildren().forPath(ZkPaths.volume(4))).containsExactlyInAnyOrder("s1", "s2");
            // No group of {s1, s2} existed: one was formed, and the volume moved into it.
            VolumeInfo info = Json.read(zk.getData().forPath(ZkPaths.volume(4)), VolumeInfo.class);
            assertThat(info.gid()).isEqualTo(2);
            assertThat(zk.getChildren().forPath(ZkPaths.group(2))).containsExactlyInAnyOrder("s1", "s2");

            b.release(second);
            assertThat(a.acquire(4)).as("free again").isPresent();
        }
    }
}
