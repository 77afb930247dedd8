package io.xfs.directory.metadata.rocksdb;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Lock stripes serializing the read-modify-write of records that concurrent writes share: one set for
 * file paths, one for content records, one for needles (placements and garbage). A write takes path
 * locks first, then content locks, then needle locks, and within a set in stripe order, so two writes never wait on each other
 * in a cycle. Keys are hashed to stripes; unrelated keys may share one, which costs only parallelism.
 * Thread-safe.
 */
final class StripedLocks {
    private static final int STRIPES = 1024;

    private final ReentrantLock[] paths = newStripes();
    private final ReentrantLock[] contents = newStripes();
    private final ReentrantLock[] needles = newStripes();

    /** Locks held together, released by {@link #close()} in reverse order. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock[] locks;
        private int acquired;

        private Held(ReentrantLock[] locks) {
            this.locks = locks;
        }

        @Override
        public void close() {
            for (int i = acquired - 1; i >= 0; i--) {
                locks[i].unlock();
            }
            acquired = 0;
        }
    }

    Held paths(byte[]... keys) {
        return lock(paths, keys);
    }

    Held contents(byte @Nullable [] @Nullable ... keys) {
        return lock(contents, keys);
    }

    Held needles(byte[]... keys) {
        return lock(needles, keys);
    }

    private static Held lock(ReentrantLock[] stripes, byte @Nullable [] @Nullable ... keys) {
        // Hot path of every write: plain loops, no streams.
        int[] indexes = new int[keys.length];
        int n = 0;
        for (byte[] key : keys) {
            if (key != null) {
                indexes[n++] = stripe(Arrays.hashCode(key));
            }
        }
        Arrays.sort(indexes, 0, n);
        ReentrantLock[] locks = new ReentrantLock[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || indexes[i] != indexes[i - 1]) {
                locks[distinct++] = stripes[indexes[i]];
            }
        }
        locks = distinct == n ? locks : Arrays.copyOf(locks, distinct);
        Held held = new Held(locks);
        try {
            for (ReentrantLock lock : locks) {
                lock.lock();
                held.acquired++;
            }
        } catch (RuntimeException | Error e) {
            held.close();
            throw e;
        }
        return held;
    }

    private static int stripe(int hash) {
        int h = hash ^ (hash >>> 16) * 0x45d9f3b;
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    private static ReentrantLock[] newStripes() {
        ReentrantLock[] stripes = new ReentrantLock[STRIPES];
        Arrays.setAll(stripes, i -> new ReentrantLock());
        return stripes;
    }
}
