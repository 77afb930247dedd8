package io.xfs.proxy.file;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * This proxy's circuit breaker per store, for writes (docs/architecture.md "Writes when a store dies"). A
 * store that fails an upload in a way that says something about the store (unreachable, reset, timed out,
 * 5xx) is <em>open</em> at once: the write path asks the directory for groups without it. After a cool-down
 * a health check of the store ({@code /ping}) runs in the background (half-open: still avoided while it
 * runs); it closes the breaker when it passes, else the next check waits another cool-down. An upload the
 * store acknowledges closes it too (the directory may still place there when nothing else has room).
 * Thread-safe.
 */
final class StoreBreakers {

    private static final class Open {
        volatile long checkAt;
        final AtomicBoolean checking = new AtomicBoolean();

        Open(long checkAt) {
            this.checkAt = checkAt;
        }
    }

    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final long coolDownNanos;
    private final Predicate<String> healthCheck;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final ProxyCounters counters;
    private final Consumer<String> onOpen;

    /**
     * @param coolDown    how long an open breaker waits before (each) health check
     * @param healthCheck true when the store at {@code host:port} answers its health check
     * @param executor    runs the health checks
     * @param counters    counts breakers opened and closed
     * @param onOpen      told the store whose breaker just opened (the proxy reports it to the directory)
     */
    StoreBreakers(Duration coolDown, Predicate<String> healthCheck, Executor executor, LongSupplier nanoClock,
                  ProxyCounters counters, Consumer<String> onOpen) {
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("cool-down must not be negative: " + coolDown);
        }
        this.coolDownNanos = coolDown.toNanos();
        this.healthCheck = healthCheck;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.counters = counters;
        this.onOpen = onOpen;
    }

    /**
     * Records a failed upload to {@code store}; true when the failure opened (or kept open) its breaker. A
     * 4xx answer (a refused key, a full volume the directory did not know of yet) says nothing about
     * the store's health and is ignored.
     */
    boolean failed(String store, Throwable failure) {
        if (!blamesStore(failure)) {
            return false;
        }
        long now = nanoClock.getAsLong();
        Open previous = open.putIfAbsent(store, new Open(now + coolDownNanos));
        if (previous == null) {
            counters.breakersOpened.increment();
            onOpen.accept(store);
        } else {
            previous.checkAt = now + coolDownNanos;
        }
        return true;
    }

    /** Records an acknowledged upload: the store takes writes, its breaker closes. */
    void succeeded(String store) {
        if (open.remove(store) != null) {
            counters.breakersClosed.increment();
        }
    }

    /**
     * The stores whose breaker is open now, to be avoided; starts the health check of those whose cool-down
     * has passed (one at a time per store).
     */
    List<String> openStores() {
        if (open.isEmpty()) {
            return List.of();
        }
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, Open> entry : open.entrySet()) {
            Open state = entry.getValue();
            if (now - state.checkAt >= 0 && state.checking.compareAndSet(false, true)) {
                executor.execute(() -> check(entry.getKey(), state));
            }
        }
        return List.copyOf(open.keySet());
    }

    private void check(String store, Open state) {
        boolean healthy;
        try {
            healthy = healthCheck.test(store);
        } catch (RuntimeException e) {
            healthy = false;
        }
        if (healthy) {
            if (open.remove(store, state)) {
                counters.breakersClosed.increment();
            }
        } else {
            state.checkAt = nanoClock.getAsLong() + coolDownNanos;
        }
        state.checking.set(false);
    }

    boolean isOpen(String store) {
        return open.containsKey(store);
    }

    /** How many breakers are open now. */
    int openCount() {
        return open.size();
    }

    /**
     * True for failures that say the store itself is in trouble: it could not be reached or answered
     * nothing in time ({@link IOException}s other than an answered status), or answered a 5xx (or an
     * unusable answer, status 0).
     */
    static boolean blamesStore(Throwable failure) {
        if (failure instanceof ReplicaClient.ReplicaFailure answered) {
            return answered.status() >= 500 || answered.status() == 0;
        }
        return failure instanceof IOException;
    }
}
