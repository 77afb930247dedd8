package io.xfs.directory.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.GarbageNeedle;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
import io.xfs.directory.placement.Placements;
import io.xfs.directory.provision.Provisioner;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Content;
import io.xfs.directory.testing.Zk;
import io.xfs.directory.topology.TopologyWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reaper against real stores: every released needle goes from every replica, even one that was down. */
class ReaperTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "photos";

    @TempDir
    static Path root;
    static Cluster cluster;
    static CuratorFramework zk;
    static TopologyWatcher watcher;
    static KeyGenerator keys;
    static Dispatcher dispatcher;
    static final StoreClient stores = StoreClient.create(null);

    @TempDir
    Path metaDir;
    MetadataStore metadata;
    Placements placements;
    Reaper reaper;

    @BeforeAll
    static void startCluster() {
        cluster = new Cluster(root);
        cluster.startStore("s1", "r1");
        cluster.startStore("s2", "r2");
        zk = Zk.client(cluster.connect());
        watcher = new TopologyWatcher(zk, Duration.ofMillis(500));
        watcher.start();
        keys = new KeyGenerator(zk);
        keys.start();
        Zk.await("both stores registered", WAIT, () -> watcher.current().stores().size() == 2);
        Provisioner provisioner = new Provisioner(zk, stores, watcher::current);
        provisioner.addVolumes(provisioner.createGroup(List.of("s1", "s2")), 1);
        dispatcher = new Dispatcher(watcher::current, 1 << 20);
        awaitWritable();
    }

    private static void awaitWritable() {
        Zk.await("a writable group", WAIT, () -> dispatcher.plan().groups().stream().anyMatch(g -> g.writable()));
    }

    @AfterAll
    static void stopCluster() {
        keys.close();
        watcher.close();
        zk.close();
        cluster.close();
    }

    @BeforeEach
    void openMetadata() {
        awaitWritable();
        metadata = RocksDbMetadataStore.open(metaDir);
        placements = new Placements(metadata, keys, dispatcher, watcher::current,
                new Placements.Settings(Duration.ofMillis(800), Duration.ofSeconds(5)));
        reaper = new Reaper(metadata, stores, watcher::current, () -> true,
                new Reaper.Settings(2, Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    @AfterEach
    void closeMetadata() {
        reaper.close();
        metadata.close();
    }

    /** What the proxy does: place, write to every replica, commit. */
    private FileView put(String name, Content content) {
        Placement p = placements.place(new Placements.Request(BUCKET, name, content.size(), content.sha256(), false,
                Set.of()));
        List<NeedleRef> chunks = List.of();
        if (!p.dedup()) {
            writeEverywhere(p, content);
            chunks = List.of(p.needle(content.size()));
        }
        return placements.commit(new CommitRequest(BUCKET, name, content.size(), "text/plain", content.sha1(),
                content.sha256(), p.dedup(), chunks));
    }

    private void writeEverywhere(Placement p, Content content) {
        for (String store : p.stores()) {
            stores.upload(store, p.vid(), p.key(), p.cookie(), content.bytes());
        }
    }

    private List<String> replicas() {
        return List.of(cluster.storeApi("s1"), cluster.storeApi("s2"));
    }

    private void assertGone(NeedleRef n, String store) {
        assertThatThrownBy(() -> stores.get(store, n.vid(), n.key(), n.cookie()))
                .isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.NEEDLE_NOT_FOUND);
    }

    @Test
    void releasedNeedlesGoFromEveryReplicaIncludingOneThatWasDown() throws Exception {
        FileView a1 = put("a.txt", Content.of("a, first version"));
        FileView b = put("dir/b.txt", Content.of("b"));
        FileView c = put("dir/c.txt", Content.of("c"));
        FileView a2 = put("a.txt", Content.of("a, second version")); // overwrite releases a1's needle
        assertThat(metadata.delete(BUCKET, "dir/b.txt")).isTrue(); // delete releases b's needle
        // an upload written to the stores but never committed
        Content lost = Content.of("never committed");
        Placement abandoned = placements.place(new Placements.Request(BUCKET, "lost.txt", lost.size(),
                lost.sha256(), false, Set.of()));
        writeEverywhere(abandoned, lost);
        NeedleRef abandonedNeedle = abandoned.needle(lost.size());

        List<NeedleRef> released = List.of(a1.chunks().getFirst(), b.chunks().getFirst(), abandonedNeedle);
        List<NeedleRef> live = List.of(a2.chunks().getFirst(), c.chunks().getFirst());
        for (NeedleRef n : released) {
            for (String store : replicas()) {
                assertThat(stores.get(store, n.vid(), n.key(), n.cookie())).isNotEmpty();
            }
        }

        cluster.stopStore("s2");
        Zk.await("s2 unregistered", WAIT, () -> watcher.current().store("s2").isEmpty());
        Thread.sleep(1_000); // the abandoned placement expires (800 ms)
        for (int i = 0; i < 5; i++) {
            reaper.pass();
            Thread.sleep(150);
        }
        List<GarbageNeedle> pending = metadata.garbage(null, 100);
        assertThat(pending).hasSize(3); // nothing forgotten while a replica is down
        assertThat(reaper.pending()).isEqualTo(3);
        for (NeedleRef n : released) {
            assertGone(n, cluster.storeApi("s1")); // the live replica was cleaned already
        }
        assertThatThrownBy(() -> placements.commit(new CommitRequest(BUCKET, "lost.txt", lost.size(), "text/plain",
                lost.sha1(), lost.sha256(), false, List.of(abandonedNeedle))))
                .isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.PLACEMENT_EXPIRED);

        cluster.startStore("s2", "r2");
        Zk.await("s2 registered again", WAIT, () -> watcher.current().store("s2").isPresent());
        Zk.await("all garbage reaped", WAIT, () -> {
            reaper.pass();
            return metadata.garbage(null, 100).isEmpty();
        });
        assertThat(reaper.pending()).isZero();
        for (NeedleRef n : released) {
            for (String store : replicas()) {
                assertGone(n, store);
            }
        }
        for (NeedleRef n : live) {
            for (String store : replicas()) {
                assertThat(stores.get(store, n.vid(), n.key(), n.cookie())).isNotEmpty();
            }
        }
    }

    @Test
    void needleAlreadyAbsentOnAStoreCountsAsDeleted() {
        FileView f = put("x.txt", Content.of("x"));
        NeedleRef n = f.chunks().getFirst();
        stores.delete(cluster.storeApi("s1"), n.vid(), n.key(), n.cookie()); // someone deleted it already
        assertThat(metadata.delete(BUCKET, "x.txt")).isTrue();
        assertThat(reaper.pass()).isEqualTo(1);
        assertThat(metadata.garbage(null, 10)).isEmpty();
        assertGone(n, cluster.storeApi("s2"));
    }

    @Test
    void reaperDoesNothingUnlessItLeads() {
        FileView f = put("y.txt", Content.of("y"));
        assertThat(metadata.delete(BUCKET, "y.txt")).isTrue();
        try (Reaper follower = new Reaper(metadata, stores, watcher::current, () -> false,
                new Reaper.Settings(10, Duration.ofMillis(100), Duration.ofMillis(400)))) {
            assertThat(follower.pass()).isZero();
        }
        assertThat(metadata.garbage(null, 10)).hasSize(1);
        NeedleRef n = f.chunks().getFirst();
        assertThat(stores.get(cluster.storeApi("s1"), n.vid(), n.key(), n.cookie())).isNotEmpty();
    }

    @Test
    void pagesPastNeedlesItCannotDeleteYet() {
        List<NeedleRef> released = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            released.add(put("p" + i, Content.of("p" + i)).chunks().getFirst());
            assertThat(metadata.delete(BUCKET, "p" + i)).isTrue();
        }
        assertThat(reaper.pass()).isEqualTo(7); // batch of 2: four pages
        assertThat(metadata.garbage(null, 10)).isEmpty();
        for (NeedleRef n : released) {
            assertGone(n, cluster.storeApi("s2"));
        }
    }
}
