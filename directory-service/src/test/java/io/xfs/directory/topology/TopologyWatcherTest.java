package io.xfs.directory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.store.StoreClient;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.provision.Provisioner;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Zk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology as real stores publish it in an in-process ZooKeeper. */
class TopologyWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path root;
    static Cluster cluster;
    static CuratorFramework zk;
    static TopologyWatcher watcher;
    static Dispatcher dispatcher;
    static int gid;
    static final AtomicLong maxDelayNanos = new AtomicLong();

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        cluster.startStore("s1", "r1");
        cluster.startStore("s2", "r2");
        zk = Zk.client(cluster.connect());
        watcher = new TopologyWatcher(zk, Duration.ofMillis(500));
        watcher.addListener(t -> t.store("s1").ifPresent(s -> maxDelayNanos.accumulateAndGet(s.writeDelayNanos(), Math::max)));
        watcher.start();
        Zk.await("both stores registered", WAIT, () -> watcher.current().stores().size() == 2);
        Provisioner provisioner = new Provisioner(zk, StoreClient.create(null), watcher::current);
        gid = provisioner.createGroup(List.of("s1", "s2"));
        provisioner.addVolumes(gid, 1);
        dispatcher = new Dispatcher(watcher::current, 1 << 20);
        Zk.await("the group becomes writable", WAIT, TopologyWatcherTest::groupWritable);
    }

    @AfterAll
    static void stop() {
        watcher.close();
        zk.close();
        cluster.close();
    }

    private static boolean groupWritable() {
        return dispatcher.plan().groups().stream().anyMatch(g -> g.gid() == gid && g.writable());
    }

    @Test
    void topologyHasStoresGroupAndVolumeReplicas() {
        Topology t = watcher.current();
        assertThat(t.stores().keySet()).containsExactly("s1", "s2");
        assertThat(t.store("s1").orElseThrow().rack()).isEqualTo("r1");
        assertThat(t.groups().get(gid).stores()).containsExactly("s1", "s2");
        VolumeNode volume = t.volumesOf(gid).getFirst();
        assertThat(volume.stores()).containsExactly("s1", "s2");
        assertThat(t.readableStores(volume.vid()))
                .containsExactlyInAnyOrder(cluster.storeApi("s1"), cluster.storeApi("s2"));
        GroupScore score = dispatcher.plan().groups().getFirst();
        assertThat(score.writableBytes()).isPositive();
        assertThat(score.weight()).isPositive();
    }

    @Test
    void storeCutOffLeavesTheWritableSetWithinTheSessionTimeoutAndReturns() {
        long start = System.nanoTime();
        cluster.cutStore("s2");
        Zk.await("s2 leaves the writable set", WAIT, () -> !groupWritable());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("store cut off left the writable set after " + tookMillis + " ms (session timeout "
                + Zk.SESSION_TIMEOUT_MS + " ms)");
        assertThat(watcher.current().store("s2")).isEmpty();
        assertThat(watcher.current().readableStores(watcher.current().volumesOf(gid).getFirst().vid()))
                .containsExactly(cluster.storeApi("s1"));
        // the server expires a session at most one tick after its timeout; allow for a loaded machine
        assertThat(tookMillis).isLessThan(Zk.SESSION_TIMEOUT_MS * 2 + 2_000);

        cluster.restoreStore("s2");
        Zk.await("s2 returns to the writable set", WAIT, TopologyWatcherTest::groupWritable);
        assertThat(watcher.current().store("s2")).isPresent();
    }

    @Test
    void restartedStoreReturnsWithItsVolumes() {
        cluster.stopStore("s1");
        Zk.await("s1 leaves", WAIT, () -> !groupWritable());
        cluster.startStore("s1", "r1");
        Zk.await("s1 returns", WAIT, TopologyWatcherTest::groupWritable);
        int vid = watcher.current().volumesOf(gid).getFirst().vid();
        assertThat(watcher.current().store("s1").orElseThrow().volume(vid)).isPresent();
    }

    @Test
    void writeDelayIsDerivedFromTheStoresCounters() {
        StoreClient stores = StoreClient.create(null);
        int vid = watcher.current().volumesOf(gid).getFirst().vid();
        long writesBefore = watcher.current().store("s1").orElseThrow().registration().stats().writes();
        for (int i = 0; i < 20; i++) {
            stores.upload(cluster.storeApi("s1"), vid, 1_000 + i, 77, new byte[1024]);
        }
        Zk.await("s1 publishes its writes", WAIT, () -> watcher.current().store("s1")
                .map(s -> s.registration().stats().writes() >= writesBefore + 20).orElse(false));
        assertThat(maxDelayNanos.get()).isPositive();
    }
}
