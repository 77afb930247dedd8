package io.xfs.bench.jmh.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * The baseline for group commit: an append-only file where every writer appends its record and
 * fdatasyncs under one lock before returning (what a store without group commit does). Run at the
 * same {@code -t} as {@link VolumeAppendBenchmark}; its throughput at {@code -t 1} is also the cost of
 * one fsync on this disk (1 / ops per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FsyncPerWriteBenchmark {
    @Param("1024")
    public int size;

    private final ReentrantLock lock = new ReentrantLock();
    private Path dir;
    private FileChannel channel;
    private ByteBuffer record;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = BenchVolumes.freshDir("fsync-per-write");
        Files.createDirectories(dir);
        channel = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        // Same bytes per write as a 1 KiB needle (header, data, footer, padding).
        record = BenchVolumes.payload((size + 29 + 7) & -8);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        channel.close();
        BenchVolumes.deleteRecursively(dir);
    }

    @Benchmark
    public void appendAndFsync() throws IOException {
        lock.lock();
        try {
            ByteBuffer bytes = record.duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } finally {
            lock.unlock();
        }
    }
}
