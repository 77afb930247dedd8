package io.xfs.proxy.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 and SHA-256 of one byte sequence, fed in pieces. Not thread-safe. */
final class ContentHasher {
    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest sha256 = digest("SHA-256");

    void update(byte[] data, int offset, int length) {
        sha1.update(data, offset, length);
        sha256.update(data, offset, length);
    }

    /** Finishes both digests; the hasher is reset afterwards. */
    Digests finish() {
        HexFormat hex = HexFormat.of();
        return new Digests(hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()));
    }

    record Digests(String sha1, String sha256) {
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
