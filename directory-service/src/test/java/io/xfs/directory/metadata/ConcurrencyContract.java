package io.xfs.directory.metadata;

import static io.xfs.directory.metadata.MetadataLedger.NOW;
import static io.xfs.directory.metadata.MetadataLedger.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The races of the metadata contract, run with real threads against the store and judged by the
 * ledger's invariants afterwards (counts equal references, every released needle in garbage exactly
 * once, nothing referenced in garbage). Mixed into {@link MetadataStoreContractTest}.
 */
public interface ConcurrencyContract {

    MetadataStore store();

    MetadataLedger ledger();

    String RACE_BUCKET = "race";

    @Test
    default void concurrentCommitsToOnePathLeaveOneCommittedVersionAndNoLeaks() throws Exception {
        int threads = 8;
        int perThread = 25;
        ConcurrentLinkedQueue<FileView> committed = new ConcurrentLinkedQueue<>();
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                // Six contents over 200 commits: identical re-uploads interleave with different ones.
                committed.add(ledger().upload(RACE_BUCKET, "one/path", "version " + (t * perThread + i) % 6));
            }
        });
        assertThat(committed).hasSize(threads * perThread);
        FileView visible = store().get(RACE_BUCKET, "one/path").orElseThrow();
        assertThat(visible).isIn(committed);
        assertThat(store().findContent(RACE_BUCKET, visible.sha256(), visible.size()).orElseThrow().refs()).isEqualTo(1);
        ledger().assertConsistent();
    }

    @Test
    default void concurrentDedupCommitsAndDeletesCountEveryReference() throws Exception {
        runConcurrently(6, t -> {
            for (int i = 0; i < 30; i++) {
                String name = "p" + (i % 10);
                String content = "shared " + ((t + i) % 3);
                if (i % 4 == 3) {
                    store().delete(RACE_BUCKET, name);
                    continue;
                }
                try {
                    ledger().uploadWithDedup(RACE_BUCKET, name, content);
                } catch (XfsException e) {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTENT_VANISHED);
                    ledger().upload(RACE_BUCKET, name, content); // the proxy starts over, writing the bytes
                }
            }
        });
        ledger().assertConsistent();
    }

    @Test
    default void deleteRacingADedupCommitNeverLeavesADanglingFile() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        int rounds = 60;
        List<Boolean> dedupWon = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String content = "raced " + round;
            String original = "orig/" + round;
            String copy = "copy/" + round;
            FileView stored = ledger().upload(RACE_BUCKET, original, content);
            // /upload answered "dedup" before the delete: the proxy commits without writing.
            assertThat(store().findContent(RACE_BUCKET, sha256(content), stored.size())).isPresent();
            boolean[] committed = new boolean[1];
            runConcurrently(2, t -> {
                start.await(10, TimeUnit.SECONDS);
                if (t == 0) {
                    assertThat(store().delete(RACE_BUCKET, original)).isTrue();
                } else {
                    try {
                        store().commit(ledger().dedupRequest(RACE_BUCKET, copy, content), NOW);
                        committed[0] = true;
                    } catch (XfsException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTENT_VANISHED);
                    }
                }
            });
            GarbageNeedle needle = MetadataLedger.needle(stored.chunks().getFirst());
            if (committed[0]) {
                assertThat(store().get(RACE_BUCKET, copy).orElseThrow().chunks()).isEqualTo(stored.chunks());
                assertThat(store().findContent(RACE_BUCKET, sha256(content), stored.size()).orElseThrow().refs())
                        .isEqualTo(1);
                assertThat(ledger().allGarbage()).doesNotContain(needle);
            } else {
                assertThat(store().get(RACE_BUCKET, copy)).isEmpty();
                assertThat(store().findContent(RACE_BUCKET, sha256(content), stored.size())).isEmpty();
                assertThat(ledger().allGarbage()).contains(needle);
            }
            dedupWon.add(committed[0]);
        }
        assertThat(dedupWon).hasSize(rounds);
        ledger().assertConsistent();
    }

    @Test
    default void commitRacingPlacementExpiryEitherCommitsOrReaps() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 40; round++) {
            String name = "exp/" + round;
            NeedleRef needle = ledger().place(RACE_BUCKET, 4, NOW + 1);
            runConcurrently(2, t -> {
                start.await(10, TimeUnit.SECONDS);
                if (t == 0) {
                    store().expirePlacements(NOW + 1, 100);
                } else {
                    try {
                        store().commit(ledger().request(RACE_BUCKET, name, "data", List.of(needle)), NOW);
                    } catch (XfsException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.PLACEMENT_EXPIRED);
                    }
                }
            });
        }
        // Each needle ended up either in a file or in garbage, never both.
        ledger().assertConsistent();
    }

    /** A task run on {@code n} threads at once; {@code thread} is 0..n-1. */
    @FunctionalInterface
    interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads and rethrows the first failure. */
    static void runConcurrently(int threads, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
