package io.xfs.proxy.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.client.AuthClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access keys and bucket policies as the directory has them, each reused for at most {@code ttl}: a revoked
 * key or a changed policy takes effect within it on every proxy. Unknown keys are cached too (a flood of
 * made-up ids costs one lookup each per ttl). Thread-safe.
 */
final class AccessCache {
    private static final int MAX_KEYS = 100_000;

    private final AuthClient directory;
    private final InstantSource clock;
    private final long ttlMillis;
    private final Map<String, Cached<Optional<AccessKey>>> keys = new ConcurrentHashMap<>();
    private volatile Cached<Map<String, BucketPolicy>> policies = new Cached<>(Map.of(), Long.MIN_VALUE);

    private record Cached<T>(T value, long expiresAt) {
    }

    AccessCache(AuthClient directory, InstantSource clock, Duration ttl) {
        this.directory = directory;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    Optional<AccessKey> key(String id) {
        long now = clock.millis();
        Cached<Optional<AccessKey>> cached = keys.get(id);
        if (cached == null || cached.expiresAt() <= now) {
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
            cached = new Cached<>(directory.lookupKey(id), now + ttlMillis);
            keys.put(id, cached);
        }
        return cached.value();
    }

    BucketPolicy policy(String bucket) {
        long now = clock.millis();
        Cached<Map<String, BucketPolicy>> current = policies;
        if (current.expiresAt() <= now) {
            current = new Cached<>(Map.copyOf(directory.publicPolicies()), now + ttlMillis);
            policies = current;
        }
        return current.value().getOrDefault(bucket, BucketPolicy.PRIVATE);
    }
}
