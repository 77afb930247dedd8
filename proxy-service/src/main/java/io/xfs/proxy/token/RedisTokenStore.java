package io.xfs.proxy.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link TokenStore} in Redis, shared by every proxy: key {@code xfs:token:<nonce>}, value the deadline
 * in epoch millis. A use runs one Lua script that compares the deadline with the caller's time and
 * extends it, so two proxies never both extend a token that just died. The key's TTL (the remaining
 * lifetime plus {@code grace}, which absorbs clock skew between proxies) only reclaims space; it never
 * decides whether a token is alive. Thread-safe (the client pools connections); the client is not closed here.
 */
public final class RedisTokenStore implements TokenStore {
    static final String KEY_PREFIX = "xfs:token:";

    /** KEYS[1] token key; ARGV now millis, extension millis, grace millis. Returns the new deadline or -1. */
    private static final String USE_SCRIPT = """
            local deadline = tonumber(redis.call('GET', KEYS[1]))
            if not deadline then return -1 end
            local now = tonumber(ARGV[1])
            if now >= deadline then return -1 end
            deadline = deadline + tonumber(ARGV[2])
            redis.call('SET', KEYS[1], string.format('%d', deadline), 'PX',
                string.format('%d', deadline - now + tonumber(ARGV[3])))
            return deadline
            """;

    private final UnifiedJedis redis;
    private final Duration grace;

    public RedisTokenStore(UnifiedJedis redis, Duration grace) {
        this.redis = redis;
        this.grace = grace;
    }

    @Override
    public void register(String nonce, Instant deadline, Instant now) {
        long ttl = Math.max(0, deadline.toEpochMilli() - now.toEpochMilli()) + grace.toMillis();
        redis.set(KEY_PREFIX + nonce, Long.toString(deadline.toEpochMilli()), SetParams.setParams().px(ttl).nx());
    }

    @Override
    public Optional<Instant> use(String nonce, Instant now, Duration extension) {
        Object result = redis.eval(USE_SCRIPT, List.of(KEY_PREFIX + nonce), List.of(
                Long.toString(now.toEpochMilli()), Long.toString(extension.toMillis()), Long.toString(grace.toMillis())));
        long deadline = ((Number) result).longValue();
        return deadline < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deadline));
    }
}
