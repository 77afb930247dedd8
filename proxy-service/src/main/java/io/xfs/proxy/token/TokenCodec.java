package io.xfs.proxy.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and verifies the token text {@code 1.<type>.<hash>.<created millis>.<nonce>.<mac>}, where
 * {@code mac} is HMAC-SHA256 with the shared signing key over everything before it. Every part is
 * URL-safe, so a token fits a {@code ?token=} parameter unescaped. Verification needs no lookup: a
 * forged or altered token fails here, in constant time. Thread-safe (a {@link Mac} per call).
 */
public final class TokenCodec {
    private static final String VERSION = "1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int NONCE_BYTES = 16;
    private static final int MIN_KEY_BYTES = 16;
    /** Longer texts are refused before any parsing: the longest valid token is far below this. */
    private static final int MAX_TEXT_LENGTH = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @throws IllegalArgumentException if the key is shorter than 16 bytes */
    public TokenCodec(byte[] signingKey) {
        if (signingKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token signing key must have at least " + MIN_KEY_BYTES
                    + " bytes, has " + signingKey.length);
        }
        this.key = new SecretKeySpec(signingKey.clone(), ALGORITHM);
    }

    /** A random key for a single proxy (tokens then do not work across proxies). */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Makes a new token with a fresh nonce; {@code hash} must already be {@link ContentHash#parse parsed}. */
    public Token newToken(TokenType type, String hash, Instant created) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Token(type, hash, Instant.ofEpochMilli(created.toEpochMilli()), B64.encodeToString(nonce));
    }

    public String encode(Token token) {
        String payload = String.join(".", VERSION, String.valueOf(token.type().code()), token.hash(),
                Long.toString(token.created().toEpochMilli()), token.nonce());
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The token {@code text} stands for, or empty if it is malformed, forged or altered. */
    public Optional<Token> decode(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        int lastDot = text.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = text.substring(0, lastDot);
        byte[] presented = text.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        // Check the MAC before looking at the payload, so that nothing unsigned is ever parsed. The text
        // of the MAC is compared, not its decoded bytes: base64 ignores a last character's low bits, and a
        // token must have exactly one spelling.
        byte[] expected = B64.encode(mac(payload));
        if (!MessageDigest.isEqual(expected, presented)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !ContentHash.isValid(parts[2])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Token(TokenType.ofCode(parts[1]), parts[2],
                    Instant.ofEpochMilli(Long.parseLong(parts[3])), parts[4]));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
