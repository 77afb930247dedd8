package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeTest {
    @TempDir
    Path dir;

    static VolumeOptions options(Durability durability) {
        return VolumeOptions.defaults().withMaxSize(64L << 20).withDurability(durability);
    }

    static void assertError(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void roundTripsEveryFieldAcrossReopen() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(7, dir, options(Durability.FSYNC))) {
            assertThat(volume.id()).isEqualTo(7);
            model.append(volume, 42, 1000);
            model.append(volume, -1, 0);
            model.append(volume, Long.MAX_VALUE, 7);
            model.append(volume, Long.MIN_VALUE, 4096);
            model.append(volume, 3, 0, 5);
            model.assertMatches(volume);
            assertThat(volume.read(3, 0)).isEqualTo(VolumeModel.bytes(3, 5));
            assertThat(volume.size(42, VolumeModel.cookie(42))).hasValue(1000);
            assertThat(volume.size(42, VolumeModel.cookie(42) + 2)).isEmpty();
            assertThat(volume.size(43, VolumeModel.cookie(43))).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("0000000007.dat"))).isTrue();
        assertThat(Files.size(dir.resolve("0000000007.idx"))).isEqualTo(5L * IndexFormat.RECORD_SIZE);
        try (Volume volume = Volume.open(7, dir, options(Durability.FSYNC))) {
            model.assertMatches(volume);
            assertThat(volume.read(3, 0)).isEqualTo(VolumeModel.bytes(3, 5));
        }
    }

    @Test
    void wrongCookieAbsentAndDeletedLookAlike() throws IOException {
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            volume.append(10, 5, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            volume.append(11, 5, ByteBuffer.wrap(new byte[] {1}));
            assertThat(volume.delete(11, 5)).isTrue();
            assertError(ErrorCode.NEEDLE_NOT_FOUND, () -> volume.read(10, 6));
            assertError(ErrorCode.NEEDLE_NOT_FOUND, () -> volume.read(12, 5));
            assertError(ErrorCode.NEEDLE_NOT_FOUND, () -> volume.read(11, 5));
            assertThat(volume.delete(10, 6)).isFalse();
            assertThat(volume.delete(12, 5)).isFalse();
            assertThat(volume.delete(11, 5)).isFalse();
            assertThat(volume.read(10, 5)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void overwriteWithSameCookieReplacesAndAnotherCookieConflicts() throws IOException {
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            volume.append(1, 9, ByteBuffer.wrap(VolumeModel.bytes(1, 100)));
            volume.append(1, 9, ByteBuffer.wrap(VolumeModel.bytes(2, 50)));
            assertError(ErrorCode.KEY_CONFLICT, () -> volume.append(1, 8, ByteBuffer.wrap(new byte[1])));
            assertThat(volume.read(1, 9)).isEqualTo(VolumeModel.bytes(2, 50));
            VolumeStats stats = volume.stats();
            assertThat(stats.needles()).isEqualTo(1);
            assertThat(stats.liveBytes()).isEqualTo(50);
            assertThat(stats.deletedNeedles()).isEqualTo(1);
            assertThat(stats.garbageBytes()).isEqualTo(NeedleFormat.needleLength(100));
            // Once deleted, the key is free for any cookie.
            assertThat(volume.delete(1, 9)).isTrue();
            volume.append(1, 8, ByteBuffer.wrap(VolumeModel.bytes(3, 10)));
            assertThat(volume.read(1, 8)).isEqualTo(VolumeModel.bytes(3, 10));
        }
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            assertThat(volume.read(1, 8)).isEqualTo(VolumeModel.bytes(3, 10));
            assertThat(volume.size(1, 9)).isEmpty();
            VolumeStats stats = volume.stats();
            assertThat(stats.needles()).isEqualTo(1);
            assertThat(stats.liveBytes()).isEqualTo(10);
            assertThat(stats.deletedNeedles()).isEqualTo(2);
            assertThat(stats.garbageBytes()).isEqualTo(NeedleFormat.needleLength(100) + NeedleFormat.needleLength(50));
            assertThat(stats.size()).isEqualTo(SuperBlock.SIZE + NeedleFormat.needleLength(100)
                    + NeedleFormat.needleLength(50) + NeedleFormat.needleLength(10));
            assertThat(stats.garbageRatio()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void batchIsWrittenWholeOrRefusedWhole() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            model.append(volume, 1, 10);
            List<NeedleWrite> conflicting = List.of(
                    new NeedleWrite(2, 2, ByteBuffer.wrap(new byte[5])),
                    new NeedleWrite(1, 12345, ByteBuffer.wrap(new byte[5])));
            long sizeBefore = volume.stats().size();
            assertError(ErrorCode.KEY_CONFLICT, () -> volume.appendAll(conflicting));
            assertError(ErrorCode.KEY_CONFLICT, () -> volume.appendAll(List.of(
                    new NeedleWrite(3, 1, ByteBuffer.wrap(new byte[5])), new NeedleWrite(3, 2, ByteBuffer.wrap(new byte[5])))));
            assertThat(volume.stats().size()).isEqualTo(sizeBefore);
            assertThat(volume.size(2, 2)).isEmpty();

            List<NeedleWrite> batch = new ArrayList<>();
            for (long key = 10; key < 20; key++) {
                batch.add(new NeedleWrite(key, VolumeModel.cookie(key), ByteBuffer.wrap(VolumeModel.bytes(key, (int) key * 3))));
            }
            // The same key twice with its cookie: the later one wins.
            batch.add(new NeedleWrite(10, VolumeModel.cookie(10), ByteBuffer.wrap(VolumeModel.bytes(99, 4))));
            volume.appendAll(batch);
            assertThat(volume.read(10, VolumeModel.cookie(10))).isEqualTo(VolumeModel.bytes(99, 4));
            assertThat(volume.read(19, VolumeModel.cookie(19))).isEqualTo(VolumeModel.bytes(19, 57));
            assertThat(volume.stats().deletedNeedles()).isEqualTo(1);
            assertThat(volume.stats().liveBytes()).isEqualTo(10 + 4 + (11 + 19) * 9 / 2 * 3);
        }
    }

    @Test
    void rangeReadsReturnExactlyTheRange() throws IOException {
        byte[] small = VolumeModel.bytes(1, 3000);
        byte[] large = VolumeModel.bytes(2, 300_000);
        try (Volume volume = Volume.open(1, dir, options(Durability.NONE))) {
            volume.append(1, 1, ByteBuffer.wrap(small));
            volume.append(2, 2, ByteBuffer.wrap(large));
            for (long[] range : new long[][] {{0, 3000}, {0, 1}, {2999, 1}, {100, 0}, {1234, 567}}) {
                assertThat(readRange(volume, 1, 1, range[0], range[1]))
                        .isEqualTo(Arrays.copyOfRange(small, (int) range[0], (int) (range[0] + range[1])));
            }
            for (long[] range : new long[][] {{0, 300_000}, {65_000, 70_000}, {299_999, 1}, {0, 1}, {131_072, 65_536}}) {
                assertThat(readRange(volume, 2, 2, range[0], range[1]))
                        .isEqualTo(Arrays.copyOfRange(large, (int) range[0], (int) (range[0] + range[1])));
            }
            assertThat(volume.read(2, 2)).isEqualTo(large);
            assertError(ErrorCode.RANGE_NOT_SATISFIABLE, () -> readRange(volume, 1, 1, 2000, 1001));
            assertError(ErrorCode.RANGE_NOT_SATISFIABLE, () -> readRange(volume, 1, 1, -1, 10));
            assertError(ErrorCode.NEEDLE_NOT_FOUND, () -> readRange(volume, 1, 2, 0, 1));
        }
    }

    static byte[] readRange(Volume volume, long key, int cookie, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = volume.read(key, cookie, offset, length, Channels.newChannel(out));
        assertThat(written).isEqualTo(out.size());
        return out.toByteArray();
    }

    @Test
    void fullVolumeRefusesAppendsTurnsReadOnlyAndStillDeletes() throws IOException {
        VolumeModel model = new VolumeModel();
        VolumeOptions small = options(Durability.FSYNC).withMaxSize(8192);
        try (Volume volume = Volume.open(1, dir, small)) {
            model.append(volume, 1, 3000);
            model.append(volume, 2, 3000);
            assertThat(volume.readOnly()).isFalse();
            assertError(ErrorCode.VOLUME_FULL, () -> model.append(volume, 3, 3000));
            assertThat(volume.readOnly()).isTrue();
            assertThat(volume.stats().readOnly()).isTrue();
            assertThat(volume.stats().free()).isLessThan(3000);
            assertError(ErrorCode.VOLUME_READ_ONLY, () -> model.append(volume, 4, 1));
            assertError(ErrorCode.PAYLOAD_TOO_LARGE, () -> volume.append(5, 1, ByteBuffer.allocate(9000)));
            model.delete(volume, 1);
            model.assertMatches(volume);
            // Compaction gives the space back and the volume takes writes again.
            volume.compact();
            assertThat(volume.readOnly()).isFalse();
            model.append(volume, 3, 3000);
            model.assertMatches(volume);
        }
    }

    @Test
    void everyDurabilityPolicyKeepsWhatWasAcknowledgedAcrossClose() throws IOException {
        for (Durability durability : Durability.values()) {
            Path volumeDir = dir.resolve(durability.name());
            VolumeModel model = new VolumeModel();
            VolumeOptions options = options(durability).withFsyncInterval(Duration.ofMillis(20));
            try (Volume volume = Volume.open(1, volumeDir, options)) {
                for (long key = 1; key <= 50; key++) {
                    model.append(volume, key, (int) key * 10);
                }
                model.delete(volume, 7);
            }
            try (Volume volume = Volume.open(1, volumeDir, options)) {
                model.assertMatches(volume);
            }
        }
    }

    @Test
    void concurrentAppendersShareFsyncs() throws Exception {
        int threads = 16;
        int perThread = 10;
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long syncsBefore = volume.committer().syncs();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long base = t * 1000L;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        model.append(volume, base + i, 1024);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            long syncs = volume.committer().syncs() - syncsBefore;
            // Every append returned after an fsync covered it, and they shared them: far fewer than one each.
            assertThat(syncs).isPositive().isLessThan(threads * perThread / 2);
            model.assertMatches(volume);
        }
    }

    @Test
    void readsRunConcurrentlyWithAppendsAndDeletes() throws Exception {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, options(Durability.NONE));
             ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (long key = 0; key < 200; key++) {
                model.append(volume, key, 500 + (int) key);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Future<Long> reader = pool.submit(() -> {
                long reads = 0;
                while (!stop.get()) {
                    for (long key = 0; key < 200; key += 7) {
                        assertThat(volume.read(key, VolumeModel.cookie(key))).isEqualTo(VolumeModel.bytes(key, 500 + (int) key));
                        reads++;
                    }
                }
                return reads;
            });
            Future<?> writer = pool.submit(() -> {
                for (long key = 1000; key < 3000; key++) {
                    model.append(volume, key, 700);
                    if (key % 3 == 0) {
                        model.delete(volume, key);
                    }
                }
                return null;
            });
            writer.get();
            stop.set(true);
            assertThat(reader.get()).isPositive();
            model.assertMatches(volume);
        }
    }

    @Test
    void anInterruptedCallerDoesNotBreakTheVolumeForOthers() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            model.append(volume, 1, 100);
            // NIO closes a file channel used by an interrupted thread; the volume must shrug that off.
            Thread.currentThread().interrupt();
            try {
                model.append(volume, 2, 100);
                assertThat(volume.read(1, VolumeModel.cookie(1))).isEqualTo(VolumeModel.bytes(1, 100));
                model.delete(volume, 1);
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            model.append(volume, 3, 100);
            model.assertMatches(volume);
            assertThat(volume.readOnly()).isFalse();
        }
        try (Volume volume = Volume.open(1, dir, options(Durability.FSYNC))) {
            model.assertMatches(volume);
        }
    }

    @Test
    void inputIsValidated() throws IOException {
        assertThatThrownBy(() -> VolumeOptions.defaults().withMaxSize(VolumeOptions.MAX_VOLUME_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VolumeOptions.defaults().withFsyncInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Volume.open(-1, dir, VolumeOptions.defaults())).isInstanceOf(IllegalArgumentException.class);
        try (Volume volume = Volume.open(1, dir, options(Durability.NONE))) {
            volume.append(1, 1, ByteBuffer.wrap(new byte[10]));
            assertError(ErrorCode.RANGE_NOT_SATISFIABLE, () -> readRange(volume, 1, 1, 5, -1));
        }
        Volume closed = Volume.open(2, dir, options(Durability.NONE));
        closed.close();
        assertThat(closed.readOnly()).isTrue();
        assertError(ErrorCode.VOLUME_NOT_FOUND, () -> closed.read(1, 1));
    }
}
