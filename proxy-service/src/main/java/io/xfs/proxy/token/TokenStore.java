package io.xfs.proxy.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where each issued token's deadline lives, by the token's nonce. The deadline is data, compared with the
 * caller's {@code now}, so that every proxy (and a test clock) decides alike; an implementation may drop
 * an entry some time after its deadline, only to reclaim space. Implementations are thread-safe.
 */
public interface TokenStore extends AutoCloseable {

    /** Records a new token that lives until {@code deadline}. */
    void register(String nonce, Instant deadline, Instant now);

    /**
     * Uses a token: if it is known and {@code now} is before its deadline, pushes the deadline
     * {@code extension} further and returns the new deadline, all in one atomic step; otherwise returns
     * empty (expired, or never issued here).
     */
    Optional<Instant> use(String nonce, Instant now, Duration extension);

    /** Drops entries whose deadline has passed; a no-op where the store expires entries itself. */
    default void removeExpired(Instant now) {
    }

    @Override
    default void close() {
    }
}
