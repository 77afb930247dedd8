package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends of 1 KiB needles through {@link Volume#append}, each returning only once durable under the
 * policy. Run with {@code -t 1}, {@code -t 16}, {@code -t 64} writers; compare FSYNC with {@link
 * FsyncPerWriteBenchmark} at the same thread count for the group-commit ratio. Each iteration also
 * prints how many appends shared one fsync on average.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VolumeAppendBenchmark {
    @Param({"FSYNC", "NONE"})
    public Durability durability;

    @Param("1024")
    public int size;

    private final AtomicLong keys = new AtomicLong();
    private Path dir;
    private Volume volume;
    private ByteBuffer data;
    private long keysAtStart;
    private long fsyncsAtStart;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = BenchVolumes.freshDir("append");
        volume = Volume.open(1, dir, BenchVolumes.options(durability));
        data = BenchVolumes.payload(size);
        keysAtStart = keys.get();
        fsyncsAtStart = volume.fsyncs();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        long appends = keys.get() - keysAtStart;
        long fsyncs = volume.fsyncs() - fsyncsAtStart;
        if (fsyncs > 0) {
            System.out.printf("%nappends per fsync: %d appends / %d fsyncs = %.1f%n", appends, fsyncs, (double) appends / fsyncs);
        }
        volume.close();
        BenchVolumes.deleteRecursively(dir);
    }

    @Benchmark
    public void append() throws IOException {
        long key = keys.incrementAndGet();
        volume.append(key, BenchVolumes.cookie(key), data);
    }
}
