package io.xfs.common.web;

import io.netty.buffer.ByteBuf;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A request body as a blocking stream: the event loop {@link #offer offers} the chunks Netty decodes, the
 * handler's virtual thread reads them. The queue is bounded by its {@link Connection}, which stops reading
 * from the socket above {@link #HIGH_WATER} (or when the {@link BodyBudget} is spent) and resumes once the
 * handler has read it down to {@link #LOW_WATER}. Never holds more than those bytes of a body in memory.
 */
final class BodyInput extends InputStream {
    static final long HIGH_WATER = 256 * 1024;
    static final long LOW_WATER = 64 * 1024;

    private final Connection connection;
    private final BodyBudget budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long queued;
    private long received;
    private long consumed;
    private boolean ended;
    private boolean discarding;
    private @Nullable IOException failure;
    private final boolean expectsContinue;
    private volatile boolean started;

    BodyInput(Connection connection, BodyBudget budget, boolean expectsContinue) {
        this.connection = connection;
        this.budget = budget;
        this.expectsContinue = expectsContinue;
    }

    /** Event loop: a decoded chunk (ownership passes here); answers the bytes now queued. */
    long offer(ByteBuf chunk, boolean last) {
        int n = chunk.readableBytes();
        lock.lock();
        try {
            received += n;
            ended |= last;
            if (discarding || failure != null || n == 0) {
                chunk.release();
            } else {
                chunks.add(chunk);
                queued += n;
                budget.take(n);
            }
            changed.signalAll();
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the connection broke or was cut; a waiting reader gets {@code failure}. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (failure == null && !ended) {
                failure = cause;
            }
            dropQueued();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Event loop: the codec could not decode the rest of the body (a malformed chunk): the body ends here
     * and a reader gets {@link ErrorCode#BAD_BODY} rather than the bytes so far as if they were all.
     */
    void malformed(String why) {
        lock.lock();
        try {
            if (failure == null) {
                failure = new MalformedBody(why);
            }
            ended = true;
            dropQueued();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A body the codec could not decode: the caller's fault, answered 400 if nothing was sent yet. */
    private static final class MalformedBody extends IOException {
        MalformedBody(String message) {
            super(message);
        }
    }

    /** Event loop: the answer is sent; what is queued or still arrives is dropped. */
    void discard() {
        lock.lock();
        try {
            discarding = true;
            dropQueued();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dropQueued() {
        for (ByteBuf chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
            chunk.release();
        }
        budget.release(queued);
        queued = 0;
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    long queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** True once the handler asked for the body (a {@code 100 Continue} is then due). */
    boolean started() {
        return started;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!started) {
            started = true;
            if (expectsContinue && !ended()) {
                connection.sendContinue();
            }
        }
        int n;
        long left;
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended && failure == null) {
                // The connection cuts a stalled body (minimum rate, closed socket) and wakes us through fail().
                changed.await(1, TimeUnit.SECONDS);
            }
            if (failure instanceof MalformedBody) {
                throw new XfsException(ErrorCode.BAD_BODY, failure.getMessage(), failure);
            }
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            ByteBuf head = chunks.peek();
            if (head == null) {
                return -1;
            }
            n = Math.min(length, head.readableBytes());
            head.readBytes(into, offset, n);
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            queued -= n;
            consumed += n;
            left = queued;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        } finally {
            lock.unlock();
        }
        budget.release(n);
        if (left < LOW_WATER) {
            connection.bodyDrained();
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the handler read. */
    long consumed() {
        lock.lock();
        try {
            return consumed;
        } finally {
            lock.unlock();
        }
    }
}
