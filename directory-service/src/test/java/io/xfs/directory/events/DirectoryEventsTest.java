package io.xfs.directory.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Delivery;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.json.Json;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real directories with events enabled, on one ZooKeeper and the machine's RabbitMQ: a commit over
 * HTTP reaches the exchange from the leader only; the follower keeps its events in its outbox until it
 * leads, and the relay's metrics show on {@code /actuator/prometheus}.
 */
class DirectoryEventsTest {
    private static final String EMPTY_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path root;
    private Cluster cluster;
    private EventConsumer received;

    @BeforeEach
    void setUp() throws Exception {
        received = new EventConsumer();
        cluster = new Cluster(root);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
        received.close();
    }

    @Test
    void onlyTheLeaderRelaysAndAFollowerCatchesUpWhenItLeads() throws Exception {
        Path passwordFile = Files.writeString(root.resolve("rabbit-password"), "guest\n");
        Map<String, Object> events = Map.of(
                "xfs.events.enabled", true,
                "xfs.events.username", "guest",
                "xfs.events.password-file", passwordFile.toString(),
                "xfs.events.exchange", received.exchange(),
                "xfs.events.poll-interval", "50ms");
        Http first = Http.local(cluster.startDirectory("first", events));
        awaitLeader(first);
        Http second = Http.local(cluster.startDirectory("second", events));
        assertThat(second.get("/topology").json().path("leader").asBoolean()).isFalse();

        assertThat(first.postJson("/commit", emptyFile("from-the-leader")).status()).isEqualTo(200);
        assertThat(second.postJson("/commit", emptyFile("from-the-follower")).status()).isEqualTo(200);

        assertThat(pathOf(next())).isEqualTo("from-the-leader");
        assertThat(received.poll(1000)).as("the follower does not publish").isNull();
        assertThat(metric(first, "xfs_events_published_total")).isEqualTo(1.0);
        assertThat(metric(second, "xfs_events_pending")).isEqualTo(1.0);

        cluster.stopDirectory("first");
        awaitLeader(second);
        assertThat(pathOf(next())).isEqualTo("from-the-follower");
    }

    private static CommitRequest emptyFile(String name) {
        return new CommitRequest("event.bucket", name, 0, "text/plain", EMPTY_SHA1, EMPTY_SHA256, false, List.of());
    }

    private Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(20_000);
        assertThat(delivery).as("an event within 20 s").isNotNull();
        assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("created");
        assertThat(delivery.getProperties().getHeaders().get(RabbitPublisher.BUCKET_HEADER)).hasToString("event.bucket");
        return delivery;
    }

    private static String pathOf(Delivery delivery) {
        return String.valueOf(Json.read(delivery.getBody(), Map.class).get("path"));
    }

    private static void awaitLeader(Http directory) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!directory.get("/topology").json().path("leader").asBoolean()) {
            assertThat(System.nanoTime()).as("leadership within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static double metric(Http directory, String name) {
        for (String line : directory.get("/actuator/prometheus").text().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /actuator/prometheus");
    }
}
