package io.xfs.store.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic compaction on real volumes: above the garbage ratio a volume is compacted, below it is left. */
class CompactorTest {
    @TempDir
    Path dataDir;

    private static void fill(Volume volume, int needles) throws Exception {
        for (int key = 1; key <= needles; key++) {
            volume.append(key, 1, ByteBuffer.wrap(new byte[1000]));
        }
    }

    @Test
    void compactsOnlyVolumesAtOrAboveTheGarbageRatio() throws Exception {
        try (VolumeManager volumes = VolumeManager.open(dataDir, VolumeOptions.defaults().withDurability(Durability.NONE));
             Compactor compactor = new Compactor(volumes, 0.3, Duration.ZERO)) {
            Volume garbage = volumes.add(1);
            Volume clean = volumes.add(2);
            fill(garbage, 10);
            fill(clean, 10);
            for (int key = 1; key <= 4; key++) {
                garbage.delete(key, 1);
            }
            clean.delete(1, 1);
            long cleanSize = clean.stats().size();

            assertThat(compactor.maybeCompactAll()).isEqualTo(1);
            assertThat(garbage.stats().garbageBytes()).isZero();
            assertThat(garbage.stats().needles()).isEqualTo(6);
            assertThat(clean.stats().size()).isEqualTo(cleanSize);
            assertThat(garbage.read(5, 1)).hasSize(1000);
        }
    }

    @Test
    void theSchedulerCompactsOnItsOwn() throws Exception {
        try (VolumeManager volumes = VolumeManager.open(dataDir, VolumeOptions.defaults().withDurability(Durability.NONE));
             Compactor compactor = new Compactor(volumes, 0.3, Duration.ofMillis(100))) {
            Volume volume = volumes.add(1);
            fill(volume, 10);
            for (int key = 1; key <= 5; key++) {
                volume.delete(key, 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> volume.stats().garbageBytes() == 0);
            assertThat(volume.stats().needles()).isEqualTo(5);
        }
    }
}
