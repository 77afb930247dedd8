package io.xfs.common.auth.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** SHA-256 of request bodies as the {@code body=} field of {@code X-Xfs-Auth} carries it: lower-case hex. */
public final class BodyHash {
    /** In place of a hash: the body is a streamed needle, bound by its length and the needle in the query. */
    public static final String UNSIGNED = AuthHeader.UNSIGNED;
    /** The hash of no body. */
    public static final String EMPTY = of(new byte[0]);

    private BodyHash() {
    }

    public static String of(byte[] body) {
        return of(body, 0, body.length);
    }

    public static String of(byte[] body, int offset, int length) {
        MessageDigest digest = sha256();
        digest.update(body, offset, length);
        return AuthHeader.hex(digest.digest());
    }

    /** The hash of the parts one after the other. */
    public static String of(List<byte[]> parts) {
        MessageDigest digest = sha256();
        parts.forEach(digest::update);
        return AuthHeader.hex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
