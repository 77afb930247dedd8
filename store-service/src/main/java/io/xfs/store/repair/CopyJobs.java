package io.xfs.store.repair;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.CopyResult;
import io.xfs.common.store.CopyStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The copies this store runs for the directory's repair tasks ({@code POST /admin/copy_volume}): a task
 * starts a copy in the background or joins the one running for that volume, and waits a bounded time
 * for it, so that no call outlives a timeout however big the volume; the caller asks again until the
 * answer is {@code done} or {@code failed}. Tasks carry the repair lease's fencing token: a token lower
 * than one already seen for the volume is refused, so a directory that lost its lease cannot start copies.
 * Thread-safe.
 */
public final class CopyJobs implements Closeable {
    private final VolumeCopier copier;
    private final Function<String, ReplicaSource> sources;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("volume-copy-", 0).factory());
    private final Map<Integer, CompletableFuture<CopyResult>> running = new HashMap<>();
    private final Map<Integer, Long> tokens = new HashMap<>();

    public CopyJobs(VolumeCopier copier, Function<String, ReplicaSource> sources) {
        this.copier = copier;
        this.sources = sources;
    }

    /** Starts or joins the copy of {@code vid} from {@code source}, waits up to {@code wait}, and says where it stands. */
    public CopyStatus run(int vid, String source, long token, Duration wait) {
        CompletableFuture<CopyResult> job;
        synchronized (this) {
            long seen = tokens.getOrDefault(vid, Long.MIN_VALUE);
            if (token < seen) {
                throw new XfsException(ErrorCode.ALREADY_EXISTS, "volume " + vid + ": a repair with token " + seen
                        + " superseded token " + token);
            }
            tokens.put(vid, token);
            job = running.get(vid);
            if (job == null) {
                ReplicaSource replica = sources.apply(source);
                job = CompletableFuture.supplyAsync(() -> {
                    try {
                        return copier.copy(vid, replica);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, executor);
                running.put(vid, job);
            }
        }
        try {
            CopyResult result = job.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            forget(vid, job);
            return new CopyStatus(vid, CopyStatus.DONE, result, null);
        } catch (TimeoutException e) {
            return new CopyStatus(vid, CopyStatus.RUNNING, null, null);
        } catch (ExecutionException e) {
            forget(vid, job);
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            return new CopyStatus(vid, CopyStatus.FAILED, null, String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CopyStatus(vid, CopyStatus.RUNNING, null, null);
        }
    }

    private synchronized void forget(int vid, CompletableFuture<CopyResult> job) {
        running.remove(vid, job);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
