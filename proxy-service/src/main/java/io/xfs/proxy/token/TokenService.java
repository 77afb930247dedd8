package io.xfs.proxy.token;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks upload and download tokens. A check first verifies the signature (no lookup for a
 * forged token), then the type, then uses the token in the {@link TokenStore}, which refuses it past its
 * deadline and otherwise extends it. Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class TokenService {
    private final TokenCodec codec;
    private final TokenStore store;
    private final Clock clock;
    private final TokenLifetime lifetime;

    public TokenService(TokenCodec codec, TokenStore store, Clock clock, TokenLifetime lifetime) {
        this.codec = codec;
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Issues a token of {@code type} for content {@code hash} (SHA-256 hex, checked here). */
    public IssuedToken issue(TokenType type, String hash) {
        Instant now = clock.instant();
        Token token = codec.newToken(type, ContentHash.parse(hash), now);
        Instant deadline = token.created().plus(lifetime.initial());
        store.register(token.nonce(), deadline, now);
        return new IssuedToken(codec.encode(token), token, deadline);
    }

    /**
     * Checks and uses a token presented for an action of {@code type}.
     *
     * @throws XfsException {@link ErrorCode#FORBIDDEN} if it is missing, forged, altered, of another type
     *                      or expired
     */
    public Token authorize(@Nullable String text, TokenType type) {
        if (text == null || text.isEmpty()) {
            throw forbidden("a token is required (header 'token' or parameter 'token')");
        }
        Token token = codec.decode(text).orElseThrow(() -> forbidden("the token is invalid"));
        if (token.type() != type) {
            throw forbidden("this is " + article(token.type()) + " token, the call needs " + article(type) + " token");
        }
        if (store.use(token.nonce(), clock.instant(), lifetime.extension()).isEmpty()) {
            throw forbidden("the token has expired");
        }
        return token;
    }

    public void removeExpired() {
        store.removeExpired(clock.instant());
    }

    private static String article(TokenType type) {
        return type == TokenType.UPLOAD ? "an upload" : "a download";
    }

    private static XfsException forbidden(String message) {
        return new XfsException(ErrorCode.FORBIDDEN, message);
    }

    /** A newly issued token: its text for the client, what it stands for and its first deadline. */
    public record IssuedToken(String text, Token token, Instant deadline) {
    }
}
