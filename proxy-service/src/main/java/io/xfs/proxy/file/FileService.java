package io.xfs.proxy.file;

import io.xfs.common.directory.BucketPage;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's file operations without HTTP or Spring: store, look up, read, list and delete files of a
 * bucket. This is the facade the public path API and the token API both use. Names are paths inside the
 * bucket without a leading {@code /} (validated like {@link XfsPath}); expected failures are
 * {@link XfsException}s whose {@link ErrorCode} gives the HTTP status. Thread-safe; close it to stop the
 * replica writers.
 */
public final class FileService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    private final DirectoryClient directory;
    private final MetadataCache cache;
    private final Limits limits;
    private final ProxyCounters counters;
    private final ExecutorService executor;
    private final StoreBreakers breakers;
    private final FileWriter writer;
    private final FileReader reader;
    private final DamagedReplicas damagedReplicas;

    /**
     * @param chunkSize   files larger than this are stored as several needles
     * @param maxFileSize larger files are refused with {@link ErrorCode#PAYLOAD_TOO_LARGE}
     */
    public record Limits(int chunkSize, long maxFileSize) {
        public Limits {
            if (chunkSize < 1 || maxFileSize < 0) {
                throw new IllegalArgumentException("chunk size must be positive, max file size not negative");
            }
        }
    }

    /**
     * The memory for needles held until verified (docs/operations.md, "Read verification").
     *
     * @param bytes   how many bytes of needles the proxy's reads may hold at once
     * @param maxWait how long a read waits for its bytes before failing with {@link ErrorCode#PROXY_BUSY}
     */
    public record ReadBudget(long bytes, Duration maxWait) {
        public static final ReadBudget DEFAULT = new ReadBudget(64L * 1024 * 1024, Duration.ofSeconds(10));
    }

    /**
     * How writes survive a store that dies (docs/architecture.md "Writes when a store dies").
     *
     * @param retryBudget     how long a needle's write keeps trying other groups after a failure (at least
     *                        one retry is made)
     * @param breakerCoolDown how long a store whose breaker opened is avoided before each health check
     */
    public record WriteRetry(Duration retryBudget, Duration breakerCoolDown) {
        public static final WriteRetry DEFAULT = new WriteRetry(Duration.ofSeconds(10), Duration.ofSeconds(1));

        public WriteRetry {
            if (retryBudget.isNegative() || breakerCoolDown.isNegative()) {
                throw new IllegalArgumentException("retry budget and breaker cool-down must not be negative");
            }
        }
    }

    public FileService(DirectoryClient directory, ReplicaClient replicas, MetadataCache cache, Limits limits,
                       ProxyCounters counters) {
        this(directory, replicas, cache, limits, counters, ReadBudget.DEFAULT, WriteRetry.DEFAULT);
    }

    public FileService(DirectoryClient directory, ReplicaClient replicas, MetadataCache cache, Limits limits,
                       ProxyCounters counters, ReadBudget readBudget) {
        this(directory, replicas, cache, limits, counters, readBudget, WriteRetry.DEFAULT);
    }

    public FileService(DirectoryClient directory, ReplicaClient replicas, MetadataCache cache, Limits limits,
                       ProxyCounters counters, ReadBudget readBudget, WriteRetry writeRetry) {
        this.directory = directory;
        this.cache = cache;
        this.limits = limits;
        this.counters = counters;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("replica-write-", 0).factory());
        String reporter = "proxy-" + UUID.randomUUID();
        this.breakers = new StoreBreakers(writeRetry.breakerCoolDown(), replicas::ping, executor, System::nanoTime,
                counters, store -> executor.execute(() -> report(store, reporter)));
        this.writer = new FileWriter(directory, replicas, cache, limits, counters, executor, breakers,
                writeRetry.retryBudget());
        this.damagedReplicas = new DamagedReplicas(replicas, counters);
        this.reader = new FileReader(replicas, counters, new ReadBuffers(readBudget.bytes(), readBudget.maxWait()),
                damagedReplicas);
    }

    /**
     * Stores a file (creating or replacing it) and returns once it is visible. The body is read once, to its
     * end, and not closed. An empty {@code name} or one ending in {@code /} is completed to
     * {@code <name><sha1>.<ext>} with the extension of {@code mime}.
     *
     * @param contentLength the body's length if known (checked against the limit before reading, and
     *                      against the body), or -1
     * @throws XfsException 400 for a bad name, type or body, 413 over the size limit, 503 when no group
     *                      could take the write (nothing became visible)
     */
    public StoredFile store(String bucket, String name, String mime, InputStream body, long contentLength) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(name);
        validateMime(mime);
        return writer.store(bucket, name, mime, body, contentLength);
    }

    /** The visible version of a file (from the short-lived cache when there is one). */
    public Optional<FileInfo> info(String bucket, String name) {
        validateFileName(bucket, name);
        FileView cached = cache.get(bucket, name);
        if (cached != null) {
            return Optional.of(FileInfo.of(cached));
        }
        return lookup(bucket, name);
    }

    /** Like {@link #info} but absent is {@link ErrorCode#FILE_NOT_FOUND}. */
    public FileInfo open(String bucket, String name) {
        return info(bucket, name).orElseThrow(() -> notFound(bucket, name));
    }

    public boolean exists(String bucket, String name) {
        return info(bucket, name).isPresent();
    }

    /**
     * Writes bytes {@code [offset, offset + length)} of exactly this version of a file to {@code out}
     * ({@code length} -1: to the end). Replicas fail over, resuming at the first byte not yet written.
     *
     * @throws StaleFileException when the version vanished because the file was replaced, before any byte
     *                            was written: start over with {@link StaleFileException#current()}
     * @throws XfsException       416 for a range outside the file; 503 when no replica could serve a needle, in
     *                            which case some bytes may already be in {@code out}: a caller that sent
     *                            headers must abort its response rather than finish it
     * @throws IOException        only from {@code out} (the client went away)
     */
    public void read(FileInfo file, long offset, long length, OutputStream out) throws IOException {
        long effectiveLength = length < 0 ? Math.max(0, file.size() - offset) : length;
        try {
            reader.read(file, offset, effectiveLength, out, this::lookup);
        } finally {
            counters.reads.increment();
        }
    }

    /** Bytes of the read buffer budget not lent out now (docs/operations.md, "Read verification"). */
    long readBufferBytesFree() {
        return reader.readBufferBytesFree();
    }

    /**
     * Looks a file up and writes bytes {@code [offset, offset + length)} of it ({@code length} -1: to the
     * end), starting over once with the new version if it was replaced before any byte was written.
     *
     * @return the version that was read
     */
    public FileInfo read(String bucket, String name, long offset, long length, OutputStream out) throws IOException {
        FileInfo file = open(bucket, name);
        try {
            read(file, offset, length, out);
            return file;
        } catch (StaleFileException e) {
            read(e.current(), offset, length, out);
            return e.current();
        }
    }

    /**
     * Deletes a file, or a directory (a name ending in {@code /}) with everything below it.
     *
     * @return how many files were deleted
     * @throws XfsException 404 when there was nothing to delete
     */
    public int delete(String bucket, String name) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(name);
        if (name.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "refusing to delete the whole bucket '" + bucket
                    + "': name a file or a directory inside it");
        }
        try {
            int deleted = directory.delete(bucket, name);
            counters.deletes.add(deleted);
            return deleted;
        } finally {
            if (name.endsWith("/")) {
                cache.invalidateDirectory(bucket, name);
            } else {
                cache.invalidate(bucket, name);
            }
        }
    }

    /**
     * One page of a directory ({@code dir} is {@code ""} or ends in {@code /}): up to {@code limit} entries
     * after {@code marker} in the directory's sorted sequence, subdirectories spelled with a trailing {@code /}.
     */
    public Listing list(String bucket, String dir, int limit, @Nullable String marker) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(dir);
        if (!dir.isEmpty() && !dir.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "a directory name ends in '/': '" + dir + "'");
        }
        if (limit < 1) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "limit must be at least 1: " + limit);
        }
        return directory.list(bucket, dir, limit, marker);
    }

    /** One page of the buckets that hold files, in name order, after {@code marker}. */
    public BucketPage buckets(int limit, @Nullable String marker) {
        if (limit < 1) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "limit must be at least 1: " + limit);
        }
        return directory.buckets(limit, marker);
    }

    public Limits limits() {
        return limits;
    }

    public ProxyCounters counters() {
        return counters;
    }

    /** Tells the directory about a store whose breaker opened; best effort, the breaker works without it. */
    private void report(String store, String reporter) {
        try {
            directory.report(store, reporter);
        } catch (XfsException e) {
            log.debug("could not report store {} to the directory: {}", store, e.getMessage());
        }
    }

    /** The stores ({@code host:port}) this proxy's write breakers avoid now. */
    public List<String> openBreakers() {
        return breakers.openStores();
    }

    public MetadataCache cache() {
        return cache;
    }

    /** Asks the directory, uncached, and caches the answer (a miss is not cached). */
    private Optional<FileInfo> lookup(String bucket, String name) {
        long stamp = cache.stamp();
        Optional<FileView> view = directory.get(bucket, name);
        if (view.isPresent()) {
            cache.put(bucket, name, view.get(), stamp);
        } else {
            cache.invalidate(bucket, name);
        }
        return view.map(FileInfo::of);
    }

    private static void validateFileName(String bucket, String name) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(name);
        if (name.isEmpty() || name.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "'" + name + "' names a directory, not a file");
        }
    }

    private static void validateMime(String mime) {
        if (mime == null || mime.isBlank()) {
            throw new XfsException(ErrorCode.MISSING_CONTENT_TYPE, "a content type is required");
        }
        if (mime.length() > 255 || mime.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "content type must be at most 255 printable ASCII characters");
        }
    }

    private static XfsException notFound(String bucket, String name) {
        return new XfsException(ErrorCode.FILE_NOT_FOUND, "no file /" + bucket + "/" + name);
    }

    @Override
    public void close() {
        damagedReplicas.close();
        executor.close();
    }
}
