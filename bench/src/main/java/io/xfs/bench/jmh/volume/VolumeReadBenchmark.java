package io.xfs.bench.jmh.volume;

import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
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
 * Random reads of 1 KiB needles from the page cache (the volume is small enough to stay cached), run
 * with {@code -t 1} and {@code -t 2}: whole-needle reads into a byte[], streamed reads into a channel
 * (the store's path: direct buffer, no heap copy), and the baseline of a bare 1 KiB pread at the same
 * offsets without index lookup or CRC.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VolumeReadBenchmark {
    /** Header 21 + data 1024 + footer 8, padded to 8. */
    private static final int NEEDLE_LENGTH = 1056;

    @Param("100000")
    public int needles;

    private Volume volume;
    private FileChannel raw;

    @State(Scope.Thread)
    public static class Reader {
        final SplittableRandom random = new SplittableRandom();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1024);
        public final WritableByteChannel sink = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
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
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path dir = BenchVolumes.ROOT.resolve("read-" + needles);
        BenchVolumes.ensureFilled(dir, needles, 1024);
        volume = Volume.open(1, dir, BenchVolumes.options(Durability.FSYNC));
        raw = FileChannel.open(dir.resolve("0000000001.dat"), StandardOpenOption.READ);
        // Warm the page cache.
        for (long key = 1; key <= needles; key++) {
            volume.read(key, BenchVolumes.cookie(key));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        raw.close();
        volume.close();
    }

    @Benchmark
    public byte[] readBytes(Reader reader) throws IOException {
        long key = 1 + reader.random.nextInt(needles);
        return volume.read(key, BenchVolumes.cookie(key));
    }

    @Benchmark
    public long readToChannel(Reader reader) throws IOException {
        long key = 1 + reader.random.nextInt(needles);
        return volume.read(key, BenchVolumes.cookie(key), 0, 1024, reader.sink);
    }

    @Benchmark
    public int preadBaseline(Reader reader) throws IOException {
        long index = reader.random.nextInt(needles);
        reader.buffer.clear();
        return raw.read(reader.buffer, 8 + index * NEEDLE_LENGTH + 21);
    }
}
