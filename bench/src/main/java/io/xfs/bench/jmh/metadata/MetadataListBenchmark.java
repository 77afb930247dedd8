package io.xfs.bench.jmh.metadata;

import io.xfs.common.directory.Listing;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Time to list one page of {@code PAGE} entries at a random position of a directory of
 * {@code entries} entries: all files ({@code kind=files}), or all subdirectories with a file each
 * ({@code kind=subdirs}, where the scan seeks past every subtree). Baseline in the same run: a bare
 * RocksDB iterator reading {@code PAGE} consecutive keys of a database of as many keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MetadataListBenchmark {
    private static final int PAGE = 1000;

    @Param("100000")
    public int entries;

    @Param({"files", "subdirs"})
    public String kind;

    private Path dir;
    private RocksDbMetadataStore store;
    private String[] markers;
    private BareRocksDb raw;

    @Setup(Level.Trial)
    public void load() throws RocksDBException {
        dir = BenchFiles.tempDir("list");
        Path meta = dir.resolve("meta");
        boolean subdirs = kind.equals("subdirs");
        try (RocksDbMetadataStore loading = RocksDbMetadataStore.open(meta, Durability.NO_SYNC)) {
            for (int i = 0; i < entries; i++) {
                String entry = String.format("%08d", i);
                BenchFiles.upload(loading, MetadataCommitBenchmark.BUCKET,
                        "big/" + entry + (subdirs ? "/file" : ""), i + 1);
            }
        }
        store = RocksDbMetadataStore.open(meta);
        // Page p starts after the last entry of page p-1 (entry names sort as their numbers).
        markers = new String[entries / PAGE];
        for (int p = 1; p < markers.length; p++) {
            markers[p] = String.format("%08d", p * PAGE - 1) + (subdirs ? "/" : "");
        }
        raw = BareRocksDb.open(dir.resolve("raw")).load(entries, MetadataListBenchmark::rawKey);
    }

    @TearDown(Level.Trial)
    public void close() {
        BenchFiles.closeAndDelete(store, raw, dir);
    }

    @Benchmark
    public Listing listPage() {
        int page = ThreadLocalRandom.current().nextInt(markers.length);
        Listing listing = store.list(MetadataCommitBenchmark.BUCKET, "big/", markers[page], PAGE);
        if (listing.files().size() + listing.subdirs().size() != PAGE) {
            throw new IllegalStateException("short page " + page);
        }
        return listing;
    }

    @Benchmark
    public int baselineScan() {
        return raw.scan(rawKey(ThreadLocalRandom.current().nextInt(markers.length) * PAGE), PAGE);
    }

    private static byte[] rawKey(int i) {
        return String.format("big/%08d", i).getBytes(StandardCharsets.US_ASCII);
    }
}
