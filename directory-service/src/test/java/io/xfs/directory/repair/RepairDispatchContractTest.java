package io.xfs.directory.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xfs.common.json.Json;
import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.VolumeInfo;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.amqp.AmqpBroker;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Zk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every repair dispatcher must do, run against the in-process one and the RabbitMQ one (the machine's
 * broker on 127.0.0.1:5672, a queue of its own per test, deleted after), with two real stores and a real
 * ZooKeeper: a task runs once and its volume ends on the new member, byte-identical; a duplicate is
 * harmless (fenced by the lease); a failing copy gives the lease back for the leader to issue again; a
 * worker that dies holding the lease delays the repair only until the lease expires. And,
 * for the queue: a worker that dies before its ack has the task redone by another, and a task no worker
 * can take ends in the dead-letter queue after the delivery limit.
 */
class RepairDispatchContractTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AmqpBroker BROKER = new AmqpBroker("127.0.0.1", 5672, "/", "guest", "guest", false,
            Duration.ofSeconds(5));
    private static final int KEY = 1;
    private static final int COOKIE = 7;
    private static final AtomicInteger VIDS = new AtomicInteger(100);

    enum Kind { IN_PROCESS, RABBITMQ }

    @TempDir
    static Path root;
    private static Cluster cluster;
    private static CuratorFramework zk;
    private static final StoreClient STORES = StoreClient.create(null);

    private final String queue = "xfs.repair.test." + UUID.randomUUID();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RepairMetrics metrics = new RepairMetrics(registry);
    private final RepairLeases leader = leases("leader");
    private final List<RepairDispatcher> dispatchers = new ArrayList<>();

    @BeforeAll
    static void startStores() throws Exception {
        cluster = new Cluster(root);
        cluster.startStore("s1", "r1");
        cluster.startStore("s2", "r2");
        zk = Zk.client(cluster.connect());
        zk.create().creatingParentsIfNeeded().forPath(ZkPaths.GROUP);
    }

    @AfterAll
    static void stopStores() {
        zk.close();
        cluster.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        dispatchers.forEach(RepairDispatcher::close);
        try (Connection conn = BROKER.connect("xfs-repair-test-cleanup"); Channel ch = conn.createChannel()) {
            ch.queueDelete(queue);
            ch.queueDelete(queue + ".dlq");
            ch.exchangeDelete(queue + ".dlq");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTaskRunsOnceAndTheVolumeEndsOnItsNewMember(Kind kind) throws Exception {
        RepairDispatcher dispatcher = dispatcher(kind, "w1", 1);
        Volume volume = volumeOnS1();

        assertThat(dispatcher.dispatch(volume.task(leader, 1))).isTrue();

        awaitOutcome("done", 1);
        volume.assertRepaired();
        Zk.await("the lease given back", WAIT, () -> !held(volume.vid));
        assertThat(outcome("failed") + outcome("fenced") + outcome("stale")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDuplicateTaskIsHarmless(Kind kind) throws Exception {
        RepairDispatcher dispatcher = dispatcher(kind, "w1", 2);
        if (kind == Kind.RABBITMQ) {
            dispatcher(kind, "w2", 2); // a second directory's workers compete for the same tasks
        }
        Volume volume = volumeOnS1();
        RepairTask task = volume.task(leader, 1);

        int accepted = 0;
        for (int i = 0; i < 2; i++) {
            accepted += dispatcher.dispatch(task) ? 1 : 0;
        }
        awaitOutcome("done", 1);
        Zk.await("the lease given back", WAIT, () -> !held(volume.vid));
        assertThat(dispatcher.dispatch(task)).as("a late duplicate is accepted, then dropped").isTrue();

        awaitOutcome("stale", accepted);
        assertThat(outcome("done")).as("the copy and the membership change happened once").isEqualTo(1);
        volume.assertRepaired();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailingCopyGivesTheLeaseBackForTheLeaderToIssueAgain(Kind kind) throws Exception {
        RepairDispatcher dispatcher = dispatcher(kind, "w1", 1);
        Volume volume = volumeOnS1();
        RepairLease lease = leader.acquire(volume.vid).orElseThrow();
        RepairTask unreachableSource = new RepairTask(volume.vid, "127.0.0.1:1", "s2", cluster.storeAdmin("s2"),
                List.of("gone"), lease, 1);

        assertThat(dispatcher.dispatch(unreachableSource)).isTrue();

        awaitOutcome("failed", 1);
        Zk.await("the lease given back", WAIT, () -> !held(volume.vid));
        assertThat(dispatcher.busy(volume.vid)).isFalse();
        assertThat(members(volume.vid)).containsExactlyInAnyOrder("s1", "gone");

        assertThat(dispatcher.dispatch(volume.task(leader, 2))).as("issued again").isTrue();
        awaitOutcome("done", 1);
        volume.assertRepaired();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWorkerThatDiesAfterTakingTheLeaseHoldsTheVolumeOnlyUntilTheLeaseExpires(Kind kind) throws Exception {
        RepairDispatcher dispatcher = dispatcher(kind, "w1", 1);
        Volume volume = volumeOnS1();
        RepairTask task = volume.task(leader, 1);
        // A worker takes the task as workers do (and would ack it now), then dies: no renewal, no release.
        RepairLeases deadLeases = new RepairLeases(zk, "dead", Duration.ofSeconds(2), System::currentTimeMillis);
        RepairWorker dead = new RepairWorker(STORES, deadLeases, new Membership(zk, deadLeases), metrics,
                Duration.ofSeconds(1));
        assertThat(dead.take(task)).isPresent();
        leader.release(task.lease()); // what the leader does when a dispatch fails: harmless, the worker holds it

        assertThat(leader.acquire(volume.vid)).as("nothing issued while the lease holds").isEmpty();
        if (kind == Kind.RABBITMQ) {
            assertThat(dispatcher.busy(volume.vid)).isTrue();
        }
        Zk.await("the dead worker's lease expired", WAIT, () -> !held(volume.vid));
        assertThat(dispatcher.busy(volume.vid)).isFalse();
        assertThat(dispatcher.dispatch(volume.task(leader, 2))).as("issued again").isTrue();

        awaitOutcome("done", 1);
        volume.assertRepaired();
        assertThat(dispatcher.dispatch(task)).isTrue();
        awaitOutcome("stale", 1);
    }

    @Test
    void aWorkerThatDiesBeforeItsAckHasTheTaskRedoneByAnother() throws Exception {
        RabbitRepairDispatcher publisher = (RabbitRepairDispatcher) dispatcher(Kind.RABBITMQ, "leader", 0);
        Volume volume = volumeOnS1();
        BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        Connection dying = BROKER.connect("xfs-repair-test-dying-worker");
        Channel ch = dying.createChannel();
        ch.basicQos(1);
        ch.basicConsume(queue, false, (tag, delivery) -> received.add(delivery.getEnvelope().getDeliveryTag()),
                tag -> { });

        assertThat(publisher.dispatch(volume.task(leader, 1))).isTrue();
        assertThat(received.poll(20, TimeUnit.SECONDS)).as("the dying worker got the task").isNotNull();
        BROKER.abort(dying); // killed before it took the lease and acked

        dispatcher(Kind.RABBITMQ, "w2", 1);
        awaitOutcome("done", 1);
        volume.assertRepaired();
        assertThat(publisher.published()).isEqualTo(1);
    }

    @Test
    void aTaskNoWorkerCanTakeIsDeadLetteredAfterTheDeliveryLimit() throws Exception {
        RabbitRepairDispatcher dispatcher = (RabbitRepairDispatcher) dispatcher(Kind.RABBITMQ, "w1", 1);
        byte[] poison = "{\"vid\": \"not a task\"}".getBytes(StandardCharsets.UTF_8);
        try (Connection conn = BROKER.connect("xfs-repair-test-poison"); Channel ch = conn.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), poison);
            ch.waitForConfirmsOrDie(10_000);

            Zk.await("the task in the dead-letter queue", WAIT, () -> dispatcher.deadLettered() == 1.0);
            assertThat(dispatcher.queued()).isZero();
            GetResponse dead = ch.basicGet(queue + ".dlq", true);
            assertThat(dead.getBody()).isEqualTo(poison);
            List<?> deaths = (List<?>) dead.getProps().getHeaders().get("x-death");
            assertThat(((Map<?, ?>) deaths.getFirst()).get("reason").toString()).as("dead-lettered by the limit")
                    .isEqualTo("delivery_limit");
        }
        assertThat(outcome("done") + outcome("failed")).isZero();
    }

    /** A volume with one needle on s1, whose members are s1 and a store gone for good. */
    private record Volume(int vid, byte[] bytes) {
        RepairTask task(RepairLeases leases, int attempt) throws Exception {
            RepairLease lease = leases.acquire(vid).orElseThrow();
            return new RepairTask(vid, cluster.storeAdmin("s1"), "s2", cluster.storeAdmin("s2"), List.of("gone"),
                    lease, attempt);
        }

        void assertRepaired() throws Exception {
            assertThat(members(vid)).containsExactlyInAnyOrder("s1", "s2");
            assertThat(STORES.get(cluster.storeApi("s2"), vid, KEY, COOKIE)).isEqualTo(bytes);
        }
    }

    private static Volume volumeOnS1() throws Exception {
        int vid = VIDS.incrementAndGet();
        byte[] bytes = new byte[50_000];
        new Random(vid).nextBytes(bytes);
        STORES.addVolume(cluster.storeAdmin("s1"), vid);
        STORES.upload(cluster.storeApi("s1"), vid, KEY, COOKIE, bytes);
        zk.create().creatingParentsIfNeeded().forPath(ZkPaths.volume(vid), Json.write(new VolumeInfo(vid, 0)));
        zk.create().forPath(ZkPaths.volumeStore(vid, "s1"));
        zk.create().forPath(ZkPaths.volumeStore(vid, "gone"));
        return new Volume(vid, bytes);
    }

    private static Set<String> members(int vid) throws Exception {
        return new HashSet<>(zk.getChildren().forPath(ZkPaths.volume(vid)));
    }

    private static RepairLeases leases(String owner) {
        return new RepairLeases(zk, owner, Duration.ofSeconds(10), System::currentTimeMillis);
    }

    private boolean held(int vid) {
        try {
            return leader.held(vid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A directory's dispatcher with its own lease owner; {@code parallel} 0 only publishes. */
    private RepairDispatcher dispatcher(Kind kind, String owner, int parallel) {
        RepairLeases leases = leases(owner);
        RepairWorker worker = new RepairWorker(STORES, leases, new Membership(zk, leases), metrics,
                Duration.ofSeconds(1));
        RepairDispatcher dispatcher;
        if (kind == Kind.IN_PROCESS) {
            dispatcher = new InProcessDispatcher(worker, Math.max(1, parallel));
        } else {
            RabbitRepairDispatcher queued = new RabbitRepairDispatcher(new RabbitRepairDispatcher.Settings(BROKER,
                    queue, 5, Duration.ofSeconds(10), parallel, Duration.ofMillis(200)), leases, worker).start();
            Zk.await("connected to RabbitMQ", WAIT, queued::connected);
            dispatcher = queued;
        }
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private double outcome(String outcome) {
        Counter counter = registry.find("xfs.repair.tasks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitOutcome(String outcome, int n) {
        Zk.await(n + " task(s) " + outcome, WAIT, () -> outcome(outcome) >= n);
        assertThat(outcome(outcome)).isEqualTo(n);
    }
}
