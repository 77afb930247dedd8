package io.xfs.proxy.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The configured system tokens ({@code xfs.tokens.system}) that backend services present in the
 * {@code systemToken} header. The check compares SHA-256 digests of the presented and of every
 * configured token with {@link MessageDigest#isEqual}, never stopping early, so its time tells nothing
 * about a secret's length or prefix. With none configured every call is refused. Immutable, thread-safe.
 */
public final class SystemTokens {
    private final List<byte[]> digests;

    public SystemTokens(List<String> tokens) {
        this.digests = tokens.stream().filter(t -> !t.isBlank()).map(SystemTokens::digest).toList();
    }

    public boolean configured() {
        return !digests.isEmpty();
    }

    public boolean matches(@Nullable String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
