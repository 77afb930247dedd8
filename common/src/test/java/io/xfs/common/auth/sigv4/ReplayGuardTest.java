package io.xfs.common.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.XfsException;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void refusesASignatureTwiceUntilItCouldNoLongerPass() {
        ReplayGuard guard = new ReplayGuard(clock, 100);
        guard.accept("sig", now.plusSeconds(900));
        assertThatThrownBy(() -> guard.accept("sig", now.plusSeconds(900))).isInstanceOf(XfsException.class)
                .hasMessageContaining("replay");
        guard.accept("other", now.plusSeconds(900));
        now = now.plusSeconds(901);
        guard.accept("sig", now.plusSeconds(900));
    }

    @Test
    void staysWithinItsCapacity() {
        ReplayGuard guard = new ReplayGuard(clock, 3);
        for (int i = 0; i < 10; i++) {
            guard.accept("sig" + i, now.plusSeconds(900));
        }
        assertThat(guard.size()).isEqualTo(3);
        assertThatThrownBy(() -> guard.accept("sig9", now.plusSeconds(900))).isInstanceOf(XfsException.class);
    }
}
