package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path (SPEC §2): maps a byte range onto the chunks it covers and sends each piece from a random
 * readable replica once that replica's answer is known good, failing over to the next replica on an error,
 * a timeout or a short answer; so while one good replica of a needle exists its read succeeds, and a
 * client never receives a byte of a damaged one. When every replica of a needle fails, the directory is
 * asked once more, uncached. Thread-safe; its state is which stores failed recently.
 */
final class FileReader {
    /**
     * Ranges up to this size get a buffer of their own, outside the budget: one per request at most, as
     * much as a streaming read always held.
     */
    static final int STREAMED = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FileReader.class);

    private final ReplicaClient replicas;
    private final ProxyCounters counters;
    private final ReadBuffers buffers;
    private final DamagedReplicas damagedReplicas;
    private final SuspectReplicas suspects = new SuspectReplicas();

    FileReader(ReplicaClient replicas, ProxyCounters counters, ReadBuffers buffers, DamagedReplicas damagedReplicas) {
        this.replicas = replicas;
        this.counters = counters;
        this.buffers = buffers;
        this.damagedReplicas = damagedReplicas;
    }

    /** Asks the directory again, bypassing the cache. */
    interface Refresher {
        Optional<FileInfo> refresh(String bucket, String name);
    }

    void read(FileInfo file, long offset, long length, OutputStream target, Refresher refresher) throws IOException {
        long end = offset + length;
        if (offset < 0 || length < 0 || end > file.size()) {
            throw new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "bytes " + offset + ".." + end
                    + " are outside /" + file.bucket() + "/" + file.name() + " (" + file.size() + " bytes)");
        }
        CountingOutput out = new CountingOutput(target);
        FileInfo current = file;
        boolean refreshed = false;
        long chunkStart = 0;
        long position = offset;
        for (int i = 0; i < current.chunks().size() && position < end; ) {
            NeedleRef chunk = current.chunks().get(i);
            long chunkEnd = chunkStart + chunk.size();
            if (chunkEnd <= position) {
                chunkStart = chunkEnd;
                i++;
                continue;
            }
            long from = position - chunkStart;
            long to = Math.min(end, chunkEnd) - chunkStart;
            String message = readNeedle(current, chunk, from, to, out);
            if (message == null) {
                position = chunkStart + to;
                chunkStart = chunkEnd;
                i++;
                continue;
            }
            if (refreshed) {
                // Nothing of this needle was sent; earlier needles may have been, and then the caller aborts.
                throw unavailable(current, message);
            }
            refreshed = true;
            counters.metadataRefreshes.increment();
            Optional<FileInfo> fresh = refresher.refresh(file.bucket(), file.name());
            if (fresh.isEmpty()) {
                throw new XfsException(ErrorCode.FILE_NOT_FOUND,
                        "/" + file.bucket() + "/" + file.name() + " was deleted while it was being read");
            }
            if (!fresh.get().sameContent(current)) {
                if (out.count == 0) {
                    throw new StaleFileException(file, fresh.get());
                }
                throw unavailable(current, "the file was replaced while it was being read");
            }
            // Same needles: try again with the stores the directory names now (one may have come back).
            current = fresh.get();
        }
        counters.readBytes.add(out.count);
    }

    /** Bytes of the read buffer budget not lent out now. */
    long readBufferBytesFree() {
        return buffers.available();
    }

    private XfsException unavailable(FileInfo file, String message) {
        counters.readFailures.increment();
        return new XfsException(ErrorCode.STORE_UNAVAILABLE,
                "reading /" + file.bucket() + "/" + file.name() + " failed: " + message);
    }

    /**
     * Sends bytes {@code [from, to)} of one needle only once they are known good, trying every replica in
     * turn. A store checks the whole needle's CRC whatever range it serves: before the first byte of a
     * needle up to 64 KiB, else as it streams, holding back the range's last byte until the CRC matched
     * (docs/architecture.md). So an answer that ends complete is verified, and one that fails or ends short
     * may carry corrupt bytes: the range is read whole into a buffer (above {@link #STREAMED} bytes, one
     * lent by {@link ReadBuffers}) and sent only after the answer ended complete. A replica that answered
     * corrupt is reported ({@link DamagedReplicas}) and the next one is read; nothing of it reached the client.
     *
     * @return null when the range was sent (always whole, never in part), else why no replica could serve it
     */
    private @Nullable String readNeedle(FileInfo file, NeedleRef needle, long from, long to, CountingOutput out)
            throws IOException {
        List<String> stores = suspects.order(needle);
        if (stores.isEmpty()) {
            return "no readable replica of needle " + StoreReplicaClient.describe(needle);
        }
        int length = Math.toIntExact(to - from); // a needle is at most one chunk (xfs.chunk-size < 2 GiB)
        try (ReadBuffers.@Nullable Lease lease = length > STREAMED ? buffers.acquire(length) : null) {
            byte[] buffer = lease != null ? lease.buffer() : new byte[length];
            List<String> errors = new ArrayList<>();
            int damaged = 0;
            for (int attempt = 0; attempt < stores.size(); attempt++) {
                String store = stores.get(attempt);
                if (attempt > 0) {
                    counters.readFailovers.increment();
                }
                IOException failure = fill(store, needle, from, buffer, length);
                if (failure == null) {
                    out.write(buffer, 0, length); // an IOException here is the client's
                    return null;
                }
                errors.add(describe(store, failure));
                suspects.failed(store, needle, failure instanceof ShortAnswer ? null : failure);
                if (failure instanceof ShortAnswer || failure instanceof ReplicaClient.ReplicaFailure answered
                        && answered.status() == 500) {
                    damaged++;
                    damagedReplicas.report(store, needle);
                }
            }
            String message = "needle " + StoreReplicaClient.describe(needle) + " of /" + file.bucket() + "/"
                    + file.name() + ": " + String.join("; ", errors);
            if (damaged == stores.size()) {
                log.error("Every replica of {} failed its read as damaged; nothing was sent", message);
            }
            return message;
        }
    }

    /** Reads {@code length} bytes of the needle from {@code from} into {@code buffer}; null when complete. */
    private @Nullable IOException fill(String store, NeedleRef needle, long from, byte[] buffer, int length) {
        InputStream in;
        try {
            in = replicas.read(store, needle, from, length);
        } catch (IOException e) {
            return e;
        }
        int position = 0;
        try {
            while (position < length) {
                int n = in.read(buffer, position, length - position);
                if (n < 0) {
                    return new ShortAnswer(store + ": answer ended after " + position + " of " + length + " bytes");
                }
                position += n;
            }
            return null;
        } catch (SocketTimeoutException e) {
            return e; // a stalled store, not a damaged needle
        } catch (IOException e) {
            // Cut mid-body: the store found the needle corrupt before its last byte (or died meanwhile).
            return new ShortAnswer(store + ": answer broken off after " + position + " of " + length + " bytes ("
                    + e.getMessage() + ")");
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }

    /** A replica's answer that broke off before its end: the store refused to complete a needle, or failed. */
    private static final class ShortAnswer extends IOException {
        ShortAnswer(String message) {
            super(message);
        }
    }

    private static String describe(String store, IOException e) {
        return e instanceof ReplicaClient.ReplicaFailure || e instanceof ShortAnswer ? e.getMessage() : store + ": " + e;
    }

    private static final class CountingOutput {
        private final OutputStream out;
        private long count;

        CountingOutput(OutputStream out) {
            this.out = out;
        }

        void write(byte[] data, int offset, int length) throws IOException {
            out.write(data, offset, length);
            count += length;
        }
    }
}
