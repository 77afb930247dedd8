package io.xfs.directory.http;

import static io.xfs.directory.testing.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Content;
import io.xfs.directory.testing.Http;
import io.xfs.directory.testing.Zk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The directory's HTTP API with real stores in an in-process ZooKeeper, as the proxy uses it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String BUCKET = "seed";

    @TempDir
    static Path root;
    static Cluster cluster;
    static Http http;
    static final StoreClient stores = StoreClient.create(null);

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        cluster.startStore("s1", "r1");
        cluster.startStore("s2", "r2");
        http = Http.local(cluster.startDirectory("d1", Map.of()));
        Zk.await("both stores in the topology", WAIT, () -> http.get("/topology").json().get("stores").size() == 2);
        Http.Response group = http.post("/admin/group?stores=s1,s2");
        assertThat(group.status()).as(group.text()).isEqualTo(200);
        int gid = group.json().get("gid").asInt();
        Http.Response volumes = http.post("/admin/volume?gid=" + gid + "&count=2");
        assertThat(volumes.status()).as(volumes.text()).isEqualTo(200);
        assertThat(volumes.json().get("vids").size()).isEqualTo(2);
        awaitWritable();
    }

    private static void awaitWritable() {
        Zk.await("a writable group", WAIT, () -> http.get("/topology").json().get("writable").size() == 1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** The proxy's write: placement, the needle on every replica, commit. */
    private static FileView put(String name, Content content) {
        Http.Response r = http.post("/upload?bucket=" + BUCKET + "&filename=" + q(name) + "&filesize="
                + content.size() + "&sha1=" + content.sha1() + "&sha256=" + content.sha256() + "&mime=text/plain");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Placement p = r.as(Placement.class);
        if (!p.dedup()) {
            assertThat(p.stores()).containsExactlyInAnyOrder(cluster.storeApi("s1"), cluster.storeApi("s2"));
            assertThat(p.cookie()).isNotZero();
            assertThat(p.expiresAt()).isGreaterThan(System.currentTimeMillis());
            for (String store : p.stores()) {
                stores.upload(store, p.vid(), p.key(), p.cookie(), content.bytes());
            }
        }
        CommitRequest commit = new CommitRequest(BUCKET, name, content.size(), "text/plain", content.sha1(),
                content.sha256(), p.dedup(), p.dedup() ? List.of() : List.of(p.needle(content.size())));
        Http.Response c = http.postJson("/commit", commit);
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        return c.as(FileView.class);
    }

    private static JsonNode list(String dir) {
        Http.Response r = http.get("/list?bucket=" + BUCKET + "&dir=" + q(dir));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    @Order(1)
    void seed001DirectoryExample() {
        Content content = Content.of("the file at the bottom");
        FileView stored = put("dir1/dir2/dir3/dir4/file", content);
        assertThat(stored.size()).isEqualTo(content.size());

        assertThat(strings(list("").get("subdirs"))).containsExactly("dir1/");
        String[] chain = {"dir1/", "dir1/dir2/", "dir1/dir2/dir3/"};
        String[] child = {"dir2/", "dir3/", "dir4/"};
        for (int i = 0; i < chain.length; i++) {
            JsonNode page = list(chain[i]);
            assertThat(strings(page.get("subdirs"))).containsExactly(child[i]);
            assertThat(page.get("files").size()).isZero();
        }
        assertThat(strings(list("dir1/dir2/dir3/dir4/").get("files"))).containsExactly("file");

        Http.Response get = http.get("/get?bucket=" + BUCKET + "&filename=" + q("dir1/dir2/dir3/dir4/file"));
        assertThat(get.status()).isEqualTo(200);
        JsonNode file = get.json();
        assertThat(file.get("ret").asInt()).isEqualTo(1);
        assertThat(file.get("sha1").asString()).isEqualTo(content.sha1());
        assertThat(file.get("mine").asString()).isEqualTo("text/plain");
        assertThat(file.get("key").asLong()).isEqualTo(stored.key());
        assertThat(strings(file.get("stores")))
                .containsExactlyInAnyOrder(cluster.storeApi("s1"), cluster.storeApi("s2"));
        assertThat(stores.get(file.get("stores").get(0).asString(), file.get("vid").asInt(), file.get("key").asLong(),
                file.get("cookie").asInt())).isEqualTo(content.bytes());

        put("dir1/other", Content.of("beside dir2"));
        Http.Response del = http.post("/del?bucket=" + BUCKET + "&filename=" + q("dir1/"));
        assertThat(del.status()).as(del.text()).isEqualTo(200);
        assertThat(del.json().get("deleted").asLong()).isEqualTo(2);
        assertThat(http.get("/get?bucket=" + BUCKET + "&filename=" + q("dir1/dir2/dir3/dir4/file")).status())
                .isEqualTo(404);
        assertThat(list("").get("subdirs").size()).isZero();
        assertThat(list("dir1/dir2/").get("subdirs").size()).isZero();
    }

    @Test
    @Order(2)
    void identicalContentIsDeduplicatedInTheBucket() {
        Content content = Content.of("same bytes twice");
        FileView first = put("a/one", content);
        Http.Response r = http.post("/upload?bucket=" + BUCKET + "&filename=b%2Ftwo&filesize=" + content.size()
                + "&sha1=" + content.sha1() + "&sha256=" + content.sha256() + "&mime=text/plain");
        assertThat(r.json().get("dedup").asBoolean()).isTrue();
        FileView second = put("b/two", content);
        assertThat(second.key()).isEqualTo(first.key());
    }

    @Test
    @Order(3)
    void listPagesWithLimitAndMarker() {
        for (int i = 0; i < 5; i++) {
            put("paged/f" + i, Content.of("paged " + i));
        }
        put("paged/sub/x", Content.of("below"));
        List<String> seen = new ArrayList<>();
        String marker = "";
        for (int pages = 0; pages < 10; pages++) {
            JsonNode page = http.get("/list?bucket=" + BUCKET + "&dir=paged%2F&limit=2&marker=" + q(marker)).json();
            seen.addAll(strings(page.get("files")));
            strings(page.get("subdirs")).forEach(seen::add);
            if (!page.has("next_marker")) {
                break;
            }
            marker = page.get("next_marker").asString();
        }
        assertThat(seen).containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4", "sub/");
    }

    @Test
    @Order(10)
    void zookeeperDownKeepsReadsAndFailsNewPlacementsThenResumes() throws Exception {
        Content content = Content.of("written before the outage");
        put("outage/before", content);

        cluster.zookeeper().stop();
        Thread.sleep(500);
        Http.Response get = http.get("/get?bucket=" + BUCKET + "&filename=" + q("outage/before"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("stores").size()).isEqualTo(2); // from the last known topology
        assertThat(http.get("/list?bucket=" + BUCKET + "&dir=outage%2F").status()).isEqualTo(200);

        Content after = Content.of("written after the outage");
        String upload = "/upload?bucket=" + BUCKET + "&filename=outage%2Fafter&filesize=" + after.size()
                + "&sha1=" + after.sha1() + "&sha256=" + after.sha256() + "&mime=text/plain";
        long t0 = System.nanoTime();
        Http.Response refused = http.post(upload);
        long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.json().get("code").asInt()).isEqualTo(ErrorCode.ZOOKEEPER_UNAVAILABLE.code());
        assertThat(waitedMillis).isBetween(1_500L, 15_000L); // xfs.directory.zookeeper-wait=2s, bounded

        cluster.zookeeper().restart();
        Zk.await("placements resume", WAIT, () -> http.post(upload).status() == 200);
        awaitWritable();
        FileView stored = put("outage/after", after);
        assertThat(stored.sha256()).isEqualTo(after.sha256());
        assertThat(http.get("/get?bucket=" + BUCKET + "&filename=" + q("outage/after")).status()).isEqualTo(200);
    }

    @Test
    @Order(20)
    void aStoreGoneMakesItsVolumesUnderReplicatedInTopologyAndMetricsUntilItIsBack() {
        Zk.await("nothing under-replicated", WAIT,
                () -> http.get("/topology").json().get("replication").get("underReplicated").isEmpty());
        cluster.stopStore("s2");
        Zk.await("both volumes under-replicated", WAIT,
                () -> http.get("/topology").json().get("replication").get("underReplicated").size() == 2);
        JsonNode replication = http.get("/topology").json().get("replication");
        for (JsonNode volume : replication.get("underReplicated")) {
            assertThat(strings(volume.get("healthy"))).containsExactly("s1");
            assertThat(volume.get("missing").get(0).get("storeId").asString()).isEqualTo("s2");
            assertThat(volume.get("missing").get(0).get("problem").asString()).isEqualTo("STORE_GONE");
            assertThat(volume.get("wanted").asInt()).isEqualTo(2);
        }
        assertThat(replication.get("bytesAtRisk").asLong()).isPositive();
        String metrics = http.get("/actuator/prometheus").text();
        assertThat(metrics).containsPattern("(?m)^xfs_volumes_under_replicated(\\{[^}]*})? 2\\.0$");
        assertThat(metrics).containsPattern("(?m)^xfs_bytes_at_risk(\\{[^}]*})? [1-9]");

        cluster.startStore("s2", "r2");
        Zk.await("whole again", WAIT,
                () -> http.get("/topology").json().get("replication").get("underReplicated").isEmpty());
        assertThat(http.get("/actuator/prometheus").text())
                .containsPattern("(?m)^xfs_volumes_under_replicated(\\{[^}]*})? 0\\.0$");
    }

    @Test
    @Order(30)
    void deleteBucketRemovesEveryFileOfTheBucketWhileAnEmptyFilenameDeletesNothing() {
        put("last/one", Content.of("kept until the admin call"));
        assertThat(http.post("/del?bucket=" + BUCKET + "&filename=").status()).isEqualTo(400);
        assertThat(list("").get("subdirs").size()).isPositive();

        Http.Response r = http.post("/admin/delete_bucket?bucket=" + BUCKET);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("deleted").asLong()).isPositive();
        assertThat(list("").get("subdirs").size()).isZero();
        assertThat(list("").get("files").size()).isZero();
        assertThat(http.get("/get?bucket=" + BUCKET + "&filename=" + q("last/one")).status()).isEqualTo(404);
    }
}
