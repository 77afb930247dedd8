package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeStats;
import java.io.IOException;
import java.nio.file.Files;
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
 * Time to open (recover) a volume of {@code needles} 1 KiB needles: with its index file (the normal
 * restart), and without it (rebuilt by scanning the whole volume). The files stay in the page cache
 * between runs, so this measures the engine, not the disk. Each invocation also prints the CPU time the
 * opening thread used, which a busy shared machine distorts less than the wall time JMH scores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class VolumeReopenBenchmark {
    @Param("1000000")
    public int needles;

    @Param({"present", "missing"})
    public String index;

    private Path dir;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchVolumes.ROOT.resolve("reopen-" + needles);
        BenchVolumes.ensureFilled(dir, needles, 1024);
    }

    private long cpuBefore;

    @Setup(Level.Invocation)
    public void maybeDropIndex() throws IOException {
        if (index.equals("missing")) {
            Files.deleteIfExists(dir.resolve("0000000001.idx"));
        }
        cpuBefore = BenchVolumes.threadCpuNanos();
    }

    @TearDown(Level.Invocation)
    public void printCpu() {
        System.out.printf("%nreopen CPU: %d ms%n", (BenchVolumes.threadCpuNanos() - cpuBefore) / 1_000_000);
    }

    @Benchmark
    public VolumeStats reopen() throws IOException {
        try (Volume volume = Volume.open(1, dir, BenchVolumes.options(Durability.FSYNC))) {
            VolumeStats stats = volume.stats();
            if (stats.needles() != needles) {
                throw new IllegalStateException("reopened " + stats.needles() + " needles, expected " + needles);
            }
            return stats;
        }
    }
}
