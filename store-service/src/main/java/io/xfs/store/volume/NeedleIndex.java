package io.xfs.store.volume;

/**
 * The in-memory map from needle key to position of a volume's live needles, in 12 bytes per slot: a
 * {@code long} key and the uint32 offset (8-byte units) in parallel primitive arrays, no boxing. Sizes
 * and cookies stay on disk (the read path reads the needle header anyway). The index is derived data,
 * rebuilt from the index file and the volume on every open. Not thread-safe: {@link Volume} guards it.
 *
 * <p>Open addressing with Robin Hood linear probing and backward-shift deletion keeps probe sequences
 * short at a load factor of up to 0.9, where plain linear probing degrades. The table is split into 256
 * segments by the top hash bits so that a resize rehashes 1/256 of the entries (milliseconds, not the
 * second a 10 M-entry table would stall writers for); each segment grows by 1/8 when 90% full, which
 * keeps the load between 0.8 and 0.9, i.e. 13.3 to 15 bytes of RAM per needle.
 *
 * <p>While a volume loads, the index can also keep each needle's data size ({@link #trackSizes}) so
 * that the loader can account for the bytes an overwrite or delete turns into garbage; {@link
 * #dropSizes} frees them before the volume opens for business.
 */
final class NeedleIndex {
    /** Returned by {@link #put} and {@link #remove} when the key was absent. */
    static final long ABSENT = 0;

    private static final int SEGMENT_BITS = 8;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;
    private static final int MIN_CAPACITY = 8;
    private static final double MAX_LOAD = 0.9;
    private static final double GROWTH = 1.125;
    private static final long ARRAY_HEADER = 16;

    private final Segment[] segments = new Segment[SEGMENTS];
    private boolean trackSizes;
    private long size;

