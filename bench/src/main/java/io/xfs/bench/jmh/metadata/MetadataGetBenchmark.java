package io.xfs.bench.jmh.metadata;

import io.xfs.common.directory.FileView;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore.Durability;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
import org.rocksdb.RocksDBException;

/**
 * Gets per second of random files among {@code files} committed ones (the directory's {@code /get}
 * without topology), against a bare RocksDB get of as many keys with values of the same size. The
 * files are loaded without sync, then the store is reopened with its default durability.
 * Run with {@code -t 1} and {@code -t 16}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MetadataGetBenchmark {
    @Param("100000")
    public int files;

    private Path dir;
    private RocksDbMetadataStore store;
    private BareRocksDb raw;

    @Setup(Level.Trial)
    public void load() throws RocksDBException {
        dir = BenchFiles.tempDir("get");
        Path meta = dir.resolve("meta");
        try (RocksDbMetadataStore loading = RocksDbMetadataStore.open(meta, Durability.NO_SYNC)) {
            for (int i = 0; i < files; i++) {
                BenchFiles.upload(loading, MetadataCommitBenchmark.BUCKET, "g/" + i, i + 1);
            }
        }
        store = RocksDbMetadataStore.open(meta);
        raw = BareRocksDb.open(dir.resolve("raw")).load(files, MetadataGetBenchmark::rawKey);
    }

    @TearDown(Level.Trial)
    public void close() {
        BenchFiles.closeAndDelete(store, raw, dir);
    }

    @Benchmark
    public Optional<FileView> get() {
        return store.get(MetadataCommitBenchmark.BUCKET, "g/" + ThreadLocalRandom.current().nextInt(files));
    }

    @Benchmark
    public byte[] baselineGet() throws RocksDBException {
        return raw.get(rawKey(ThreadLocalRandom.current().nextInt(files)));
    }

    private static byte[] rawKey(int i) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
    }
}
