package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Heap that an open volume of 10 M needles holds (its in-memory index), measured as the heap in use after
 * full GCs with the volume open minus before it was opened, printed per invocation as "RAM per needle";
 * the benchmark's own score is the open time at 10 M. Needles are empty (32 bytes on disk each) so that
 * the file stays at 320 MB; the index does not depend on needle size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class VolumeRamBenchmark {
    @Param("10000000")
    public int needles;

    private Path dir;
    private long heapBefore;
    private Volume volume;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchVolumes.ROOT.resolve("ram-" + needles);
        BenchVolumes.ensureFilled(dir, needles, 0);
    }

    private long cpuBefore;

    @Setup(Level.Invocation)
    public void measureBefore() {
        heapBefore = BenchVolumes.usedHeapAfterGc();
        cpuBefore = BenchVolumes.threadCpuNanos();
    }

    @Benchmark
    public Volume open() throws IOException {
        volume = Volume.open(1, dir, BenchVolumes.options(Durability.FSYNC));
        return volume;
    }

    @TearDown(Level.Invocation)
    public void measureAfter() throws IOException {
        long cpu = BenchVolumes.threadCpuNanos() - cpuBefore;
        long held = BenchVolumes.usedHeapAfterGc() - heapBefore;
        long count = volume.stats().needles();
        System.out.printf("%nRAM per needle: %d bytes of heap for %d needles = %.2f B/needle (open CPU %d ms)%n", held,
                count, (double) held / count, cpu / 1_000_000);
        volume.close();
        volume = null;
    }
}
