package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeCompactorTest {
    @TempDir
    Path dir;

    /** 300 needles, a third deleted and a fifth overwritten: plenty of garbage. */
    private static void fillWithGarbage(Volume volume, VolumeModel model) throws IOException {
        for (long key = 1; key <= 300; key++) {
            model.append(volume, key, 200 + (int) (key % 50) * 10);
        }
        for (long key = 1; key <= 300; key += 3) {
            model.delete(volume, key);
        }
        for (long key = 2; key <= 300; key += 5) {
            model.append(volume, key, 100);
        }
    }

    private static long compactedSize(VolumeModel model) {
        return SuperBlock.SIZE + model.live().values().stream().mapToLong(n -> NeedleFormat.needleLength(n.data().length)).sum();
    }

    private List<String> fileNames(Path volumeDir) throws IOException {
        try (Stream<Path> files = Files.list(volumeDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void compactionDropsDeadNeedlesAndKeepsLiveOnesByteIdentical() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
            VolumeStats before = volume.stats();
            assertThat(before.garbageRatio()).isGreaterThan(0.3);
            volume.compact();
            VolumeStats after = volume.stats();
            assertThat(after.size()).isEqualTo(compactedSize(model)).isLessThan(before.size());
            assertThat(after.garbageBytes()).isZero();
            assertThat(after.deletedNeedles()).isZero();
            assertThat(after.needles()).isEqualTo(before.needles());
            assertThat(after.liveBytes()).isEqualTo(before.liveBytes());
            model.assertMatches(volume);
            // The volume keeps working on the new files.
            model.append(volume, 1000, 10);
            model.delete(volume, 2);
            model.assertMatches(volume);
        }
        assertThat(fileNames(dir)).containsExactly("0000000001.dat", "0000000001.idx");
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            model.assertMatches(volume);
        }
    }

    @Test
    void compactionUnderConcurrentWritersAndDeletersLosesNothing() throws Exception {
        VolumeModel model = new VolumeModel();
        LinkedBlockingQueue<Long> deletable = new LinkedBlockingQueue<>();
        AtomicLong appendedDuringCopy = new AtomicLong();
        AtomicBoolean copying = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch writersBusy = new CountDownLatch(1);
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.FSYNC));
             ExecutorService pool = Executors.newFixedThreadPool(6)) {
            fillWithGarbage(volume, model);
            long sizeBefore = volume.stats().size();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long base = 10_000L * (w + 1);
                workers.add(pool.submit(() -> {
                    for (long key = base; !stop.get() && key < base + 5000; key++) {
                        model.append(volume, key, 300);
                        if (copying.get() && appendedDuringCopy.incrementAndGet() == 40) {
                            writersBusy.countDown();
                        }
                        if (key % 2 == 0) {
                            deletable.add(key);
                        }
                    }
                    return null;
                }));
            }
            for (int d = 0; d < 2; d++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Long key = deletable.poll(10, TimeUnit.MILLISECONDS);
                        if (key != null) {
                            model.delete(volume, key);
                        }
                    }
                    return null;
                }));
            }
            // Hold the copy phase until the writers have put needles in behind it, then let it finish.
            volume.compactionListener(step -> {
                if (step == VolumeCompactor.Step.COPYING) {
                    copying.set(true);
                    try {
                        assertThat(writersBusy.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            });
            volume.compact();
            Thread.sleep(50);
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get();
            }
            assertThat(appendedDuringCopy.get()).isGreaterThanOrEqualTo(40);
            model.assertMatches(volume);
            VolumeStats stats = volume.stats();
            assertThat(stats.size()).isLessThan(sizeBefore + appendedDuringCopy.get() * NeedleFormat.needleLength(300));
            assertThat(model.deleted().size()).isGreaterThan(100);
        }
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.FSYNC))) {
            model.assertMatches(volume);
        }
    }

    @Test
    void compactionShrinksTheFile() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
        }
        long before = Files.size(dir.resolve("0000000001.dat"));
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            volume.compact();
        }
        assertThat(Files.size(dir.resolve("0000000001.dat"))).isEqualTo(compactedSize(model)).isLessThan(before * 3 / 4);
    }

    @Test
    void killDuringCompactionAtEachStepLeavesACompleteVolume() throws IOException {
        Path live = dir.resolve("live");
        VolumeModel model = new VolumeModel();
        Map<VolumeCompactor.Step, Path> snapshots = new EnumMap<>(VolumeCompactor.Step.class);
        Map<VolumeCompactor.Step, VolumeModel> expected = new EnumMap<>(VolumeCompactor.Step.class);
        long sizeBefore;
        try (Volume volume = Volume.open(1, live, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
            sizeBefore = volume.stats().size();
            volume.compactionListener(step -> {
                if (step == VolumeCompactor.Step.COPYING) {
                    // Changes that reach the old file during the copy must survive a crash at every later step.
                    model.append(volume, 5000, 64);
                    model.delete(volume, 5);
                    model.append(volume, 8, 64);
                }
                // What a kill -9 at this point leaves on disk: the files as they are now.
                Path snapshot = dir.resolve("kill-at-" + step);
                VolumeRecoveryTest.copyDir(live, snapshot);
                snapshots.put(step, snapshot);
                expected.put(step, model.copy());
            });
            volume.compact();
            model.assertMatches(volume);
        }
        assertThat(snapshots.keySet()).containsExactly(VolumeCompactor.Step.values());
        for (VolumeCompactor.Step step : VolumeCompactor.Step.values()) {
            Path snapshot = snapshots.get(step);
            try (Volume volume = Volume.open(1, snapshot, VolumeTest.options(Durability.NONE))) {
                expected.get(step).assertMatches(volume);
                boolean committed = step.compareTo(VolumeCompactor.Step.COMMITTED) >= 0;
                if (committed) {
                    assertThat(volume.stats().size()).as("after %s", step).isEqualTo(compactedSize(expected.get(step)));
                } else {
                    assertThat(volume.stats().size()).as("after %s", step).isGreaterThanOrEqualTo(sizeBefore);
                }
            }
            assertThat(fileNames(snapshot)).as("files after recovering from %s", step)
                    .containsExactly("0000000001.dat", "0000000001.idx");
        }
    }

    @Test
    void failedCompactionBeforeItsCommitPointLeavesTheVolumeAsItWas() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
            long size = volume.stats().size();
            volume.compactionListener(step -> {
                if (step == VolumeCompactor.Step.COPIED) {
                    throw new IOException("disk full (simulated)");
                }
            });
            assertThatThrownBy(volume::compact).isInstanceOf(IOException.class).hasMessageContaining("simulated");
            assertThat(volume.readOnly()).isFalse();
            assertThat(volume.stats().size()).isEqualTo(size);
            assertThat(fileNames(dir)).containsExactly("0000000001.dat", "0000000001.idx");
            model.append(volume, 777, 10);
            model.assertMatches(volume);
            volume.compactionListener(step -> { });
            volume.compact();
            model.assertMatches(volume);
        }
    }

    @Test
    void failureAfterTheCommitPointIsFinishedByReopen() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
            volume.compactionListener(step -> {
                if (step == VolumeCompactor.Step.RENAMED_DATA) {
                    throw new IOException("rename failed (simulated)");
                }
            });
            assertThatThrownBy(volume::compact).isInstanceOf(IOException.class);
            // Half-installed files on disk: the volume stops taking writes until it is reopened.
            assertThat(volume.readOnly()).isTrue();
        }
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            model.assertMatches(volume);
            assertThat(volume.stats().size()).isEqualTo(compactedSize(model));
        }
    }

    @Test
    void aReadStreamingDuringTheSwapFinishesFromTheOldFile() throws IOException {
        byte[] large = VolumeModel.bytes(100_000, 300_000);
        VolumeModel model = new VolumeModel();
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            fillWithGarbage(volume, model);
            volume.append(100_000, 9, ByteBuffer.wrap(large));
            ByteBuffer received = ByteBuffer.allocate(large.length);
            AtomicBoolean compacted = new AtomicBoolean();
            WritableByteChannel compactingSink = new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (compacted.compareAndSet(false, true)) {
                        volume.compact(); // the old file is swapped out from under this read
                    }
                    int n = src.remaining();
                    received.put(src);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
            assertThat(volume.read(100_000, 9, 0, large.length, compactingSink)).isEqualTo(large.length);
            assertThat(compacted).isTrue();
            assertThat(received.array()).isEqualTo(large);
            assertThat(volume.stats().size()).isEqualTo(compactedSize(model) + NeedleFormat.needleLength(large.length));
            assertThat(volume.read(100_000, 9)).isEqualTo(large);
        }
    }
}
