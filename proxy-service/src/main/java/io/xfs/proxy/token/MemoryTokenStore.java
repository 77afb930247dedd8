package io.xfs.proxy.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in this JVM, for a single proxy: tokens die with the process and other proxies do
 * not see them. Deadlines are epoch millis in a concurrent map; each use is one atomic
 * {@code computeIfPresent}. Thread-safe.
 */
public final class MemoryTokenStore implements TokenStore {
    private final ConcurrentMap<String, Long> deadlines = new ConcurrentHashMap<>();

    @Override
    public void register(String nonce, Instant deadline, Instant now) {
        deadlines.put(nonce, deadline.toEpochMilli());
    }

    @Override
    public Optional<Instant> use(String nonce, Instant now, Duration extension) {
        long nowMillis = now.toEpochMilli();
        // A dead token is removed on the spot: its deadline can never move again.
        Long extended = deadlines.computeIfPresent(nonce,
                (key, deadline) -> nowMillis < deadline ? deadline + extension.toMillis() : null);
        return Optional.ofNullable(extended).map(Instant::ofEpochMilli);
    }

    @Override
    public void removeExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        deadlines.values().removeIf(deadline -> deadline <= nowMillis);
    }

    int size() {
        return deadlines.size();
    }
}
