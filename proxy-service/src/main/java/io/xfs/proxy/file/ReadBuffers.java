package io.xfs.proxy.file;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The memory budget for needles held until verified (docs/operations.md, "Read verification"): a read of
 * a needle range above {@link FileReader}'s streaming size takes a buffer of that many bytes from here,
 * fills it from one replica, and sends it only once the replica's answer ended complete (the store checked
 * the needle's CRC). A read that cannot get its bytes within the wait fails with {@link ErrorCode#PROXY_BUSY}
 * before anything was sent. A range larger than the whole budget is granted the whole budget's worth of
 * accounting once nothing else holds any, so that it can still be served, alone. Thread-safe.
 */
final class ReadBuffers {
    private final long capacity;
    private final long waitNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private long available;

    ReadBuffers(long capacityBytes, Duration wait) {
        if (capacityBytes < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("the read buffer budget must be positive and the wait not negative");
        }
        this.capacity = capacityBytes;
        this.available = capacityBytes;
        this.waitNanos = wait.toNanos();
    }

    /**
     * A buffer of {@code bytes}, counted against the budget until the lease is closed.
     *
     * @throws XfsException {@link ErrorCode#PROXY_BUSY} when the budget stayed short for the whole wait
     */
    Lease acquire(int bytes) {
        long counted = Math.min(bytes, capacity);
        long deadline = System.nanoTime() + waitNanos;
        lock.lock();
        try {
            while (available < counted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new XfsException(ErrorCode.PROXY_BUSY, "the proxy holds " + (capacity - available)
                            + " of its " + capacity + " bytes of read buffers (xfs.proxy.read-buffer-budget) and "
                            + bytes + " more did not free up within " + Duration.ofNanos(waitNanos)
                            + " (xfs.proxy.read-buffer-wait): retry later");
                }
                released.awaitNanos(left);
            }
            available -= counted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.PROXY_BUSY, "interrupted while waiting for a read buffer");
        } finally {
            lock.unlock();
        }
        try {
            return new Lease(new byte[bytes], counted);
        } catch (OutOfMemoryError e) {
            release(counted);
            throw e;
        }
    }

    /** Bytes of the budget not lent out now. */
    long available() {
        lock.lock();
        try {
            return available;
        } finally {
            lock.unlock();
        }
    }

    private void release(long bytes) {
        lock.lock();
        try {
            available += bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One buffer lent from the budget; closing it (once, more closes are no-ops) gives the bytes back. */
    final class Lease implements AutoCloseable {
        private final byte[] buffer;
        private final long counted;
        private boolean closed;

        private Lease(byte[] buffer, long counted) {
            this.buffer = buffer;
            this.counted = counted;
        }

        byte[] buffer() {
            return buffer;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(counted);
            }
        }
    }
}
