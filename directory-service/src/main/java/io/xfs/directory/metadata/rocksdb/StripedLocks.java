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
        int[] indexes = Arrays.stream(keys)
                .filter(k -> k != null)
                .mapToInt(k -> stripe(Arrays.hashCode(k)))
                .sorted().distinct().toArray();
        ReentrantLock[] locks = new ReentrantLock[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            locks[i] = stripes[indexes[i]];
        }
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
