package io.xfs.store.volume;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of 64 KiB direct buffers for the read and scan paths, so that reading a needle copies
 * it once (page cache to buffer) rather than through the JDK's hidden per-thread temporary buffer, and
 * without thread-locals (requests run on virtual threads). Thread-safe.
 */
final class BufferPool {
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_POOLED = 64;
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private BufferPool() {
    }

    static ByteBuffer acquire() {
        ByteBuffer buffer = POOL.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        POOLED.decrementAndGet();
        return buffer.clear();
    }

    static void release(ByteBuffer buffer) {
        if (POOLED.incrementAndGet() <= MAX_POOLED) {
            POOL.offer(buffer);
        } else {
            POOLED.decrementAndGet();
        }
    }
}
