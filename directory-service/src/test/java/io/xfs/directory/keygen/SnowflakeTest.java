package io.xfs.directory.keygen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnowflakeTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void keyEncodesTimeWorkerAndSequence() {
        Snowflake s = new Snowflake();
        long first = s.tryNext(37, T0);
        long second = s.tryNext(37, T0);
        assertThat(first).isPositive();
        assertThat(Snowflake.workerOf(first)).isEqualTo(37);
        assertThat(Snowflake.millisOf(first)).isEqualTo(T0);
        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void keysKeepIncreasingWhenTheClockStepsBackALittle() {
        Snowflake s = new Snowflake();
        long last = s.tryNext(1, T0);
        for (long now : new long[] {T0 - 1, T0 - 500, T0 - 1_999, T0 + 1, T0 - 1_000}) {
            long key = s.tryNext(1, now);
            assertThat(key).isGreaterThan(last);
            last = key;
        }
    }

    @Test
    void refusesWhenTheClockStepsBackFurtherThanItMayRunAhead() {
        Snowflake s = new Snowflake();
        long before = s.tryNext(1, T0);
        assertThat(s.tryNext(1, T0 - Snowflake.MAX_AHEAD_MILLIS - 10)).isEqualTo(-1);
        long after = s.tryNext(1, T0 - Snowflake.MAX_AHEAD_MILLIS + 10);
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void sequenceOverflowBorrowsTheNextMillisecond() {
        Snowflake s = new Snowflake();
        long last = -1;
        for (int i = 0; i < 4096 * 3; i++) {
            long key = s.tryNext(5, T0);
            assertThat(key).isGreaterThan(last);
            last = key;
        }
        assertThat(Snowflake.millisOf(last)).isEqualTo(T0 + 2);
    }

    @Test
    void borrowingStopsAtTheLimitUntilTheClockMoves() {
        Snowflake s = new Snowflake();
        int issued = 0;
        while (s.tryNext(5, T0) >= 0) {
            issued++;
        }
        assertThat(issued).isEqualTo(4096 * (int) (Snowflake.MAX_AHEAD_MILLIS + 1));
        assertThat(s.tryNext(5, T0 + 1)).isPositive();
    }

    @Test
    void reclaimedWorkerStartsAfterAnythingThePreviousOwnerCouldIssue() {
        Snowflake previous = new Snowflake();
        long maxPrevious = -1;
        for (long k; (k = previous.tryNext(9, T0)) >= 0; ) {
            maxPrevious = k; // the previous owner borrowed as far ahead as allowed
        }
        Snowflake next = new Snowflake();
        next.startAfterClaim(T0 + 1);
        long first = next.tryNext(9, T0 + 1);
        assertThat(first).isGreaterThan(maxPrevious);
        assertThat(Snowflake.millisOf(first)).isEqualTo(T0 + 1 + Snowflake.MAX_AHEAD_MILLIS);
    }
}
