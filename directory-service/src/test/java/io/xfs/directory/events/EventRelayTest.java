package io.xfs.directory.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Delivery;
import io.xfs.common.json.Json;
import io.xfs.directory.metadata.MetadataLedger;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
import io.xfs.directory.testing.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay against the machine's real RabbitMQ (127.0.0.1:5672, guest/guest), each test on an exchange
 * and queue of its own: every committed change arrives, including those made while the broker was
 * unreachable (a TCP proxy in between, cut and restored), and a directory that does not lead sends
 * nothing. Duplicates are allowed, so arrivals are compared by event id.
 */
class EventRelayTest {
    private static final String BUCKET = "logs.2026";
    private static final int RABBIT_PORT = 5672;

    @TempDir
    Path dir;

    private final AtomicBoolean leading = new AtomicBoolean(true);
    private MetadataStore metadata;
    private MetadataLedger ledger;
    private EventConsumer received;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        metadata = RocksDbMetadataStore.open(dir.resolve("meta"), RocksDbMetadataStore.Durability.SYNC, true);
        ledger = new MetadataLedger(() -> metadata);
        received = new EventConsumer();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        received.close();
        metadata.close();
    }

    @Test
    void everyCommittedChangeArrivesWithItsRoutingKeyBucketHeaderAndJson() throws Exception {
        relay(RABBIT_PORT);
        ledger.upload(BUCKET, "app/today.log", "first");
        ledger.upload(BUCKET, "app/today.log", "second version");
        ledger.upload(BUCKET, "app/today.log", "second version"); // unchanged content: no event
        metadata.delete(BUCKET, "app/today.log");

        List<Delivery> deliveries = await(3);
        assertThat(deliveries).extracting(d -> d.getEnvelope().getRoutingKey())
                .containsExactly("created", "overwritten", "deleted");
        Delivery created = deliveries.getFirst();
        assertThat(created.getProperties().getHeaders().get(RabbitPublisher.BUCKET_HEADER)).hasToString(BUCKET);
        assertThat(created.getProperties().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(created.getProperties().getContentType()).isEqualTo("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.read(created.getBody(), Map.class);
        assertThat(json).containsEntry("type", "created").containsEntry("bucket", BUCKET)
                .containsEntry("path", "app/today.log").containsEntry("size", 5)
                .containsEntry("sha1", MetadataLedger.sha1("first")).containsEntry("sequence", 1)
                .containsEntry("time", Instant.ofEpochMilli(MetadataLedger.NOW).toString());
        assertThat(json.get("id")).isEqualTo(created.getProperties().getMessageId());
        assertThat(deliveries).extracting(d -> Json.read(d.getBody(), Map.class).get("sequence"))
                .containsExactly(1, 2, 3);
        assertOutboxEmpties();
        assertThat(received.poll(300)).as("nothing more").isNull();
    }

    @Test
    void changesMadeWhileTheBrokerIsUnreachableArriveWhenItComesBack() throws Exception {
        TcpProxy proxy = new TcpProxy(RABBIT_PORT);
        toClose.add(proxy);
        EventRelay relay = relay(port(proxy));
        Set<String> expected = new HashSet<>();
        ledger.upload(BUCKET, "before", "sent at once");
        await(1);
        assertOutboxEmpties();

        proxy.cut();
        for (int i = 0; i < 40; i++) {
            ledger.upload(BUCKET, "during/" + i, "written while the broker is away " + i);
        }
        long failuresBefore = relay.failures();
        waitUntil(() -> relay.failures() > failuresBefore + 1, "the relay keeps failing while cut");
        assertThat(received.isEmpty()).as("nothing got through the cut").isTrue();
        assertThat(metadata.pendingEventCount()).as("kept until confirmed").isEqualTo(40);
        metadata.pendingEvents(100).forEach(e -> expected.add(e.id()));

        proxy.restore();
        Map<String, Delivery> byId = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!byId.keySet().containsAll(expected) && System.nanoTime() < deadline) {
            Delivery d = received.poll(100);
            if (d != null) {
                byId.putIfAbsent(d.getProperties().getMessageId(), d);
            }
        }
        assertThat(byId.keySet()).containsAll(expected);
        assertOutboxEmpties();
    }

    @Test
    void aDirectoryThatDoesNotLeadPublishesNothing() throws Exception {
        leading.set(false);
        EventRelay relay = relay(RABBIT_PORT);
        ledger.upload(BUCKET, "f", "waits for a leader");
        assertThat(received.poll(500)).isNull();
        assertThat(relay.pending()).isEqualTo(1);

        leading.set(true);
        assertThat(await(1)).extracting(d -> d.getEnvelope().getRoutingKey()).containsExactly("created");
        assertOutboxEmpties();
    }

    private EventRelay relay(int port) {
        RabbitSettings rabbit = new RabbitSettings("127.0.0.1", port, "/", "guest", "guest", false,
                received.exchange(), Duration.ofSeconds(1), Duration.ofSeconds(2));
        EventRelay relay = EventRelay.toRabbit(metadata, rabbit, leading::get, new EventRelay.Settings(
                10, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(200)));
        toClose.add(relay);
        return relay.start();
    }

    private List<Delivery> await(int n) throws InterruptedException {
        List<Delivery> deliveries = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (deliveries.size() < n && System.nanoTime() < deadline) {
            Delivery d = received.poll(100);
            if (d != null) {
                deliveries.add(d);
            }
        }
        assertThat(deliveries).hasSize(n);
        return deliveries;
    }

    private void assertOutboxEmpties() throws InterruptedException {
        // Removal follows the confirm, which may come after the consumer already has the message.
        waitUntil(() -> metadata.pendingEventCount() == 0, "the outbox empties");
        assertThat(metadata.pendingEvents(10)).isEmpty();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int port(TcpProxy proxy) {
        String address = proxy.address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
