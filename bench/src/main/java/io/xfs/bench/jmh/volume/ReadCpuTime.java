package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * CPU time per random 1 KiB read, on the same volume as {@link VolumeReadBenchmark}: a verified
 * {@code Volume.read} into a channel against bare preads of 1 KiB and 4 KiB (the engine's first read) at
 * the same kind of offsets. CPU time of the reading thread, unlike JMH's wall-clock throughput, is
 * barely moved by other processes on a shared machine. Not a JMH benchmark: run its {@code main}.
 */
public final class ReadCpuTime {
    private static final int NEEDLES = 100_000;
    private static final int READS = 300_000;

    private ReadCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = BenchVolumes.ROOT.resolve("read-" + NEEDLES);
        BenchVolumes.ensureFilled(dir, NEEDLES, 1024);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        WritableByteChannel sink = new VolumeReadBenchmark.Reader().sink;
        try (Volume volume = Volume.open(1, dir, BenchVolumes.options(Durability.FSYNC));
             FileChannel raw = FileChannel.open(dir.resolve("0000000001.dat"), StandardOpenOption.READ)) {
            SplittableRandom random = new SplittableRandom(1);
            ByteBuffer small = ByteBuffer.allocateDirect(1024);
            ByteBuffer first = ByteBuffer.allocateDirect(4096);
            for (int round = 0; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < READS; i++) {
                    long key = 1 + random.nextInt(NEEDLES);
                    volume.read(key, BenchVolumes.cookie(key), 0, 1024, sink);
                }
                long verified = threads.getCurrentThreadCpuTime() - start;
                start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < READS; i++) {
                    small.clear();
                    raw.read(small, 8 + random.nextInt(NEEDLES) * 1056L + 21);
                }
                long pread1k = threads.getCurrentThreadCpuTime() - start;
                start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < READS; i++) {
                    first.clear();
                    raw.read(first, 8 + random.nextInt(NEEDLES) * 1056L);
                }
                long pread4k = threads.getCurrentThreadCpuTime() - start;
                System.out.printf("round %d, CPU per read: Volume.read %.2f us, pread 1 KiB %.2f us, pread 4 KiB %.2f us%n",
                        round, verified / 1e3 / READS, pread1k / 1e3 / READS, pread4k / 1e3 / READS);
            }
        }
    }
}
