package io.xfs.proxy.directory;

import io.xfs.common.directory.FileView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A small bounded cache of directory answers (SPEC §2): entries live at most {@code ttl}, misses are never
 * cached, and this proxy's own writes and deletes invalidate at once. An invalidation leaves a tombstone so
 * that a lookup which started before it cannot put the old answer back afterwards ({@link #stamp()} /
 * {@link #put}). Thread-safe (one lock; each operation is a few map accesses).
 */
public final class MetadataCache {
    private final long ttlNanos;
    private final long tombstoneNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Key, Cached> entries;
    private final List<DirectoryTombstone> directoryTombstones = new ArrayList<>();
    private long sequence;
    private long hits;
    private long misses;

    /**
     * @param ttl           how long an answer may be reused
     * @param maxEntries    bound on entries (oldest dropped first); 0 disables caching
     * @param lookupTimeout how long a directory lookup may take: tombstones outlive it
     */
    public MetadataCache(Duration ttl, int maxEntries, Duration lookupTimeout) {
        this(ttl, maxEntries, lookupTimeout, System::nanoTime);
    }

    MetadataCache(Duration ttl, int maxEntries, Duration lookupTimeout, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.tombstoneNanos = ttl.plus(lookupTimeout).toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > Math.max(1, MetadataCache.this.maxEntries);
            }
        };
    }

    private record Key(String bucket, String filename) {
    }

    /** A cached answer ({@code view != null}) or a tombstone ({@code view == null}). */
    private record Cached(@Nullable FileView view, long deadline, long sequence) {
    }

    private record DirectoryTombstone(String bucket, String dir, long deadline, long sequence) {
    }

    /** The cached answer, or null (expired, absent, or invalidated). */
    public synchronized @Nullable FileView get(String bucket, String filename) {
        Key key = new Key(bucket, filename);
        Cached entry = entries.get(key);
        long now = nanoClock.getAsLong();
        if (entry != null && now - entry.deadline >= 0) {
            entries.remove(key);
            entry = null;
        }
        if (entry == null || entry.view == null) {
            misses++;
            return null;
        }
        hits++;
        return entry.view;
    }

    /** Take before asking the directory; pass to {@link #put} with the answer. */
    public synchronized long stamp() {
        return sequence;
    }

    /** Caches an answer unless the name was invalidated after {@code stamp} was taken. */
    public synchronized void put(String bucket, String filename, FileView view, long stamp) {
        if (maxEntries == 0 || ttlNanos == 0) {
            return;
        }
        Key key = new Key(bucket, filename);
        long now = nanoClock.getAsLong();
        Cached existing = entries.get(key);
        if (existing != null && existing.view == null && existing.sequence > stamp && now - existing.deadline < 0) {
            return;
        }
        for (DirectoryTombstone tombstone : directoryTombstones) {
            if (tombstone.sequence > stamp && now - tombstone.deadline < 0 && tombstone.bucket.equals(bucket)
                    && filename.startsWith(tombstone.dir)) {
                return;
            }
        }
        entries.put(key, new Cached(view, now + ttlNanos, sequence));
    }

    /** Forgets a name at once (this proxy wrote or deleted it). */
    public synchronized void invalidate(String bucket, String filename) {
        entries.put(new Key(bucket, filename), new Cached(null, nanoClock.getAsLong() + tombstoneNanos, ++sequence));
    }

    /** Forgets every name under {@code dir} ({@code ""} or ending in {@code /}) at once. */
    public synchronized void invalidateDirectory(String bucket, String dir) {
        long now = nanoClock.getAsLong();
        long seq = ++sequence;
        directoryTombstones.removeIf(t -> now - t.deadline >= 0);
        directoryTombstones.add(new DirectoryTombstone(bucket, dir, now + tombstoneNanos, seq));
        for (Iterator<Map.Entry<Key, Cached>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Key key = it.next().getKey();
            if (key.bucket.equals(bucket) && key.filename.startsWith(dir)) {
                it.remove();
            }
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
