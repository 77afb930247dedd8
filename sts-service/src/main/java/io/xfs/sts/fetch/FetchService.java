package io.xfs.sts.fetch;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.sts.slot.SlotStore;
import io.xfs.sts.slot.StoreKey;
import io.xfs.sts.slot.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch-through cache: a uri's resource is downloaded once into the {@link SlotStore} and served from there
 * until its slot expires. However many callers ask for a uncached uri at once, one download runs (a
 * "single flight" per uri) and the others wait for it. A download that fails, or whose length differs from
 * the declared one, keeps nothing. Downloads run on virtual threads, at most {@code maxConcurrent} at a time.
 * Thread-safe.
 */
public final class FetchService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FetchService.class);

    private final SlotStore store;
    private final Fetcher fetcher;
    private final FetchLimits limits;
    private final Clock clock;
    private final Map<String, CompletableFuture<StoredFile>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService downloads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sts-fetch-", 0).factory());
    private final Semaphore permits;

    public FetchService(SlotStore store, Fetcher fetcher, FetchLimits limits, Clock clock) {
        this.store = store;
        this.fetcher = fetcher;
        this.limits = limits;
        this.clock = clock;
        this.permits = new Semaphore(limits.maxConcurrent());
    }

    /** Refuses a target before anything is started: {@link ErrorCode#FORBIDDEN} or {@link ErrorCode#FETCH_FAILED}. */
    public void checkTarget(URI uri) {
        fetcher.guard().check(uri.getHost(), FetchUri.port(uri));
    }

    /** The cached copy of a uri, if there is one. */
    public Optional<StoredFile> cached(URI uri) {
        return store.find(StoreKey.fetch(uri.toString()));
    }

    /**
     * The stored copy of a uri, downloading it first if needed (joining a download already running).
     *
     * @param declaredLength the length the caller expects, or -1
     * @throws XfsException {@link ErrorCode#FETCH_FAILED} with the reason, {@link ErrorCode#UPSTREAM_TIMEOUT}
     */
    public StoredFile fetch(URI uri, long declaredLength) {
        CompletableFuture<StoredFile> flight = flight(uri, declaredLength);
        StoredFile file;
        try {
            file = flight.get(limits.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XfsException failure) {
                throw failure;
            }
            throw Fetcher.failed("fetching " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new XfsException(ErrorCode.UPSTREAM_TIMEOUT, "fetching " + uri + " took longer than "
                    + limits.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.SHUTTING_DOWN, "interrupted while fetching " + uri);
        }
        if (declaredLength >= 0 && file.length() != declaredLength) {
            throw Fetcher.failed("declared length " + declaredLength + " but " + uri + " has " + file.length()
                    + " bytes", null);
        }
        return file;
    }

    /** Starts downloading a uri in the background unless it is cached or already downloading. */
    public void prefetch(URI uri, long declaredLength) {
        flight(uri, declaredLength);
    }

    /** How many downloads are running or queued. */
    public int inFlightCount() {
        return inFlight.size();
    }

    private CompletableFuture<StoredFile> flight(URI uri, long declaredLength) {
        StoreKey key = StoreKey.fetch(uri.toString());
        Optional<StoredFile> cached = store.find(key);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return inFlight.computeIfAbsent(key.fileName(), name -> {
            // A download may have finished between the look-up above and here.
            Optional<StoredFile> done = store.find(key);
            if (done.isPresent()) {
                return CompletableFuture.completedFuture(done.get());
            }
            CompletableFuture<StoredFile> flight = new CompletableFuture<>();
            downloads.execute(() -> run(uri, key, declaredLength, flight));
            return flight;
        });
    }

    private void run(URI uri, StoreKey key, long declaredLength, CompletableFuture<StoredFile> flight) {
        try {
            permits.acquire();
            try {
                StoredFile file = download(uri, key, declaredLength);
                // Leave the in-flight map only once the file is findable, so no caller starts a second download.
                inFlight.remove(key.fileName(), flight);
                flight.complete(file);
                log.debug("fetched {} ({} bytes)", uri, file.length());
            } finally {
                permits.release();
            }
        } catch (Throwable e) {
            inFlight.remove(key.fileName(), flight);
            flight.completeExceptionally(e);
            log.info("fetch of {} failed: {}", uri, e.getMessage());
        }
    }

    private StoredFile download(URI uri, StoreKey key, long declaredLength) {
        Instant deadline = clock.instant().plus(limits.timeout());
        try (OriginResponse response = fetcher.open(uri)) {
            long announced = response.contentLength();
            if (declaredLength >= 0 && announced >= 0 && announced != declaredLength) {
                throw Fetcher.failed("declared length " + declaredLength + " but the origin announced " + announced
                        + " bytes for " + uri, null);
            }
            if (announced > limits.maxLength()) {
                throw Fetcher.failed(uri + " has " + announced + " bytes, more than the limit of "
                        + limits.maxLength(), null);
            }
            InputStream body = new DeadlineInputStream(response.body(), deadline, clock);
            return store.write(key, body, declaredLength, limits.maxLength());
        } catch (XfsException e) {
            if (e.errorCode() == ErrorCode.FETCH_FAILED || e.errorCode() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            throw Fetcher.failed("fetching " + uri + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw Fetcher.failed("fetching " + uri + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        downloads.shutdownNow();
    }

    /** Fails a read once the download's deadline has passed (read timeouts bound each read, this the whole). */
    private static final class DeadlineInputStream extends InputStream {
        private final InputStream in;
        private final Instant deadline;
        private final Clock clock;

        DeadlineInputStream(InputStream in, Instant deadline, Clock clock) {
            this.in = in;
            this.deadline = deadline;
            this.clock = clock;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            return in.read(buffer, offset, length);
        }

        private void checkDeadline() throws IOException {
            if (clock.instant().isAfter(deadline)) {
                throw new IOException("download took longer than its time limit");
            }
        }
    }
}
