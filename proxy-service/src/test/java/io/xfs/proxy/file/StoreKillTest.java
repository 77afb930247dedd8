package io.xfs.proxy.file;

import static io.xfs.proxy.ProxyCluster.freePort;
import static io.xfs.proxy.ProxyCluster.map;
import static io.xfs.proxy.ProxyCluster.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.json.Json;
import io.xfs.directory.DirectoryApplication;
import io.xfs.proxy.ProxyApplication;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Writes keep flowing when a store dies (docs/architecture.md "Writes when a store dies"): three stores as
 * real processes, two replicas (groups {@code s1,s2}, {@code s2,s3}, {@code s1,s3}), a few threads writing,
 * then {@code kill -9} of s1. The stores' ZooKeeper sessions last 10 s, so s1 stays registered (and named in
 * placements) for that long, as in production. Not one write may fail after the kill, and every
 * acknowledged write must read back intact. {@code -Pstress} writes for 30 s after the kill instead of 20.
 */
class StoreKillTest {
    private static final int WRITERS = 3;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(3);
    private static final Duration AFTER_KILL =
            Duration.ofSeconds(Integer.getInteger("xfs.proxy.test.kill-load-seconds", 20));
    // Three JVMs starting at once on a small shared machine can take minutes.
    private static final Duration WAIT = Duration.ofSeconds(240);

    private final List<Process> stores = new ArrayList<>();
    private final List<Integer> storePorts = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path root;
    private TestingServer zookeeper;
    private ConfigurableApplicationContext directory;
    private ConfigurableApplicationContext proxy;
    private URI directoryUri;

