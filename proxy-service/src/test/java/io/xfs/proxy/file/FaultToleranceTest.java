package io.xfs.proxy.file;

import static io.xfs.proxy.ProxyClient.at;
import static io.xfs.proxy.ProxyClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.store.StoreClient;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.store.scrub.Scrubber;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Store failures with four stores in two groups ({@code s1,s2} and {@code s3,s4}): failover of reads, writes
 * retried in the other group and the failed store's breaker, 503 with nothing visible after the retry budget, recovery, and never a truncated 200. A
 * "paused" store has its port closed but stays registered, so the directory keeps placing writes on it.
 */
@ExtendWith(ProxyClusterExtension.class)
class FaultToleranceTest {
    private static final int CHUNK = ProxyCluster.CHUNK_SIZE;

    private final ProxyCluster cluster;
    private final ProxyClient client;
    private final FileService files;

    FaultToleranceTest(ProxyCluster cluster) {
        this.cluster = cluster;
        this.client = new ProxyClient(cluster);
        this.files = cluster.files();
    }

    @AfterEach
    void restoreEveryStore() {
        for (ProxyCluster.StoreNode store : cluster.stores()) {
            cluster.resumeStore(store.id());
            cluster.startStore(store.id());
        }
    }

    @Test
    void readsFailOverToTheOtherReplicaWhenAStoreIsDown() {
        List<String> paths = uploadUntilSomeLandIn("s1", "/xfs/faults/read-", CHUNK * 2 + 10);
        Map<String, Long> before = files.counters().snapshot();
        cluster.pauseStore("s1");
        for (int round = 0; round < 3; round++) {
            for (String path : paths) {
                HttpResponse<byte[]> get = client.get(path);
                assertThat(get.statusCode()).isEqualTo(200);
                assertThat(TestData.sha1(get.body())).isEqualTo(etag(get));
            }
        }
        // The failover path itself: a read that met s1 first moved on. Replicas that failed in the last 10 s
        // (an earlier test of this shared cluster may have paused s1) are tried last, so keep reading until
        // that memory expires and the random order puts s1 first again.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String path : paths) {
                assertThat(client.get(path).statusCode()).isEqualTo(200);
            }
            assertThat(files.counters().snapshot().get("read_failovers")).isGreaterThan(before.get("read_failovers"));
        });
    }

    @Test
    void writesRetryInTheOtherGroupWhenAReplicaFails() {
        cluster.pauseStore("s1");
        Map<String, Long> before = files.counters().snapshot();
        for (int i = 0; i < 12; i++) {
            byte[] data = TestData.bytes(1000 + i, 100 + i);
            String path = "/xfs/faults/retry-" + i;
            HttpResponse<byte[]> up = client.upload(path, data, "application/octet-stream");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(storesOf("faults", "retry-" + i)).as("written to the healthy group")
                    .isSubsetOf(address("s3"), address("s4"));
            assertThat(client.get(path).body()).isEqualTo(data);
        }
        // With 12 writes and two groups of equal weight, one was placed on the broken group first; that
        // failure opened s1's breaker, so the directory placed the next ones in the other group directly.
        Map<String, Long> after = files.counters().snapshot();
        assertThat(after.get("write_retries") - before.get("write_retries")).isBetween(1L, 2L);
        assertThat(after.get("breakers_opened")).isGreaterThan(before.get("breakers_opened"));
        assertThat(files.openBreakers()).contains(address("s1"));
        assertThat(json(client.send("GET", "/status", new byte[0])).path("proxy").path("breakers_open").toString())
                .contains(address("s1"));

        // Back up: the breaker's health check passes and s1 takes writes again.
        cluster.resumeStore("s1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !files.openBreakers().contains(address("s1")));
        assertThat(uploadUntilSomeLandIn("s1", "/xfs/faults/back-", 100)).isNotEmpty();
    }

    @Test
    void withBothGroupsBrokenTheWriteIs503AndNothingIsVisible() {
        cluster.pauseStore("s2");
        cluster.pauseStore("s3");
        HttpResponse<byte[]> up = client.upload("/xfs/faults-none/lost.bin", TestData.bytes(CHUNK + 1, 200),
                "application/octet-stream");
        assertThat(up.statusCode()).isEqualTo(503);
        assertThat(json(up).path("code").asInt()).isEqualTo(ErrorCode.STORE_UNAVAILABLE.code());
        assertThat(client.get("/xfs/faults-none/lost.bin").statusCode()).isEqualTo(404);
        assertThat(client.send("GET", at("fileinfo", "/xfs/faults-none/"), new byte[0]).statusCode()).isEqualTo(404);
    }

    @Test
    void aStoppedStoreLeavesReadsWorkingAndTakesWritesAgainAfterItsRestart() {
        List<String> paths = uploadUntilSomeLandIn("s2", "/xfs/faults/restart-", CHUNK + 10);
        cluster.stopStore("s2");
        for (String path : paths) {
            HttpResponse<byte[]> get = client.get(path);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(TestData.sha1(get.body())).isEqualTo(etag(get));
        }
        cluster.startStore("s2");
        Map<String, Long> before = files.counters().snapshot();
        List<String> again = uploadUntilSomeLandIn("s2", "/xfs/faults/restarted-", 500);
        assertThat(again).isNotEmpty();
        assertThat(files.counters().snapshot().get("write_retries")).isEqualTo(before.get("write_retries"));
        for (String path : paths) {
            assertThat(client.get(path).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aNeedleCorruptOnEveryReplicaAbortsTheResponseInsteadOfATruncatedOk() throws Exception {
        // JSON content and a short last chunk: an error page appended to the committed body could fill up
        // the announced Content-Length and pass for the file's end. The connection must fail instead.
        int size = CHUNK * 2 + 100;
        byte[] data = TestData.bytes(size, 300);
        String path = "/xfs/faults-corrupt/file.json";
        assertThat(client.upload(path, data, "application/json").statusCode()).isEqualTo(200);
        FileInfo file = files.open("faults-corrupt", "file.json");
        NeedleRef last = file.chunks().get(2);
        byte[] pattern = TestData.slice(data, 2L * CHUNK + 18, 2L * CHUNK + 82);
        int corrupted = 0;
        for (ProxyCluster.StoreNode store : cluster.stores()) {
            if (last.stores().contains(store.address())) {
                corrupted += corrupt(store.dataDir(), last.vid(), pattern);
            }
        }
        assertThat(corrupted).isEqualTo(2);

        // The first chunks are intact: a Range read streams only the chunks it needs.
        HttpResponse<byte[]> first = client.get(path, "Range", "bytes=0-" + (2 * CHUNK - 1));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(TestData.slice(data, 0, 2L * CHUNK));

        // A range inside the corrupt chunk fails before any byte is sent: a clean error.
        HttpResponse<byte[]> inside = client.get(path, "Range", "bytes=" + (2 * CHUNK) + "-" + (2 * CHUNK + 10));
        assertThat(inside.statusCode()).isEqualTo(503);
        assertThat(json(inside).path("code").asInt()).isEqualTo(ErrorCode.STORE_UNAVAILABLE.code());

        // The whole file: two chunks are already on the wire, so the connection must fail.
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> client.send(client.request(at("file", path)).GET().build()))
                    .hasRootCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void aNeedleCorruptOnOneReplicaIsReadFromTheOtherWhateverItsSize() throws Exception {
        // 150 KB: one needle above the store's 64 KiB buffer, so a corrupt replica sends all but its last
        // byte before its CRC fails. The proxy holds the needle until the answer ended complete, so every
        // read is complete and right, whichever replica it meets first.
        byte[] data = TestData.bytes(150_000, 310);
        String path = "/xfs/faults-corrupt/one-replica.bin";
        assertThat(client.upload(path, data, "application/octet-stream").statusCode()).isEqualTo(200);
        NeedleRef needle = files.open("faults-corrupt", "one-replica.bin").chunks().getFirst();
        ProxyCluster.StoreNode bad = cluster.stores().stream()
                .filter(s -> s.address().equals(needle.stores().getFirst())).findFirst().orElseThrow();
        assertThat(corrupt(bad.dataDir(), needle.vid(), TestData.slice(data, 100_000, 100_064))).isEqualTo(1);
        long errorsBefore = files.counters().snapshot().get("replica_read_errors");
        int correct = 0;
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> get = client.get(path);
            if (get.statusCode() == 200 && java.util.Arrays.equals(get.body(), data)) {
                correct++;
            }
        }
        assertThat(correct).isEqualTo(100);
        // Some read met the corrupt replica first (each picks one at random): it was reported.
        assertThat(files.counters().snapshot().get("replica_read_errors")).isGreaterThan(errorsBefore);
        // Ranges are verified whole too (the store checks the needle's CRC whatever range it serves).
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> range = client.get(path, "Range", "bytes=99000-100999");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(TestData.slice(data, 99_000, 101_000));
        }
    }

    @Test
    void theScrubberFindsANeedleRotOnOneReplicaAndItIsRepairedWhileReadsGoOn() throws Exception {
        byte[] data = TestData.bytes(150_000, 320);
        String path = "/xfs/faults-scrub/rot.bin";
        assertThat(client.upload(path, data, "application/octet-stream").statusCode()).isEqualTo(200);
        NeedleRef needle = files.open("faults-scrub", "rot.bin").chunks().getFirst();
        ProxyCluster.StoreNode bad = cluster.stores().stream()
                .filter(s -> s.address().equals(needle.stores().getFirst())).findFirst().orElseThrow();
        Scrubber scrubber = bad.bean(Scrubber.class);
        long badBefore = scrubber.badNeedles();
        assertThat(corrupt(bad.dataDir(), needle.vid(), TestData.slice(data, 70_000, 70_064))).isEqualTo(1);

        // Nobody reads it: the scrubber finds it (a pass every 2 s in this cluster) and queues its repair.
        await().atMost(Duration.ofSeconds(90)).until(() -> scrubber.badNeedles() > badBefore);
        // Reads go on meanwhile and never fail; the store serves its own copy whole again once repaired.
        StoreClient direct = ProxyCluster.storeClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!servesWhole(direct, bad, needle, data)) {
            assertThat(System.nanoTime()).as("repaired within 60 s").isLessThan(deadline);
            HttpResponse<byte[]> get = client.get(path);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(data);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(client.get(path).body()).isEqualTo(data);
        }
        // The repaired copy is a fresh needle with the same key and cookie: its bytes and CRC are right.
        byte[] repaired = direct.get(bad.address(), needle.vid(), needle.key(), needle.cookie());
        CRC32C expected = new CRC32C();
        expected.update(data);
        CRC32C actual = new CRC32C();
        actual.update(repaired);
        assertThat(actual.getValue()).isEqualTo(expected.getValue());
    }

    private static boolean servesWhole(StoreClient direct, ProxyCluster.StoreNode store, NeedleRef needle,
                                       byte[] data) {
        try {
            return java.util.Arrays.equals(direct.get(store.address(), needle.vid(), needle.key(), needle.cookie()),
                    data);
        } catch (RuntimeException e) {
            return false; // still damaged: the store refused to complete it
        }
    }

    /** Uploads files until at least one is stored on {@code storeId}; returns the paths of those that are. */
    private List<String> uploadUntilSomeLandIn(String storeId, String prefix, int size) {
        List<String> landed = new ArrayList<>();
        for (int i = 0; i < 40 && landed.size() < 2; i++) {
            String path = prefix + i;
            assertThat(client.upload(path, TestData.bytes(size, path.hashCode()), "application/octet-stream")
                    .statusCode()).isEqualTo(200);
            String name = path.substring("/xfs/faults/".length());
            if (storesOf("faults", name).contains(address(storeId))) {
                landed.add(path);
            }
        }
        assertThat(landed).as("uploads placed on " + storeId).isNotEmpty();
        return landed;
    }

    private Set<String> storesOf(String bucket, String name) {
        FileInfo info = files.info(bucket, name).orElseThrow();
        return info.chunks().stream().flatMap(c -> c.stores().stream()).collect(java.util.stream.Collectors.toSet());
    }

    private String address(String storeId) {
        return cluster.store(storeId).address();
    }

    private static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    }

    /** Flips one byte inside {@code pattern} where it occurs in the store's file of volume {@code vid}. */
    private static int corrupt(Path dataDir, int vid, byte[] pattern) throws IOException {
        List<Path> volumes;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            volumes = walk.filter(p -> isVolume(p, vid)).toList();
        }
        int found = 0;
        int window = 8 * 1024 * 1024;
        for (Path volume : volumes) {
            try (RandomAccessFile file = new RandomAccessFile(volume.toFile(), "rw")) {
                byte[] buffer = new byte[window + pattern.length];
                for (long base = 0; base < file.length(); base += window) {
                    file.seek(base);
                    int n = file.read(buffer);
                    int at = indexOf(buffer, n, pattern);
                    if (at >= 0) {
                        long target = base + at + pattern.length / 2;
                        file.seek(target);
                        file.write(buffer[at + pattern.length / 2] ^ 0x5a);
                        file.getFD().sync();
                        found++;
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static boolean isVolume(Path path, int vid) {
        String name = path.getFileName().toString();
        if (!name.endsWith(".dat")) {
            return false;
        }
        try {
            return Integer.parseInt(name.substring(0, name.length() - 4)) == vid;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int indexOf(byte[] content, int length, byte[] pattern) {
        outer:
        for (int i = 0; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
