package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.NeedleRef;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SuspectReplicasTest {
    private final AtomicLong now = new AtomicLong();
    private final SuspectReplicas suspects = new SuspectReplicas(now::get);
    private final NeedleRef one = new NeedleRef(1, 10, 7, 100, List.of("a:1", "b:1"));
    private final NeedleRef other = new NeedleRef(1, 11, 7, 100, List.of("a:1", "b:1"));

    @Test
    void unreachableStoreGoesLastForEveryNeedleUntilItExpires() {
        suspects.failed("a:1", one, new ConnectException("refused"));
        for (int i = 0; i < 20; i++) {
            assertThat(suspects.order(one)).containsExactly("b:1", "a:1");
            assertThat(suspects.order(other)).containsExactly("b:1", "a:1");
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(orders(one)).as("random first again").contains(List.of("a:1", "b:1"), List.of("b:1", "a:1"));
    }

    @Test
    void replicaBrokenOffMidStreamGoesLastForThatNeedleOnly() {
        suspects.failed("a:1", one, new IOException("Premature EOF"));
        suspects.failed("b:1", other, null);
        for (int i = 0; i < 20; i++) {
            assertThat(suspects.order(one)).containsExactly("b:1", "a:1");
            assertThat(suspects.order(other)).containsExactly("a:1", "b:1");
        }
        suspects.failed("b:1", one, new ReplicaClient.ReplicaFailure(500, "corrupt"));
        assertThat(orders(one)).as("both suspect: random again").hasSize(2);
    }

    @Test
    void missingNeedleSaysNothingAboutTheStore() {
        suspects.failed("a:1", one, new ReplicaClient.ReplicaFailure(404, "absent"));
        assertThat(orders(one)).hasSize(2);
    }

    private java.util.Set<List<String>> orders(NeedleRef needle) {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(suspects.order(needle));
        }
        return seen;
    }
}
