package io.xfs.proxy.file;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import io.xfs.proxy.directory.PlacementRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The write path (SPEC §2). The body is read once in chunks ({@link ChunkedBody}); a body that fits in one
 * chunk is hashed first so the directory can deduplicate it, a larger one is written chunk by chunk, each
 * chunk its own placement. Every needle goes to all replicas of its group in parallel; a failed replica
 * opens that store's breaker ({@link StoreBreakers}) and costs another placement in another group, while the
 * retry budget lasts, then 503. Only when every needle is acknowledged does the
 * directory commit the file; the proxy deletes nothing (abandoned placements are the directory's garbage).
 * Thread-safe; replica writes run on the given executor.
 */
final class FileWriter {
    /** The pause before groups that all failed are tried again. */
    private static final long ALL_FAILED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final DirectoryClient directory;
    private final ReplicaClient replicas;
    private final MetadataCache cache;
    private final FileService.Limits limits;
    private final ProxyCounters counters;
    private final ExecutorService executor;
    private final StoreBreakers breakers;
    private final long retryBudgetNanos;

    FileWriter(DirectoryClient directory, ReplicaClient replicas, MetadataCache cache, FileService.Limits limits,
               ProxyCounters counters, ExecutorService executor, StoreBreakers breakers, Duration retryBudget) {
        this.directory = directory;
        this.replicas = replicas;
        this.cache = cache;
        this.limits = limits;
        this.counters = counters;
        this.executor = executor;
        this.breakers = breakers;
        this.retryBudgetNanos = retryBudget.toNanos();
    }

    StoredFile store(String bucket, String name, String mime, InputStream body, long contentLength) {
        if (contentLength > limits.maxFileSize()) {
            throw tooLarge(contentLength);
        }
        ChunkedBody source = new ChunkedBody(body, limits.chunkSize(), limits.maxFileSize(), contentLength);
        ChunkedBody.Chunk first = source.next();
        if (first == null) {
            throw new IllegalStateException("the first chunk is never null");
        }
        StoredFile stored = source.hasMore()
                ? storeChunked(bucket, name, mime, first, source)
                : storeSingle(bucket, name, mime, first, source.finish());
        counters.uploads.increment();
        counters.uploadedBytes.add(stored.size());
        if (stored.deduplicated()) {
            counters.deduplicated.increment();
        }
        return stored;
    }

    private XfsException tooLarge(long size) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                "file of " + size + " bytes is larger than the limit of " + limits.maxFileSize() + " bytes");
    }

    /** A file of one needle: placement (maybe dedup), replicas, commit; a 409 commit starts over once. */
    private StoredFile storeSingle(String bucket, String name, String mime, ChunkedBody.Chunk data,
                                   ContentHasher.Digests digests) {
        String finalName = finalName(name, digests.sha1(), mime);
        PlacementRequest request = new PlacementRequest(bucket, finalName, digests.sha1(), digests.sha256(), mime,
                data.length(), false);
        for (int attempt = 0; ; attempt++) {
            @Nullable NeedleRef needle = writeNeedle(request, data);
            List<NeedleRef> chunks = needle == null ? List.of() : List.of(needle);
            CommitRequest commit = new CommitRequest(bucket, finalName, data.length(), mime, digests.sha1(),
                    digests.sha256(), needle == null, chunks);
            try {
                commit(commit);
                return new StoredFile(bucket, finalName, data.length(), digests.sha1(), digests.sha256(), mime,
                        needle == null);
            } catch (XfsException e) {
                if (e.errorCode().httpStatus() != 409 || attempt > 0) {
                    throw e;
                }
                counters.commitRestarts.increment();
            }
        }
    }

    /**
     * A file of several chunks. Each chunk is written before the next one is read, so one chunk is buffered.
     * The body is gone once read, so a commit answered 409 cannot start over: it is reported instead.
     */
    private StoredFile storeChunked(String bucket, String name, String mime, ChunkedBody.Chunk first,
                                    ChunkedBody source) {
        counters.chunkedUploads.increment();
        // An unnamed upload gets its final name (<sha1>.<ext>) only after its last byte; the directory
        // wants a file name on a placement (it does not keep it), so chunks of one carry a stand-in.
        String placementName = isDirectoryName(name) ? name + "unnamed-upload" : name;
        List<NeedleRef> chunks = new ArrayList<>();
        for (ChunkedBody.Chunk chunk = first; chunk != null; chunk = source.next()) {
            // Chunks skip the dedup check, so they need no hashes of their own (the file's come at the end).
            NeedleRef needle = writeNeedle(new PlacementRequest(bucket, placementName, "", "", mime,
                    chunk.length(), true), chunk);
            if (needle == null) {
                throw new XfsException(ErrorCode.INTERNAL, "the directory deduplicated a chunk of /" + bucket + "/"
                        + name + " although chunks are never deduplicated");
            }
            chunks.add(needle);
        }
        ContentHasher.Digests digests = source.finish();
        String finalName = finalName(name, digests.sha1(), mime);
        CommitRequest commit = new CommitRequest(bucket, finalName, source.total(), mime, digests.sha1(),
                digests.sha256(), false, chunks);
        FileView view;
        try {
            view = commit(commit);
        } catch (XfsException e) {
            if (e.errorCode().httpStatus() == 409) {
                throw new XfsException(e.errorCode(), "the upload of " + source.total() + " bytes to /" + bucket + "/"
                        + finalName + " took longer than the directory keeps placements; nothing was stored, "
                        + "send it again (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        boolean deduplicated = !view.chunks().isEmpty()
                && !view.chunks().getFirst().withoutStores().equals(chunks.getFirst().withoutStores());
        return new StoredFile(bucket, finalName, source.total(), digests.sha1(), digests.sha256(), mime, deduplicated);
    }

    private FileView commit(CommitRequest commit) {
        try {
            return directory.commit(commit);
        } finally {
            // Also after a failure: a commit that timed out may have been applied.
            cache.invalidate(commit.bucket(), commit.filename());
        }
    }

    /**
     * Writes one needle wherever the directory places it, avoiding stores whose breaker is open. A failed
     * group costs another placement outside the groups that failed, while the retry budget lasts (at least
     * one retry): the chunk is in memory, so nothing is lost by trying again. When every group has failed
     * once, they are tried again after a short pause (a store restarts, a breaker's check passes).
     *
     * @return the needle written, or null when the directory answered that the bucket holds the content
     */
    private @Nullable NeedleRef writeNeedle(PlacementRequest request, ChunkedBody.Chunk data) {
        long deadline = System.nanoTime() + retryBudgetNanos;
        PlacementRequest next = request;
        Failures failures = new Failures();
        for (int attempt = 0; ; attempt++) {
            Placement placement;
            try {
                placement = directory.place(next.avoiding(breakers.openStores()));
            } catch (XfsException e) {
                if (attempt == 0) {
                    throw e;
                }
                if (e.errorCode() == ErrorCode.NO_WRITABLE_GROUP && !next.excludeGroups().isEmpty()
                        && pauseWithin(deadline)) {
                    next = next.withoutExcludedGroups();
                    continue;
                }
                counters.writeFailures.increment();
                if (e.errorCode().httpStatus() == 503) {
                    throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "writing /" + request.bucket() + "/"
                            + request.filename() + " failed (" + failures + ") and no other group is writable: "
                            + e.getMessage(), e);
                }
                throw e;
            }
            if (placement.dedup()) {
                return null;
            }
            String error = writeReplicas(placement, data);
            if (error == null) {
                return placement.needle(data.length());
            }
            failures.add(placement.gid(), error);
            if (attempt > 0 && System.nanoTime() - deadline >= 0) {
                counters.writeFailures.increment();
                throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "writing /" + request.bucket() + "/"
                        + request.filename() + " failed within the retry budget of "
                        + Duration.ofNanos(retryBudgetNanos) + ": " + failures);
            }
            counters.writeRetries.increment();
            next = next.excluding(placement.gid());
        }
    }

    /** Sleeps a little before all groups are tried again; false when the budget has no room for it. */
    private static boolean pauseWithin(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            Thread.sleep(Duration.ofNanos(Math.min(left, ALL_FAILED_PAUSE_NANOS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.SHUTTING_DOWN, "interrupted while waiting to retry a write", e);
        }
        return true;
    }

    /** What failed in the attempts of one needle: the first and the last, and how many (messages stay short). */
    private static final class Failures {
        private int count;
        private String first = "";
        private String last = "";

        void add(int gid, String error) {
            String failure = "in group " + gid + ": " + error;
            if (count++ == 0) {
                first = failure;
            }
            last = failure;
        }

        @Override
        public String toString() {
            return count <= 1 ? first : count + " attempts failed, first " + first + ", last " + last;
        }
    }

    /**
     * Writes to every store of the placement in parallel (the last one on this thread, which would only wait
     * otherwise); null when all acknowledged, else what failed. Every outcome feeds the store's breaker.
     */
    private @Nullable String writeReplicas(Placement placement, ChunkedBody.Chunk data) {
        List<String> stores = placement.stores();
        if (stores.isEmpty()) {
            return "the placement names no store";
        }
        NeedleRef needle = placement.needle(data.length());
        List<Future<?>> writes = new ArrayList<>(stores.size() - 1);
        for (String store : stores.subList(0, stores.size() - 1)) {
            writes.add(executor.submit(() -> {
                replicas.write(store, needle, data.data(), data.length());
                return null;
            }));
        }
        List<String> errors = new ArrayList<>();
        String last = stores.getLast();
        try {
            replicas.write(last, needle, data.data(), data.length());
            written(last);
        } catch (IOException | RuntimeException e) {
            errors.add(failed(last, e));
        }
        for (int i = 0; i < writes.size(); i++) {
            try {
                writes.get(i).get();
                written(stores.get(i));
            } catch (ExecutionException e) {
                errors.add(failed(stores.get(i), e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XfsException(ErrorCode.SHUTTING_DOWN, "interrupted while writing replicas", e);
            }
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private void written(String store) {
        counters.needlesWritten.increment();
        breakers.succeeded(store);
    }

    private String failed(String store, Throwable cause) {
        breakers.failed(store, cause);
        return describeFailure(store, cause);
    }

    private static String describeFailure(String store, Throwable cause) {
        return cause instanceof ReplicaClient.ReplicaFailure ? cause.getMessage() : store + ": " + cause;
    }

    /** The naming rules of SPEC §3: an empty name or a directory gets {@code <sha1>.<ext>}. */
    static String finalName(String name, String sha1, String mime) {
        if (!isDirectoryName(name)) {
            return name;
        }
        return name + sha1 + "." + MimeTypes.extensionFor(mime);
    }

    static boolean isDirectoryName(String name) {
        return name.isEmpty() || name.endsWith("/");
    }
}
