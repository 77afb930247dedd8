package io.xfs.bench.jmh.metadata;

import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.RocksDBException;

/**
 * Durable commits per second on the RocksDB metadata store (every write {@code sync=true}), against a
 * baseline in the same run: a bare RocksDB put of a file-record-sized value with {@code sync=true}.
 * {@code upload} is what one new file costs the directory (record the placement, then commit: two
 * durable writes); {@code commitDedup} is a commit alone (one durable write). Run with {@code -t 1}
 * and {@code -t 16}: concurrent writers share WAL syncs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MetadataCommitBenchmark {
    static final String BUCKET = "bench";
    /** Contents that the dedup commits reference, one per thread, so threads do not share a record. */
    private static final long DEDUP_CONTENT_BASE = 1L << 40;

    private Path dir;
    private RocksDbMetadataStore store;
    private BareRocksDb raw;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong threads = new AtomicLong();

    @Setup(Level.Trial)
    public void open() {
        dir = BenchFiles.tempDir("commit");
        store = RocksDbMetadataStore.open(dir.resolve("meta"));
        raw = BareRocksDb.open(dir.resolve("raw"));
    }

    @TearDown(Level.Trial)
    public void close() {
        BenchFiles.closeAndDelete(store, raw, dir);
    }

    /** Each thread's own content, uploaded once before it starts committing references to it. */
    @State(Scope.Thread)
    public static class ThreadContent {
        long content;

        @Setup(Level.Trial)
        public void upload(MetadataCommitBenchmark bench) {
            content = DEDUP_CONTENT_BASE + bench.threads.incrementAndGet();
            BenchFiles.upload(bench.store, BUCKET, "seed/" + content, content);
        }
    }

    @Benchmark
    public void upload() {
        long n = next.incrementAndGet();
        BenchFiles.upload(store, BUCKET, "u/" + n, n);
    }

    @Benchmark
    public void commitDedup(ThreadContent thread) {
        BenchFiles.commitDedup(store, BUCKET, "d/" + next.incrementAndGet(), thread.content);
    }

    @Benchmark
    public void baselineSyncPut() throws RocksDBException {
        raw.putSync(ByteBuffer.allocate(Long.BYTES).putLong(next.incrementAndGet()).array());
    }
}
