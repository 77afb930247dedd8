package io.xfs.directory.keygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.testing.Zk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyGeneratorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestingServer server;
    private CuratorFramework zkA;
    private CuratorFramework zkB;
    private KeyGenerator a;
    private KeyGenerator b;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer();
        zkA = Zk.client(server.getConnectString());
        zkB = Zk.client(server.getConnectString());
        a = new KeyGenerator(zkA);
        b = new KeyGenerator(zkB);
        a.start();
        b.start();
        Zk.await("both instances issue keys", WAIT, () -> a.workerId().isPresent() && b.workerId().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        zkA.close();
        zkB.close();
        server.close();
    }

    @Test
    void instancesClaimTheLowestFreeWorkerIds() throws Exception {
        assertThat(new int[] {a.workerId().getAsInt(), b.workerId().getAsInt()}).containsExactlyInAnyOrder(0, 1);
        assertThat(zkA.getChildren().forPath(ZkPaths.KEYGEN_WORKERS)).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void twoInstancesProduceAMillionKeysEachWithoutDuplicates() {
        int perInstance = 1_000_000;
        CompletableFuture<long[]> fromA = CompletableFuture.supplyAsync(() -> generate(a, perInstance));
        CompletableFuture<long[]> fromB = CompletableFuture.supplyAsync(() -> generate(b, perInstance));
        long[] all = new long[2 * perInstance];
        System.arraycopy(fromA.join(), 0, all, 0, perInstance);
        System.arraycopy(fromB.join(), 0, all, perInstance, perInstance);
        Arrays.sort(all); // a sorted primitive array: duplicates end up adjacent
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new AssertionError("duplicate key " + all[i]);
            }
        }
        assertThat(all[0]).isPositive();
    }

    private static long[] generate(KeyGenerator keys, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = keys.nextKey(WAIT);
        }
        return out;
    }

    @Test
    void stopsIssuingWhileZookeeperIsDownAndResumesAfter() throws Exception {
        long before = a.nextKey(WAIT);
        server.stop();
        Zk.await("instance A stops issuing", WAIT, () -> a.workerId().isEmpty());
        assertThatThrownBy(() -> a.nextKey(Duration.ofMillis(300)))
                .isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.ZOOKEEPER_UNAVAILABLE);
        server.restart();
        long after = a.nextKey(WAIT);
        assertThat(after).isGreaterThan(before);
        Zk.await("both issue again", WAIT, () -> a.workerId().isPresent() && b.workerId().isPresent());
        assertThat(a.workerId().getAsInt()).isNotEqualTo(b.workerId().getAsInt());
    }

    @Test
    void sessionLossStopsIssuingAndAnotherInstanceNeverSharesTheId() throws Exception {
        long sessionBefore = zkA.getZookeeperClient().getZooKeeper().getSessionId();
        zkA.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        // Polling workerId() for the gap would race with a fast reclaim; what must hold is that A's id now
        // lives under its new session, i.e. the claim of the expired session was dropped and made again.
        Zk.await("instance A issues again under its new session", WAIT, () -> {
            try {
                OptionalInt id = a.workerId();
                long session = zkA.getZookeeperClient().getZooKeeper().getSessionId();
                if (id.isEmpty() || session == sessionBefore) {
                    return false;
                }
                Stat node = zkB.checkExists().forPath(ZkPaths.keygenWorker(id.getAsInt()));
                return node != null && node.getEphemeralOwner() == session;
            } catch (Exception e) {
                return false;
            }
        });

        // A's node went with its session: A and a newly started instance compete for the freed id.
        try (CuratorFramework zkC = Zk.client(server.getConnectString()); KeyGenerator c = new KeyGenerator(zkC)) {
            c.start();
            Zk.await("A and C issue", WAIT, () -> a.workerId().isPresent() && c.workerId().isPresent());
            int[] ids = {a.workerId().getAsInt(), b.workerId().getAsInt(), c.workerId().getAsInt()};
            assertThat(Arrays.stream(ids).distinct().count()).isEqualTo(3);
            assertThat(c.nextKey(WAIT)).isNotEqualTo(a.nextKey(WAIT));
        }
    }

    @Test
    void deletedWorkerNodeIsReclaimed() throws Exception {
        int id = a.workerId().getAsInt();
        zkB.delete().forPath(ZkPaths.keygenWorker(id));
        Zk.await("A reclaims a worker node", WAIT, () -> {
            try {
                return a.workerId().isPresent() && zkB.checkExists().forPath(ZkPaths.keygenWorker(a.workerId().getAsInt())) != null;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(a.nextKey(WAIT)).isPositive();
    }

    @Test
    void clockSteppingBackNeverRepeatsAKeyAndALargeStepWaits() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() + 60_000);
        try (KeyGenerator c = new KeyGenerator(zkA, clock::get)) {
            c.start();
            Zk.await("C issues keys", WAIT, () -> c.workerId().isPresent());
            clock.addAndGet(Snowflake.MAX_AHEAD_MILLIS + 1); // past the head start a fresh claim takes
            long last = c.nextKey(WAIT);
            clock.addAndGet(-1_000); // NTP steps back a second: keys go on increasing
            for (int i = 0; i < 10_000; i++) {
                long key = c.nextKey(WAIT);
                assertThat(key).isGreaterThan(last);
                last = key;
            }
            clock.addAndGet(-10_000); // too far back: no key until the clock catches up
            assertThatThrownBy(() -> c.nextKey(Duration.ofMillis(200)))
                    .isInstanceOf(XfsException.class)
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.DIRECTORY_UNAVAILABLE);
            clock.addAndGet(11_000);
            assertThat(c.nextKey(WAIT)).isGreaterThan(last);
        }
    }

    @Test
    void cookiesAreNonZero() {
        for (int i = 0; i < 100_000; i++) {
            assertThat(a.nextCookie()).isNotZero();
        }
    }

    @Test
    void cookiesDrawnInBatchesDoNotRepeatAcrossThreads() throws Exception {
        // 4 x 500 cookies span dozens of batches. Among 2000 random 32-bit values one collision has a
        // chance of 1 in 2000, two are out of reach: a repeated batch would show as hundreds.
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger drawn = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(a.nextCookie());
                    drawn.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(drawn.get()).isEqualTo(2000);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(1999);
    }
}
