package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreBreakersTest {
    private static final Duration COOL_DOWN = Duration.ofSeconds(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean healthy = new AtomicBoolean(false);
    private final AtomicInteger checks = new AtomicInteger();
    /** Health checks run when the test says so, so that "half-open" can be observed. */
    private final List<Runnable> pending = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();
    private final List<String> reported = new ArrayList<>();
    private final StoreBreakers breakers = new StoreBreakers(COOL_DOWN, store -> {
        checks.incrementAndGet();
        return healthy.get();
    }, pending::add, now::get, counters, reported::add);

    @Test
    void aStoreThatFailsAnUploadIsAvoidedAtOnce() {
        assertThat(breakers.openStores()).isEmpty();
        assertThat(breakers.failed("s1:1", new ConnectException("refused"))).isTrue();
        assertThat(breakers.failed("s2:1", new ReplicaClient.ReplicaFailure(503, "down"))).isTrue();
        assertThat(breakers.failed("s3:1", new SocketTimeoutException("slow"))).isTrue();
        assertThat(breakers.openStores()).containsExactlyInAnyOrder("s1:1", "s2:1", "s3:1");
        assertThat(breakers.openCount()).isEqualTo(3);
        assertThat(counters.snapshot().get("breakers_opened")).isEqualTo(3);
        breakers.failed("s1:1", new ConnectException("refused"));
        assertThat(reported).as("reported when opened, not again").containsExactly("s1:1", "s2:1", "s3:1");
    }

    @Test
    void clientErrorsAndBugsSayNothingAboutTheStore() {
        assertThat(breakers.failed("s1:1", new ReplicaClient.ReplicaFailure(404, "no volume"))).isFalse();
        assertThat(breakers.failed("s1:1", new ReplicaClient.ReplicaFailure(409, "key taken"))).isFalse();
        assertThat(breakers.failed("s1:1", new IllegalStateException("bug"))).isFalse();
        assertThat(breakers.openStores()).isEmpty();
        assertThat(StoreBreakers.blamesStore(new ReplicaClient.ReplicaFailure(0, "garbled"))).isTrue();
        assertThat(StoreBreakers.blamesStore(new ReplicaClient.ReplicaFailure(507, "read-only"))).isTrue();
        assertThat(StoreBreakers.blamesStore(new IOException("reset"))).isTrue();
    }

    @Test
    void theHealthCheckWaitsForTheCoolDownAndClosesTheBreakerWhenItPasses() {
        breakers.failed("s1:1", new ConnectException("refused"));
        now.addAndGet(COOL_DOWN.toNanos() - 1);
        breakers.openStores();
        assertThat(pending).as("no check before the cool-down").isEmpty();

        now.addAndGet(1);
        assertThat(breakers.openStores()).as("half-open: still avoided while checked").containsExactly("s1:1");
        assertThat(breakers.openStores()).containsExactly("s1:1");
        assertThat(pending).as("one check at a time").hasSize(1);
        pending.removeFirst().run();
        assertThat(checks).hasValue(1);
        assertThat(breakers.openStores()).as("the check failed: open for another cool-down").containsExactly("s1:1");
        assertThat(pending).isEmpty();

        healthy.set(true);
        now.addAndGet(COOL_DOWN.toNanos());
        breakers.openStores();
        pending.removeFirst().run();
        assertThat(breakers.openStores()).isEmpty();
        assertThat(breakers.isOpen("s1:1")).isFalse();
        assertThat(counters.snapshot().get("breakers_closed")).isEqualTo(1);
    }

    @Test
    void anotherFailurePostponesTheCheckAndASuccessClosesAtOnce() {
        breakers.failed("s1:1", new ConnectException("refused"));
        now.addAndGet(COOL_DOWN.toNanos() / 2);
        breakers.failed("s1:1", new ConnectException("refused"));
        now.addAndGet(COOL_DOWN.toNanos() / 2);
        breakers.openStores();
        assertThat(pending).as("the cool-down restarted with the second failure").isEmpty();
        assertThat(counters.snapshot().get("breakers_opened")).isEqualTo(1);

        breakers.succeeded("s1:1");
        assertThat(breakers.openStores()).isEmpty();
        breakers.succeeded("s1:1");
        assertThat(counters.snapshot().get("breakers_closed")).isEqualTo(1);
    }

    @Test
    void aCheckThatThrowsCountsAsFailed() {
        StoreBreakers throwing = new StoreBreakers(Duration.ZERO, store -> {
            throw new IllegalStateException("boom");
        }, Runnable::run, now::get, counters, store -> { });
        throwing.failed("s1:1", new ConnectException("refused"));
        assertThat(throwing.openStores()).containsExactly("s1:1");
        assertThat(throwing.openStores()).containsExactly("s1:1");
    }
}
