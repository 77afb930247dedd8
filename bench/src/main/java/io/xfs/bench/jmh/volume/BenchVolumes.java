package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.NeedleWrite;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Volumes for the benchmarks: where they live, how they are filled, and heap measurement. */
final class BenchVolumes {
    /** Benchmark data lives under the bench module's target directory (same disk as the checkout). */
    static final Path ROOT = Paths.get(System.getProperty("xfs.bench.dir", "bench/target/jmh-volumes")).toAbsolutePath();

    private BenchVolumes() {
    }

    static VolumeOptions options(Durability durability) {
        return VolumeOptions.defaults().withDurability(durability);
    }

    static Path freshDir(String name) {
        Path dir = ROOT.resolve(name);
        deleteRecursively(dir);
        return dir;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int cookie(long key) {
        return (int) (key * 0x9E3779B9L) | 1;
    }

    static ByteBuffer payload(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Appends needles with keys 1..count of {@code size} bytes, in batches, without fsync. */
    static void fill(Volume volume, long count, int size) throws IOException {
        ByteBuffer data = payload(size);
        List<NeedleWrite> batch = new ArrayList<>();
        for (long key = 1; key <= count; key++) {
            batch.add(new NeedleWrite(key, cookie(key), data));
            if (batch.size() == 10_000 || key == count) {
                volume.appendAll(batch);
                batch.clear();
            }
        }
    }

    /** A volume of {@code count} needles in {@code dir}, created once and kept for later runs. */
    static void ensureFilled(Path dir, long count, int size) throws IOException {
        Path marker = dir.resolve("filled-" + count + "x" + size);
        if (Files.exists(marker)) {
            return;
        }
        deleteRecursively(dir);
        try (Volume volume = Volume.open(1, dir, options(Durability.NONE))) {
            fill(volume, count, size);
        }
        Files.createFile(marker);
    }

    /** CPU time the calling thread has used. */
    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Heap in use after full collections (the figure settles after a few). */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