    /** One write as the client saw it. */
    private record Write(String path, String sha1, int status, long atNanos, String answer) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process store : stores) {
            store.destroyForcibly();
            store.waitFor(30, TimeUnit.SECONDS);
        }
        if (proxy != null) {
            proxy.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (root != null) {
            FileSystemUtils.deleteRecursively(root);
        }
    }

    @Test
    void noWriteFailsAfterAStoreIsKilled() throws Exception {
        startCluster();
        ProxyClient client = new ProxyClient(http, URI.create("http://127.0.0.1:" + port(proxy)));
        FileService files = proxy.getBean(FileService.class);
        String killed = "127.0.0.1:" + storePorts.getFirst();

        Queue<Write> writes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    writes.add(write(client, writer, i));
                }
            }));
        }
        Thread.sleep(BEFORE_KILL);
        stores.getFirst().destroyForcibly(); // SIGKILL: no goodbye to ZooKeeper, connections reset
        long killedAt = System.nanoTime();

        // The directory's side: s1 reported by the proxy, its /ping fails, placement avoids it, all before
        // its ZooKeeper session expires.
        AtomicLong excludedAfterMillis = new AtomicLong(-1);
        long end = killedAt + AFTER_KILL.toNanos();
        while (System.nanoTime() < end) {
            if (excludedAfterMillis.get() < 0 && excludedStores().contains(killed)) {
                excludedAfterMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            }
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(60));
        }

        List<Write> all = new ArrayList<>(writes);
        List<Write> afterKill = all.stream().filter(w -> w.atNanos() - killedAt >= 0).toList();
        List<Write> failed = all.stream().filter(w -> w.status() != 200).toList();
        assertThat(afterKill.size()).as("writes made after the kill").isGreaterThan(20);
        assertThat(failed).as("failed writes (of " + all.size() + ", " + afterKill.size() + " after the kill)")
                .isEmpty();
        Map<String, Long> counters = files.counters().snapshot();
        // The measurements, for docs/benchmarks.md-style reporting from the test output.
        System.out.printf("store kill: %d writes (%d after the kill), %d failed, write_retries %d, "
                        + "breakers_opened %d, directory excluded the store after %d ms%n", all.size(),
                afterKill.size(), failed.size(), counters.get("write_retries"), counters.get("breakers_opened"),
                excludedAfterMillis.get());
        assertThat(counters.get("breakers_opened")).as("the proxy's breaker opened for s1").isPositive();
        assertThat(excludedAfterMillis.get()).as("ms until the directory excluded s1 (corroborated by its probe)")
                .isBetween(0L, 10_000L);

        for (Write write : all) {
            HttpResponse<byte[]> read = client.get(write.path());
            assertThat(read.statusCode()).as("read of acknowledged " + write.path()).isEqualTo(200);
            assertThat(TestData.sha1(read.body())).as("content of " + write.path()).isEqualTo(write.sha1());
        }
    }

    /** One upload: sizes from a few bytes to more than a chunk (so some files have several needles). */
    private static Write write(ProxyClient client, int writer, int i) {
        int size = ThreadLocalRandom.current().nextInt(1, ProxyCluster.CHUNK_SIZE + ProxyCluster.CHUNK_SIZE / 2);
        byte[] data = TestData.bytes(size, writer * 1_000_003 + i);
        String path = "/xfs/kill/w" + writer + "-" + i;
        long at = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = client.upload(path, data, "application/octet-stream");
            String body = answer.statusCode() == 200 ? "" : new String(answer.body());
            return new Write(path, TestData.sha1(data), answer.statusCode(), at, body);
        } catch (RuntimeException e) {
            return new Write(path, TestData.sha1(data), -1, at, e.toString());
        }
    }

    private List<String> excludedStores() {
        try {
            List<String> excluded = new ArrayList<>();
            directoryGet("/topology").path("excludedStores").forEach(s -> excluded.add(s.asString()));
            return excluded;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void startCluster() throws Exception {
        root = Files.createTempDirectory("xfs-store-kill");
        zookeeper = new TestingServer(true);
        int directoryPort = freePort();
        directoryUri = URI.create("http://127.0.0.1:" + directoryPort);
        directory = DirectoryApplication.builder().properties(map(
                "server.port", directoryPort,
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.data-dir", root.resolve("directory").toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET,
                "xfs.replicas", 2,
                "xfs.directory.auto-provision", false,
                "xfs.directory.space-unit", "1MB",
                "xfs.directory.refresh-interval", "1s")).run();
        for (int i = 1; i <= 3; i++) {
            int port = freePort();
            storePorts.add(port);
            stores.add(startStore("s" + i, port));
        }
        await("three stores registered", () -> directoryGet("/topology").path("stores").size() == 3);
        for (String[] group : new String[][] {{"s1", "s2"}, {"s2", "s3"}, {"s1", "s3"}}) {
            int gid = directoryPost("/admin/group?stores=" + String.join(",", group)).path("gid").asInt();
            directoryPost("/admin/volume?gid=" + gid + "&count=2");
        }
        await("three writable groups", () -> directoryGet("/topology").path("writable").size() == 3);
        proxy = ProxyApplication.builder().properties(map(
                "server.port", 0,
                "xfs.directory.url", directoryUri.toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET,
                "xfs.chunk-size", ProxyCluster.CHUNK_SIZE + "B",
                "xfs.max-file-size", ProxyCluster.MAX_FILE_SIZE + "B",
                "xfs.proxy.store-timeout", "5s",
                "xfs.proxy.write-retry-budget", "10s",
                // Unsigned requests, like the shared proxy's (ProxyCluster): auth is not what this tests.
                "xfs.auth.enabled", false)).run();
    }

    /**
     * A store as a process of its own (so that it can be killed), on this test's class path. Its ZooKeeper
     * session outlives a crash by 10 s; the cluster secret goes in the environment, not on the command line.
     */
    private Process startStore(String id, int port) throws IOException {
        Path data = root.resolve(id);
        Files.createDirectories(data);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.xfs.store.StoreApplication",
                "--server.port=" + port,
                "--xfs.management.port=0",
                "--xfs.zookeeper.connect=" + zookeeper.getConnectString(),
                "--xfs.zookeeper.session-timeout=10s",
                "--xfs.data-dir=" + data,
                "--xfs.store.id=" + id,
                "--xfs.store.rack=r" + id,
                "--xfs.store.advertised-host=127.0.0.1",
                "--xfs.store.refresh-interval=1s");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve(id + ".log").toFile());
        builder.environment().put("XFS_CLUSTER_SECRET", ProxyCluster.SECRET);
        return builder.start();
    }

    private JsonNode directoryGet(String pathAndQuery) {
        return call(HttpRequest.newBuilder(directoryUri.resolve(pathAndQuery)).header(InternalSigner.HEADER,
                ProxyCluster.signer(InternalRole.OPERATOR).sign("GET", pathAndQuery)).GET().build());
    }

    private JsonNode directoryPost(String pathAndQuery) {
        return call(HttpRequest.newBuilder(directoryUri.resolve(pathAndQuery))
                .header(InternalSigner.HEADER, ProxyCluster.signer(InternalRole.OPERATOR).sign("POST", pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode call(HttpRequest request) {
        HttpResponse<byte[]> response = new ProxyClient(http, directoryUri).send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return Json.read(response.body(), JsonNode.class);
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        ProxyCluster.await(what, WAIT, condition, this::storeLogs);
    }

    /** The end of each store's output, for a failure message. */
    private String storeLogs() {
        StringBuilder logs = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            Path log = root.resolve("s" + i + ".log");
            try {
                List<String> lines = Files.readAllLines(log);
                logs.append("\n--- s").append(i).append(":\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (IOException e) {
                logs.append("\n--- s").append(i).append(": ").append(e);
            }
        }
        return logs.toString();
    }
}
