package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * Needle I/O against one store (the store's {@code /upload} and {@code /get}, docs/CONTRACTS.md). Every
 * failure is an {@link IOException}; a {@link ReplicaFailure} carries the store's HTTP status when it
 * answered. Implementations are thread-safe.
 */
public interface ReplicaClient {

    /** Writes a whole needle; returns only when the store acknowledged it as durable. */
    void write(String store, NeedleRef needle, byte[] data, int length) throws IOException;

    /**
     * Opens bytes {@code [offset, offset + length)} of a needle. The caller reads exactly {@code length}
     * bytes and closes the stream; a stream that ends early means the store failed mid-way.
     */
    InputStream read(String store, NeedleRef needle, long offset, long length) throws IOException;

    /**
     * Asks the store to repair its replica of a needle from another replica (its management port's
     * {@code /admin/repair_needle}); returns whether it was damaged and is repaired now.
     */
    boolean requestRepair(String store, NeedleRef needle) throws IOException;

    /** True when the store answers its health check ({@code /ping}) quickly; never throws. */
    boolean ping(String store);

    /** A store answered with an error status (or an unusable answer, status 0). */
    final class ReplicaFailure extends IOException {
        private final int status;

        public ReplicaFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean notFound() {
            return status == 404;
        }
    }
}
