package io.xfs.directory.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.GroupInfo;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Zk;
import io.xfs.directory.topology.Topology;
import io.xfs.directory.topology.TopologyWatcher;
import io.xfs.directory.topology.VolumeNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-provisioning against three real stores, two replicas, under a real leader latch. */
class AutoProvisionerTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path root;
    static Cluster cluster;
    static CuratorFramework zk;
    static TopologyWatcher watcher;
    static LeaderLatch latch;
    static AutoProvisioner auto;
    static Dispatcher dispatcher;

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(root);
        cluster.startStore("1", "r1");
        cluster.startStore("2", "r2");
        cluster.startStore("3", "r3");
        zk = Zk.client(cluster.connect());
        watcher = new TopologyWatcher(zk, Duration.ofMillis(500));
        watcher.start();
        latch = new LeaderLatch(zk, ZkPaths.DIRECTORY_LEADER, "test");
        latch.start();
        dispatcher = new Dispatcher(watcher::current, 1 << 20);
        Provisioner provisioner = new Provisioner(zk, StoreClient.create(null), watcher::current);
        // low-space far above what a volume holds: a group gets a new volume as soon as none is spare
        auto = new AutoProvisioner(provisioner, watcher::current, dispatcher, latch::hasLeadership,
                new AutoProvisioner.Settings(2, Duration.ofMillis(500), 1L << 40, 1));
        auto.start(Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() throws Exception {
        auto.close();
        latch.close();
        watcher.close();
        zk.close();
        cluster.close();
    }

    private static Set<Set<String>> groupSets(Topology t) {
        return t.groups().values().stream().map(g -> Set.copyOf(g.stores())).collect(Collectors.toSet());
    }

    @Test
    void threeStoresTwoReplicasGiveThreeOverlappingWritableGroups() {
        Zk.await("three writable groups", WAIT,
                () -> dispatcher.plan().groups().stream().filter(GroupScore::writable).count() == 3);
        Topology t = watcher.current();
        assertThat(groupSets(t)).containsExactlyInAnyOrder(Set.of("1", "2"), Set.of("2", "3"), Set.of("1", "3"));
        for (GroupInfo g : t.groups().values()) {
            List<VolumeNode> volumes = t.volumesOf(g.gid());
            assertThat(volumes).isNotEmpty();
            for (VolumeNode v : volumes) {
                assertThat(v.stores()).containsExactlyInAnyOrderElementsOf(g.stores());
                for (String id : g.stores()) {
                    assertThat(t.store(id).orElseThrow().volume(v.vid())).isPresent();
                }
            }
        }
    }

    @Test
    void groupGetsAnotherVolumeOnceItsVolumesAreInUseButNotMore() throws Exception {
        Zk.await("three writable groups", WAIT,
                () -> dispatcher.plan().groups().stream().filter(GroupScore::writable).count() == 3);
        Topology t = watcher.current();
        GroupInfo group = t.groups().values().iterator().next();
        List<VolumeNode> before = t.volumesOf(group.gid());
        StoreClient stores = StoreClient.create(null);
        long key = 1;
        for (VolumeNode v : before) {
            for (String id : group.stores()) {
                stores.upload(t.store(id).orElseThrow().api(), v.vid(), key, 42, new byte[100]);
            }
            key++;
        }
        Zk.await("a new volume for group " + group.gid(), WAIT,
                () -> watcher.current().volumesOf(group.gid()).size() == before.size() + 1);
        Thread.sleep(2_000); // several rounds: the new volume is spare, so no further one
        assertThat(watcher.current().volumesOf(group.gid())).hasSize(before.size() + 1);
    }
}
