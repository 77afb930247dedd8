package io.xfs.common.auth.sigv4;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a signature seen before, for writes (docs/api.md, "Replay"): every signature accepted is kept
 * until it could no longer pass the clock-skew check anyway (its request time + {@link SigV4Verifier#MAX_SKEW},
 * or a presigned URL's expiry), in a map bounded to {@code capacity} entries, oldest dropped first. Limits,
 * by design: the memory is this process's (a request replayed to another proxy is not caught) and a flood
 * of more than {@code capacity} writes in the window pushes out signatures before their time. Thread-safe.
 */
public final class ReplayGuard {
    private final InstantSource clock;
    private final int capacity;
    private final Map<String, Instant> seen;

    public ReplayGuard(InstantSource clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false);
    }

    /**
     * Records the signature, usable until {@code validUntil}.
     *
     * @throws XfsException {@link ErrorCode#FORBIDDEN} when it was accepted before and is still valid
     */
    public synchronized void accept(String signature, Instant validUntil) {
        Instant now = clock.instant();
        Instant earlier = seen.get(signature);
        if (earlier != null && earlier.isAfter(now)) {
            throw new XfsException(ErrorCode.FORBIDDEN,
                    "this signature was already used for a write: sign every write anew (replay refused)");
        }
        seen.remove(signature);
        var oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            var entry = oldest.next();
            if (seen.size() < capacity && entry.getValue().isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        seen.put(signature, validUntil);
    }

    synchronized int size() {
        return seen.size();
    }
}
