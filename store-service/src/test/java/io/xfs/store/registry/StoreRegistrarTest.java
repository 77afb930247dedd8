package io.xfs.store.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.common.web.WebServer;
import io.xfs.common.zk.ZkPaths;
import io.xfs.store.RunningStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's node in a real in-process ZooKeeper (2 s sessions): its JSON, fresh stats, re-registration
 * after a session expiry, a full volume turning read-only, and graceful shutdown leaving ZooKeeper first.
 */
class StoreRegistrarTest {
    static TestingServer zookeeper;
    static CuratorFramework observer;
    static final StoreClient CLIENT = StoreClient.create(null);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        observer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), 5_000, 5_000, new RetryOneTime(100));
        observer.start();
        observer.blockUntilConnected();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        observer.close();
        zookeeper.close();
    }

    private RunningStore start(String id, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.store.id", id,
                "xfs.store.rack", "r1",
                "xfs.store.refresh-interval", "200ms",
                "xfs.store.durability", "none"));
        properties.putAll(extra);
        return RunningStore.start(dataDir, properties);
    }

    private static StoreRegistration node(String id) throws Exception {
        return Json.read(observer.getData().forPath(ZkPaths.rackStore("r1", id)), StoreRegistration.class);
    }

    private static boolean exists(String id) throws Exception {
        return observer.checkExists().forPath(ZkPaths.rackStore("r1", id)) != null;
    }

    @Test
    void theEphemeralNodeCarriesTheStoreJsonAndFreshStats() throws Exception {
        try (RunningStore store = start("s-json", Map.of())) {
            CLIENT.addVolume(store.adminAddress(), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> exists("s-json")
                    && node("s-json").volumes().stream().anyMatch(v -> v.vid() == 3));
            Stat stat = observer.checkExists().forPath(ZkPaths.rackStore("r1", "s-json"));
            assertThat(stat.getEphemeralOwner()).as("ephemeral").isNotZero();

            StoreRegistration registration = node("s-json");
            assertThat(registration.id()).isEqualTo("s-json");
            assertThat(registration.rack()).isEqualTo("r1");
            assertThat(registration.api()).isEqualTo(store.address());
            assertThat(registration.admin()).isEqualTo(store.adminAddress());
            assertThat(registration.status()).isEqualTo(StoreStatus.READ_WRITE);
            VolumeState volume = registration.volumes().getFirst();
            assertThat(volume.writable()).isTrue();
            assertThat(volume.needles()).isZero();
            assertThat(registration.stats().writes()).isZero();

            for (int i = 0; i < 3; i++) {
                CLIENT.upload(store.address(), 3, 10 + i, 1, new byte[100]);
            }
            CLIENT.get(store.address(), 3, 10, 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                StoreRegistration now = node("s-json");
                return now.stats().writes() == 3 && now.stats().reads() == 1;
            });
            StoreRegistration after = node("s-json");
            assertThat(after.stats().writeDelayNanos()).isPositive();
            assertThat(after.stats().reads()).isEqualTo(1);
            assertThat(after.volumes().getFirst().needles()).isEqualTo(3);
            assertThat(after.volumes().getFirst().size()).isGreaterThan(volume.size());
        }
        assertThat(exists("s-json")).as("deregistered on shutdown").isFalse();
    }

    @Test
    void aKilledSessionRemovesTheNodeAndTheStoreRegistersAgain() throws Exception {
        try (RunningStore store = start("s-expire", Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> exists("s-expire"));
            String path = ZkPaths.rackStore("r1", "s-expire");
            long oldOwner = observer.checkExists().forPath(path).getEphemeralOwner();
            CountDownLatch deleted = new CountDownLatch(1);
            // persistent: the refreshes (data changes) must not use up the watch before the deletion
            observer.watchers().add().withMode(AddWatchMode.PERSISTENT).usingWatcher((Watcher) event -> {
                if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
                    deleted.countDown();
                }
            }).forPath(path);

            // Expire the store's session on the server, as a long pause or partition would: a second client
            // joins the session and closes it once connected.
            ZooKeeper storeZk = store.bean(CuratorFramework.class).getZookeeperClient().getZooKeeper();
            CountDownLatch joined = new CountDownLatch(1);
            ZooKeeper killer = new ZooKeeper(zookeeper.getConnectString(), 2_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    joined.countDown();
                }
            }, storeZk.getSessionId(), storeZk.getSessionPasswd());
            assertThat(joined.await(10, TimeUnit.SECONDS)).isTrue();
            killer.close();

            assertThat(deleted.await(10, TimeUnit.SECONDS)).as("node removed with the session").isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Stat stat = observer.checkExists().forPath(path);
                return stat != null && stat.getEphemeralOwner() != oldOwner;
            });
            assertThat(node("s-expire").api()).isEqualTo(store.address());
        }
    }

    @Test
    void healthShowsWhetherTheStoreIsInZooKeeper() throws Exception {
        try (TestingServer own = new TestingServer(true);
                RunningStore store = start("s-health", Map.of("xfs.zookeeper.connect", own.getConnectString()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> zookeeperHealth(store).startsWith("200 "));
            assertThat(zookeeperHealth(store)).contains("\"UP\"");

            own.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> zookeeperHealth(store).startsWith("503 "));
            assertThat(zookeeperHealth(store)).contains("\"DOWN\"");

            own.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> zookeeperHealth(store).startsWith("200 "));
        }
    }

    /** {@code /actuator/health/zookeeper} as "status body". */
    private static String zookeeperHealth(RunningStore store) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                store.adminUri("/actuator/health/zookeeper")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void aFullVolumeIsPublishedReadOnly() throws Exception {
        try (RunningStore store = start("s-full", Map.of(
                "xfs.store.volume-max-size", "64KB",
                "xfs.store.max-needle-size", "4KB"))) {
            CLIENT.addVolume(store.adminAddress(), 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> exists("s-full")
                    && node("s-full").volumes().stream().anyMatch(v -> v.vid() == 5 && v.writable()));
            int written = 0;
            try {
                for (int key = 1; key < 100; key++) {
                    CLIENT.upload(store.address(), 5, key, 1, new byte[4096]);
                    written++;
                }
            } catch (XfsException e) {
                assertThat(e.errorCode()).isIn(ErrorCode.VOLUME_FULL, ErrorCode.VOLUME_READ_ONLY);
            }
            assertThat(written).isBetween(10, 16);
            await().atMost(Duration.ofSeconds(5)).until(() -> !node("s-full").volumes().getFirst().writable());
            VolumeState full = node("s-full").volumes().getFirst();
            assertThat(full.readable()).isTrue();
            assertThat(full.status()).isEqualTo(StoreStatus.READABLE);
            assertThat(CLIENT.get(store.address(), 5, 1, 1)).hasSize(4096);
        }
    }

    @Test
    void gracefulShutdownLeavesZooKeeperBeforeFinishingRequestsInFlight() throws Exception {
        RunningStore store = start("s-drain", Map.of());
        CLIENT.addVolume(store.adminAddress(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> exists("s-drain"));

        // An upload whose body stalls half-way, sent on a raw socket so that the test controls every byte.
        try (Socket socket = new Socket("127.0.0.1", store.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload?vid=1&key=1&cookie=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[500]);
            out.flush();
            WebServer api = store.bean(WebServer.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.requestsInFlight() > 0);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> !exists("s-drain"));
            assertThat(closing).as("shutdown waits for the upload in flight").isNotDone();

            out.write(new byte[500]);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 200");
            closing.get(30, TimeUnit.SECONDS);
        }
    }
}
