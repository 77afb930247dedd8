package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeedleIndexTest {

    @Test
    void behavesLikeAMapUnderRandomPutsAndRemoves() {
        NeedleIndex index = new NeedleIndex(0, true);
        Map<Long, long[]> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // A small key space so that overwrites and removes of present keys are frequent.
            long key = random.nextInt(50_000) - 25_000L;
            int op = random.nextInt(10);
            if (op < 6) {
                int units = random.nextInt(1, Integer.MAX_VALUE);
                int size = random.nextInt(1 << 20);
                long previous = index.put(key, units, size);
                long[] old = model.put(key, new long[] {units, size});
                long expected = old == null ? NeedleIndex.ABSENT : (old[0] << 32) | old[1];
                if (previous != expected) {
                    assertThat(previous).as("put %d at step %d", key, i).isEqualTo(expected);
                }
            } else if (op < 9) {
                long removed = index.remove(key);
                long[] old = model.remove(key);
                long expected = old == null ? NeedleIndex.ABSENT : (old[0] << 32) | old[1];
                if (removed != expected) {
                    assertThat(removed).as("remove %d at step %d", key, i).isEqualTo(expected);
                }
            } else {
                long[] old = model.get(key);
                int expected = old == null ? 0 : (int) old[0];
                if (index.get(key) != expected) {
                    assertThat(index.get(key)).as("get %d at step %d", key, i).isEqualTo(expected);
                }
            }
        }
        assertThat(index.size()).isEqualTo(model.size());
        for (Map.Entry<Long, long[]> entry : model.entrySet()) {
            assertThat(index.get(entry.getKey())).isEqualTo((int) entry.getValue()[0]);
        }
    }

    @Test
    void keepsAtMostSixteenBytesPerNeedleOnceSizesAreDropped() {
        NeedleIndex index = new NeedleIndex(0, false);
        long key = 1L << 40;
        for (int i = 1; i <= 1_000_000; i++) {
            // Snowflake-like keys: increasing, with low bits that vary little.
            key += 1 + (i % 3);
            index.put(key, i, 0);
            if (i % 100_000 == 0) {
                assertThat((double) index.memoryBytes() / index.size()).as("bytes per needle at %d", i).isLessThanOrEqualTo(16.0);
            }
        }
        assertThat(index.get(key)).isEqualTo(1_000_000);
    }

    @Test
    void dropSizesKeepsOffsets() {
        NeedleIndex index = new NeedleIndex(10, true);
        index.put(5, 9, 100);
        long before = index.memoryBytes();
        index.dropSizes();
        assertThat(index.memoryBytes()).isLessThan(before);
        assertThat(index.get(5)).isEqualTo(9);
        assertThat(NeedleIndex.sizeOf(index.put(5, 11, 0))).isZero();
        assertThat(index.get(5)).isEqualTo(11);
    }
}
