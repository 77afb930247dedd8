package io.xfs.common.web;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global budget of request body bytes received but not yet consumed by handlers. While it is spent,
 * connections stop reading (their {@link Connection} registers here) and are resumed once handlers have
 * consumed a quarter of it: memory stays bounded whatever the clients send, and a handler that writes to a
 * slow disk or slow replicas slows its clients down instead of buffering them. Thread-safe.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong inFlight = new AtomicLong();
    private final Queue<Connection> waiting = new ConcurrentLinkedQueue<>();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    void take(long bytes) {
        inFlight.addAndGet(bytes);
    }

    void release(long bytes) {
        long now = inFlight.addAndGet(-bytes);
        if (now <= limit * 3 / 4 && !waiting.isEmpty()) {
            for (Connection connection = waiting.poll(); connection != null; connection = waiting.poll()) {
                connection.budgetFreed();
            }
        }
    }

    boolean spent() {
        return inFlight.get() > limit;
    }

    /** Registers a connection that paused for the budget; it is told once the budget has room again. */
    void await(Connection connection) {
        waiting.add(connection);
        if (!spent()) {
            release(0);
        }
    }

    long inFlight() {
        return inFlight.get();
    }
}
