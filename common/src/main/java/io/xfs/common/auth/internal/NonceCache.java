package io.xfs.common.auth.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of accepted internal calls, each kept until its timestamp leaves the window, so a captured
 * request cannot be sent again. Bounded: when full, the oldest nonce is dropped even if still in the window,
 * and {@code floor} rises to its timestamp; calls signed at or before the floor are refused from then on, so
 * a dropped nonce can never be replayed (a flood costs old-but-valid calls their acceptance, never safety).
 * Thread-safe.
 */
final class NonceCache {
    private final int capacity;
    private final long windowMillis;
    /** nonce -> the call's timestamp, in order of acceptance. */
    private final Map<String, Long> seen;
    private long floor = Long.MIN_VALUE;

    NonceCache(int capacity, long windowMillis) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false);
    }

    /** Records {@code nonce}; false when it was seen before or is not newer than the floor. */
    synchronized boolean accept(String nonce, long millis, long nowMillis) {
        if (millis <= floor || seen.containsKey(nonce)) {
            return false;
        }
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            boolean expired = entry.getValue() + windowMillis < nowMillis;
            if (!expired && seen.size() < capacity) {
                break;
            }
            if (!expired) {
                floor = Math.max(floor, entry.getValue());
            }
            oldest.remove();
        }
        seen.put(nonce, millis);
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
