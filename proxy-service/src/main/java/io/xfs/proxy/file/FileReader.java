package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The read path (SPEC §2): maps a byte range onto the chunks it covers and streams each piece from a random
 * readable replica, failing over to the next replica on an error, a timeout or a short answer (which must
 * agree with the bytes already sent). When every replica of a needle fails before sending any of it, the
 * directory is asked once more, uncached. Thread-safe; its only state is which stores failed recently.
 */
final class FileReader {
    private static final int BUFFER = 64 * 1024;

    private final ReplicaClient replicas;
    private final ProxyCounters counters;
    private final SuspectReplicas suspects = new SuspectReplicas();

    FileReader(ReplicaClient replicas, ProxyCounters counters) {
        this.replicas = replicas;
        this.counters = counters;
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
            Progress progress = readNeedle(current, chunk, from, to, out);
            String message = progress.message;
            if (message == null) {
                position = chunkStart + to;
                chunkStart = chunkEnd;
                i++;
                continue;
            }
            if (refreshed || progress.done > 0) {
                // Part of this needle is out already: another attempt would have to match it, and the
                // replicas just failed to. The caller aborts its answer.
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

    private XfsException unavailable(FileInfo file, String message) {
        counters.readFailures.increment();
        return new XfsException(ErrorCode.STORE_UNAVAILABLE,
                "reading /" + file.bucket() + "/" + file.name() + " failed: " + message);
    }

    /** {@code done} bytes of the needle range were sent; {@code message} says why not all, null when all were. */
    private record Progress(long done, @Nullable String message) {
    }

    /**
     * Streams bytes {@code [from, to)} of one needle, trying every replica in turn. A store checks a needle's
     * CRC as it streams and holds back the last byte until it matched, so only a stream that ends complete
     * is known good. When a replica fails part-way, the bytes already sent may be the corrupt ones: the next
     * replica is read from {@code from} again and its first bytes must match (CRC32C) what was sent before
     * the rest is passed on; if they differ, the read fails rather than complete a corrupt file.
     */
    private Progress readNeedle(FileInfo file, NeedleRef needle, long from, long to, CountingOutput out)
            throws IOException {
        List<String> stores = suspects.order(needle);
        if (stores.isEmpty()) {
            return new Progress(0, "no readable replica of needle " + StoreReplicaClient.describe(needle));
        }
        long length = to - from;
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        CRC32C sent = new CRC32C();
        long done = 0;
        List<String> errors = new ArrayList<>();
        for (int attempt = 0; attempt < stores.size(); attempt++) {
            String store = stores.get(attempt);
            if (attempt > 0) {
                counters.readFailovers.increment();
            }
            InputStream in;
            try {
                in = replicas.read(store, needle, from, length);
            } catch (IOException e) {
                errors.add(describe(store, e));
                suspects.failed(store, needle, e);
                continue;
            }
            long sentBefore = done;
            long sentCrc = sent.getValue();
            CRC32C again = new CRC32C();
            long position = 0;
            try {
                while (position < length) {
                    int n;
                    try {
                        n = in.read(buffer, 0, (int) Math.min(buffer.length, length - position));
                    } catch (IOException e) {
                        errors.add(describe(store, e) + " after " + position + " bytes");
                        suspects.failed(store, needle, e);
                        break;
                    }
                    if (n < 0) {
                        errors.add(store + ": answer ended after " + position + " of " + length + " bytes");
                        suspects.failed(store, needle, null);
                        break;
                    }
                    int repeated = (int) Math.min(n, Math.max(0, sentBefore - position));
                    if (repeated > 0) {
                        again.update(buffer, 0, repeated);
                        if (position + repeated == sentBefore && again.getValue() != sentCrc) {
                            counters.readFailures.increment();
                            throw new XfsException(ErrorCode.CORRUPT_DATA, "needle "
                                    + StoreReplicaClient.describe(needle) + " of /" + file.bucket() + "/" + file.name()
                                    + ": the " + sentBefore + " bytes sent before a replica failed differ from " + store
                                    + "'s (" + String.join("; ", errors) + ")");
                        }
                    }
                    if (n > repeated) {
                        out.write(buffer, repeated, n - repeated); // an IOException here is the client's
                        sent.update(buffer, repeated, n - repeated);
                        done += n - repeated;
                    }
                    position += n;
                }
            } finally {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the connection is dropped either way
                }
            }
            if (position == length) {
                return new Progress(done, null);
            }
        }
        return new Progress(done, "needle " + StoreReplicaClient.describe(needle) + " of /" + file.bucket()
                + "/" + file.name() + ": " + String.join("; ", errors));
    }

    private static String describe(String store, IOException e) {
        return e instanceof ReplicaClient.ReplicaFailure ? e.getMessage() : store + ": " + e;
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
