package io.xfs.store.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeOptions;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubberTest {
    private static final int VID = 7;

    @TempDir
    Path dir;

    private final List<Volume.BadNeedle> found = new CopyOnWriteArrayList<>();
    private final ScrubListener listener = found::add;

    private static byte[] data(long key, int size) {
        byte[] bytes = new byte[size];
        new Random(key).nextBytes(bytes);
        return bytes;
    }

    private static int cookie(long key) {
        return (int) key * 31 + 1;
    }

    /** Needles 1..20 of 1 KB to 1.5 MB (so a cycle takes several 1 MiB steps); needle 5 deleted. */
    private VolumeManager volumeWithNeedles() throws Exception {
        VolumeManager volumes = VolumeManager.open(dir, new VolumeOptions(256L << 20, Durability.NONE, Duration.ofSeconds(1)));
        Volume volume = volumes.add(VID);
        for (long key = 1; key <= 20; key++) {
            volume.append(key, cookie(key), ByteBuffer.wrap(data(key, (int) (key * 75_000))));
        }
        assertThat(volume.delete(5, cookie(5))).isTrue();
        return volumes;
    }

    /** Flips the byte in the middle of needle {@code key}'s data in the volume file. */
    private void flipByteOf(long key) throws Exception {
        byte[] pattern = java.util.Arrays.copyOfRange(data(key, (int) (key * 75_000)), 1000, 1064);
        Path file;
        try (Stream<Path> files = Files.walk(dir)) {
            file = files.filter(p -> p.toString().endsWith(".dat")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(file);
        for (int at = 0; at + pattern.length <= all.length; at++) {
            if (java.util.Arrays.equals(all, at, at + pattern.length, pattern, 0, pattern.length)) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(at + 32);
                    raf.write(all[at + 32] ^ 0x5a);
                }
                return;
            }
        }
        throw new AssertionError("needle " + key + " not found in " + file);
    }

    @Test
    void aCycleReadsEveryByteAndReportsOnlyTheLiveNeedleThatRotted() throws Exception {
        try (VolumeManager volumes = volumeWithNeedles()) {
            flipByteOf(12);
            flipByteOf(5); // deleted: nothing reads it, so nothing to repair
            Scrubber scrubber = new Scrubber(volumes, listener, new Scrubber.Settings(1L << 40, Duration.ofHours(1)));
            scrubber.cycle();
            assertThat(found).hasSize(1);
            Volume.BadNeedle bad = found.getFirst();
            assertThat(bad.vid()).isEqualTo(VID);
            assertThat(bad.key()).isEqualTo(12);
            assertThat(bad.cookie()).isEqualTo(cookie(12));
            assertThat(bad.size()).isEqualTo(12 * 75_000);
            long size = volumes.volume(VID).orElseThrow().stats().size();
            assertThat(scrubber.bytesScrubbed()).isEqualTo(size - Volume.SCRUB_START);
            assertThat(scrubber.badNeedles()).isEqualTo(1);
            assertThat(size).isGreaterThan(10 * Scrubber.STEP);
        }
    }

    @Test
    void theBackgroundScrubberFindsAFlippedByteWithinOneCycleAtItsRate() throws Exception {
        try (VolumeManager volumes = volumeWithNeedles()) {
            flipByteOf(3);
            long size = volumes.volume(VID).orElseThrow().stats().size();
            long rate = 32L << 20;
            try (Scrubber scrubber = new Scrubber(volumes, listener, new Scrubber.Settings(rate, Duration.ofMillis(200)))) {
                long started = System.nanoTime();
                scrubber.start();
                while (scrubber.cycles() < 1 && System.nanoTime() - started < 60_000_000_000L) {
                    Thread.sleep(20);
                }
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(scrubber.cycles()).isGreaterThanOrEqualTo(1);
                assertThat(found).extracting(Volume.BadNeedle::key).first().isEqualTo(3L);
                // The throttle held: the cycle took at least as long as its bytes at the rate allow.
                assertThat(tookMillis).isGreaterThanOrEqualTo((size - Volume.SCRUB_START) * 1000 / rate - 50);
            }
        }
    }
}