    NeedleIndex(long expectedNeedles, boolean trackSizes) {
        this.trackSizes = trackSizes;
        int perSegment = (int) Math.min(Integer.MAX_VALUE / 2, expectedNeedles / SEGMENTS / 0.85 + 1);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(Math.max(MIN_CAPACITY, perSegment), trackSizes);
        }
    }

    static int offsetOf(long entry) {
        return (int) (entry >>> 32);
    }

    static int sizeOf(long entry) {
        return (int) entry;
    }

    private static long entry(int offsetUnits, int size) {
        return ((long) offsetUnits << 32) | (size & 0xFFFF_FFFFL);
    }

    /** murmur3's fmix64: a bijective mix, so keys that differ only in low bits spread over the table. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    long size() {
        return size;
    }

    boolean tracksSizes() {
        return trackSizes;
    }

    /** The offset (8-byte units) of the key's needle, 0 when absent (offset 0 is the super block). */
    int get(long key) {
        long h = mix(key);
        return segments[(int) (h >>> (64 - SEGMENT_BITS))].get(key, h);
    }

    /**
     * Maps {@code key} to a needle at {@code offsetUnits} (never 0) with {@code dataSize} bytes (kept only
     * while sizes are tracked). Returns the previous entry ({@link #offsetOf}, {@link #sizeOf}) or {@link #ABSENT}.
     */
    long put(long key, int offsetUnits, int dataSize) {
        if (offsetUnits == 0) {
            throw new IllegalArgumentException("offset 0 is the super block");
        }
        long h = mix(key);
        long previous = segments[(int) (h >>> (64 - SEGMENT_BITS))].put(key, h, offsetUnits, dataSize);
        if (previous == ABSENT) {
            size++;
        }
        return previous;
    }

    /** Removes the key; returns its entry or {@link #ABSENT}. */
    long remove(long key) {
        long h = mix(key);
        long removed = segments[(int) (h >>> (64 - SEGMENT_BITS))].remove(key, h);
        if (removed != ABSENT) {
            size--;
        }
        return removed;
    }

    /** The keys present, in no particular order (a copy). */
    long[] keys() {
        long[] result = new long[Math.toIntExact(size)];
        int n = 0;
        for (Segment segment : segments) {
            for (int slot = 0; slot < segment.offsets.length; slot++) {
                if (segment.offsets[slot] != 0) {
                    result[n++] = segment.keys[slot];
                }
            }
        }
        return result;
    }

    /** Stops keeping data sizes and frees their arrays. */
    void dropSizes() {
        trackSizes = false;
        for (Segment segment : segments) {
            segment.sizes = null;
        }
    }

    /** Bytes of heap the table takes (arrays, their headers and the segment objects). */
    long memoryBytes() {
        long bytes = ARRAY_HEADER + (long) SEGMENTS * 4;
        for (Segment segment : segments) {
            bytes += 32 + ARRAY_HEADER * 2 + segment.keys.length * 8L + segment.offsets.length * 4L;
            if (segment.sizes != null) {
                bytes += ARRAY_HEADER + segment.sizes.length * 4L;
            }
        }
        return bytes;
    }

    /** One Robin Hood hash table; {@code offsets[i] == 0} marks an empty slot. */
    private static final class Segment {
        long[] keys;
        int[] offsets;
        int[] sizes;
        int count;
        int maxCount;

        Segment(int capacity, boolean trackSizes) {
            allocate(capacity, trackSizes);
        }

        private void allocate(int capacity, boolean trackSizes) {
            keys = new long[capacity];
            offsets = new int[capacity];
            sizes = trackSizes ? new int[capacity] : null;
            maxCount = Math.min(capacity - 1, (int) (capacity * MAX_LOAD));
        }

        /** Lemire's multiply-shift range reduction: the home slot, for any capacity (not just powers of 2). */
        private int home(long h) {
            return (int) (((h & 0xFFFF_FFFFL) * keys.length) >>> 32);
        }

        private int distance(int slot, int home) {
            int d = slot - home;
            return d >= 0 ? d : d + keys.length;
        }

        int get(long key, long h) {
            int capacity = keys.length;
            int slot = home(h);
            for (int dist = 0; ; dist++) {
                int offset = offsets[slot];
                if (offset == 0) {
                    return 0;
                }
                if (keys[slot] == key) {
                    return offset;
                }
                // Robin Hood invariant: the key would sit before any entry closer to its own home.
                if (distance(slot, home(mix(keys[slot]))) < dist) {
                    return 0;
                }
                if (++slot == capacity) {
                    slot = 0;
                }
            }
        }

        long put(long key, long h, int offset, int size) {
            if (count >= maxCount) {
                grow();
            }
            int capacity = keys.length;
            int slot = home(h);
            for (int dist = 0; ; dist++) {
                int resident = offsets[slot];
                if (resident == 0) {
                    store(slot, key, offset, size);
                    count++;
                    return ABSENT;
                }
                if (keys[slot] == key) {
                    long previous = entry(resident, sizes == null ? 0 : sizes[slot]);
                    offsets[slot] = offset;
                    if (sizes != null) {
                        sizes[slot] = size;
                    }
                    return previous;
                }
                int residentDist = distance(slot, home(mix(keys[slot])));
                if (residentDist < dist) {
                    // The key is absent (it would sit before a richer entry): take this slot, push the rest on.
                    long k = keys[slot];
                    int s = sizes == null ? 0 : sizes[slot];
                    store(slot, key, offset, size);
                    insertNew(k, slot + 1 == capacity ? 0 : slot + 1, residentDist + 1, resident, s);
                    count++;
                    return ABSENT;
                }
                if (++slot == capacity) {
                    slot = 0;
                }
            }
        }

        private void store(int slot, long key, int offset, int size) {
            keys[slot] = key;
            offsets[slot] = offset;
            if (sizes != null) {
                sizes[slot] = size;
            }
        }

        private int find(long key, long h) {
            int capacity = keys.length;
            int slot = home(h);
            for (int dist = 0; ; dist++) {
                if (offsets[slot] == 0) {
                    return -1;
                }
                if (keys[slot] == key) {
                    return slot;
                }
                if (distance(slot, home(mix(keys[slot]))) < dist) {
                    return -1;
                }
                if (++slot == capacity) {
                    slot = 0;
                }
            }
        }

        /** Inserts a key known to be absent, starting at {@code slot} {@code dist} away from its home (Robin Hood). */
        private void insertNew(long key, int slot, int dist, int offset, int size) {
            int capacity = keys.length;
            while (true) {
                if (offsets[slot] == 0) {
                    store(slot, key, offset, size);
                    return;
                }
                int residentDist = distance(slot, home(mix(keys[slot])));
                if (residentDist < dist) {
                    long k = keys[slot];
                    int o = offsets[slot];
                    int s = sizes == null ? 0 : sizes[slot];
                    store(slot, key, offset, size);
                    key = k;
                    offset = o;
                    size = s;
                    dist = residentDist;
                }
                if (++slot == capacity) {
                    slot = 0;
                }
                dist++;
            }
        }

        long remove(long key, long h) {
            int slot = find(key, h);
            if (slot < 0) {
                return ABSENT;
            }
            long removed = entry(offsets[slot], sizes == null ? 0 : sizes[slot]);
            // Backward-shift deletion: pull the following displaced entries one slot back, no tombstones.
            int capacity = keys.length;
            int next = slot + 1 == capacity ? 0 : slot + 1;
            while (offsets[next] != 0 && distance(next, home(mix(keys[next]))) > 0) {
                keys[slot] = keys[next];
                offsets[slot] = offsets[next];
                if (sizes != null) {
                    sizes[slot] = sizes[next];
                }
                slot = next;
                next = next + 1 == capacity ? 0 : next + 1;
            }
            offsets[slot] = 0;
            count--;
            return removed;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldOffsets = offsets;
            int[] oldSizes = sizes;
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(oldKeys.length + 1L, (long) (oldKeys.length * GROWTH)));
            allocate(capacity, oldSizes != null);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldOffsets[i] != 0) {
                    insertNew(oldKeys[i], home(mix(oldKeys[i])), 0, oldOffsets[i], oldSizes == null ? 0 : oldSizes[i]);
                }
            }
        }
    }
}
