package io.xfs.directory.placement;

import static io.xfs.directory.testing.Topologies.writable;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.directory.testing.Topologies;
import io.xfs.directory.topology.Topology;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreHealthTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Set<String> down = new HashSet<>();
    private final AtomicReference<Topology> topology = new AtomicReference<>(Topologies.builder()
            .store("a", writable(1, 1_000_000)).store("b", writable(1, 1_000_000))
            .store("c", writable(2, 1_000_000)).build());
    private final StoreHealth health = new StoreHealth(topology::get, store -> !down.contains(store), now::get,
            new StoreHealth.Settings(Duration.ofSeconds(1), 2, WINDOW));

    @AfterEach
    void close() {
        health.close();
    }

    @Test
    void oneReporterIsNotEnoughWhileTheStoreAnswersItsCheck() {
        assertThat(health.report("a:1", "p1")).isTrue();
        assertThat(health.excluded()).isEmpty();
        assertThat(health.suspects()).containsExactly("a:1");
        health.check();
        assertThat(health.excluded()).isEmpty();
        assertThat(health.suspects()).as("cleared by the passing check").isEmpty();
    }

    @Test
    void theDirectorysOwnFailedCheckCorroboratesOneReport() {
        down.add("a:1");
        health.report("a:1", "p1");
        health.check();
        assertThat(health.excluded()).containsExactly("a:1");
        health.check();
        assertThat(health.excluded()).as("checked again while excluded").containsExactly("a:1");

        down.clear();
        health.check();
        assertThat(health.excluded()).as("re-admitted after a passing check").isEmpty();
        assertThat(health.suspects()).isEmpty();
    }

    @Test
    void enoughDistinctReportersExcludeBeforeAnyCheck() {
        health.report("b:1", "p1");
        health.report("b:1", "p1");
        assertThat(health.excluded()).as("the same reporter twice is one").isEmpty();
        health.report("b:1", "p2");
        assertThat(health.excluded()).containsExactly("b:1");
        health.check();
        assertThat(health.excluded()).as("its check passed: back").isEmpty();
    }

    @Test
    void reportsOlderThanTheWindowDoNotCount() {
        health.report("c:1", "p1");
        now.addAndGet(WINDOW.toNanos() + 1);
        health.report("c:1", "p2");
        assertThat(health.excluded()).isEmpty();
    }

    @Test
    void unknownAddressesAreIgnoredAndStoresThatLeaveAreForgotten() {
        assertThat(health.report("elsewhere:9", "p1")).isFalse();
        assertThat(health.suspects()).isEmpty();

        down.add("c:1");
        health.report("c:1", "p1");
        health.check();
        assertThat(health.excluded()).containsExactly("c:1");
        topology.set(Topologies.builder().store("a", writable(1, 1_000_000)).build());
        health.check();
        assertThat(health.excluded()).isEmpty();
        assertThat(health.suspects()).isEmpty();
    }
}
