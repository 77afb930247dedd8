package io.xfs.proxy.token;

import java.time.Instant;

/**
 * A verified token: what it allows ({@code type}), for which content ({@code hash}, lower-case SHA-256
 * hex), when it was issued, and its random {@code nonce}, which also names it in the {@link TokenStore}.
 */
public record Token(TokenType type, String hash, Instant created, String nonce) {
}
