package io.xfs.bench.jmh.metadata;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.NeedleRef;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.PendingPlacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the metadata benchmarks share: one upload as the directory performs it (record the placement,
 * then commit), synthetic hashes, and temporary directories. Needle keys come from a counter, so every
 * upload is new content in a new file.
 */
final class BenchFiles {
    static final long NOW = 1_700_000_000_000L;
    private static final long TTL = 60_000;
    private static final long SIZE = 1000;

    private BenchFiles() {
    }

    /** Records a placement and commits {@code name} with one needle holding new content {@code n}. */
    static void upload(MetadataStore store, String bucket, String name, long n) {
        int vid = (int) (n & 0xff) + 1;
        int cookie = (int) (n * 2654435761L) | 1;
        store.recordPlacement(new PendingPlacement(bucket, vid, n, cookie, NOW + TTL));
        store.commit(new CommitRequest(bucket, name, SIZE, "image/jpeg", sha1(n), sha256(n), false,
                List.of(new NeedleRef(vid, n, cookie, SIZE))), NOW);
    }

    /** A dedup commit of {@code name}: one durable write, no placement (content {@code n} must exist). */
    static void commitDedup(MetadataStore store, String bucket, String name, long n) {
        store.commit(new CommitRequest(bucket, name, SIZE, "image/jpeg", sha1(n), sha256(n), true, List.of()), NOW);
    }

    static String sha256(long n) {
        return String.format("%064x", n);
    }

    static String sha1(long n) {
        return String.format("%040x", n);
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("xfs-jmh-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the store and the baseline, then deletes their directory. */
    static void closeAndDelete(MetadataStore store, BareRocksDb raw, Path dir) {
        store.close();
        raw.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
