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
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The read path (SPEC §2): maps a byte range onto the chunks it covers and streams each piece from a random
 * readable replica, failing over to the next replica on an error, a timeout or a short answer, and resuming
 * there at the first byte not yet sent. When every replica of a needle fails, the directory is asked once
 * more, uncached. Stateless and thread-safe.
 */
final class FileReader {
    private static final int BUFFER = 64 * 1024;

    private final ReplicaClient replicas;
    private final ProxyCounters counters;

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
            position = chunkStart + from + progress.done;
            String message = progress.message;
            if (message == null) {
                chunkStart = chunkEnd;
                i++;
                continue;
            }
            if (refreshed) {
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

    /** Streams bytes {@code [from, to)} of one needle, trying every replica in turn. */
    private Progress readNeedle(FileInfo file, NeedleRef needle, long from, long to, CountingOutput out)
            throws IOException {
        List<String> stores = replicaOrder(needle.stores());
        if (stores.isEmpty()) {
            return new Progress(0, "no readable replica of needle " + StoreReplicaClient.describe(needle));
        }
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, to - from))];
        long done = 0;
        List<String> errors = new ArrayList<>();
        for (int attempt = 0; attempt < stores.size(); attempt++) {
            String store = stores.get(attempt);
            if (attempt > 0) {
                counters.readFailovers.increment();
            }
            InputStream in;
            try {
                in = replicas.read(store, needle, from + done, to - from - done);
            } catch (IOException e) {
                errors.add(describe(store, e));
                continue;
            }
            try {
                while (done < to - from) {
                    int n;
                    try {
                        n = in.read(buffer, 0, (int) Math.min(buffer.length, to - from - done));
                    } catch (IOException e) {
                        errors.add(describe(store, e) + " after " + done + " bytes");
                        break;
                    }
                    if (n < 0) {
                        errors.add(store + ": answer ended after " + done + " of " + (to - from) + " bytes");
                        break;
                    }
                    out.write(buffer, 0, n); // an IOException here is the client's: it propagates
                    done += n;
                }
            } finally {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the connection is dropped either way
                }
            }
            if (done == to - from) {
                return new Progress(done, null);
            }
        }
        return new Progress(done, "needle " + StoreReplicaClient.describe(needle) + " of /" + file.bucket()
                + "/" + file.name() + ": " + String.join("; ", errors));
    }

    private static String describe(String store, IOException e) {
        return e instanceof ReplicaClient.ReplicaFailure ? e.getMessage() : store + ": " + e;
    }

    /** A random replica first (spreads reads), then the others in their listed order. */
    private static List<String> replicaOrder(List<String> stores) {
        if (stores.size() < 2) {
            return stores;
        }
        int first = ThreadLocalRandom.current().nextInt(stores.size());
        List<String> order = new ArrayList<>(stores.size());
        for (int i = 0; i < stores.size(); i++) {
            order.add(stores.get((first + i) % stores.size()));
        }
        return order;
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
