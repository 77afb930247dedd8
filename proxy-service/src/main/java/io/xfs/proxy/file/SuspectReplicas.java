package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Which replicas failed a read recently, so that the next reads try them last for a while: a store that
 * cannot be reached or timed out (all its needles), or one replica of one needle that broke off mid-stream
 * or answered 500 (likely corrupt there, while the store serves everything else). A client retrying after a
 * failed read then meets a healthy replica first. Entries expire; the map is pruned when it grows.
 * Thread-safe.
 */
final class SuspectReplicas {
    private static final long SUSPECT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    SuspectReplicas() {
        this(System::nanoTime);
    }

    SuspectReplicas(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records a failed read of {@code needle} on {@code store}; {@code failure} null is a short answer. */
    void failed(String store, NeedleRef needle, @Nullable IOException failure) {
        if (failure instanceof ReplicaClient.ReplicaFailure answered && answered.notFound()) {
            return; // a missing needle says nothing about the store
        }
        boolean wholeStore = failure instanceof ConnectException || failure instanceof SocketTimeoutException
                || failure instanceof ReplicaClient.ReplicaFailure answered && answered.status() != 500
                && answered.status() != 0;
        long now = nanoClock.getAsLong();
        if (until.size() > PRUNE_ABOVE) {
            until.values().removeIf(deadline -> deadline - now <= 0);
        }
        until.put(wholeStore ? store : needleKey(store, needle), now + SUSPECT_NANOS);
    }

    /** The replicas in the order to try: a random healthy one first, then the other healthy ones, suspects last. */
    List<String> order(NeedleRef needle) {
        List<String> stores = needle.stores();
        if (stores.size() < 2) {
            return stores;
        }
        int first = ThreadLocalRandom.current().nextInt(stores.size());
        long now = nanoClock.getAsLong();
        List<String> healthy = new ArrayList<>(stores.size());
        List<String> suspected = new ArrayList<>(1);
        for (int i = 0; i < stores.size(); i++) {
            String store = stores.get((first + i) % stores.size());
            if (suspected(store, now) || suspected(needleKey(store, needle), now)) {
                suspected.add(store);
            } else {
                healthy.add(store);
            }
        }
        healthy.addAll(suspected);
        return healthy;
    }

    private boolean suspected(String key, long now) {
        Long deadline = until.get(key);
        if (deadline == null) {
            return false;
        }
        if (deadline - now > 0) {
            return true;
        }
        until.remove(key, deadline);
        return false;
    }

    private static String needleKey(String store, NeedleRef needle) {
        return store + "/" + needle.vid() + "/" + needle.key();
    }
}
