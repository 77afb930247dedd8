package io.xfs.sts.slot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a stored file is found by: a written file's name or a fetched uri. The name never reaches the file
 * system; {@link #fileName()} is a prefix for the kind and the SHA-256 of the name, so any name (with
 * {@code ../}, slashes or NUL) maps to one flat, fixed-length file name inside a slot directory.
 */
public record StoreKey(Kind kind, String name) {
    /** Cloning a prototype skips the provider look-up of {@code getInstance}, which showed in read profiles. */
    private static final MessageDigest SHA_256 = newSha256();

    /** The two namespaces; a filename and a uri that are the same string are different keys. */
    public enum Kind {
        FILE("f"),
        FETCH("u");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }
    }

    public static StoreKey file(String name) {
        return new StoreKey(Kind.FILE, name);
    }

    public static StoreKey fetch(String uri) {
        return new StoreKey(Kind.FETCH, uri);
    }

    /** {@code f-<sha256 hex>} or {@code u-<sha256 hex>}. */
    public String fileName() {
        return kind.prefix() + "-" + sha256Hex(name);
    }

    private static String sha256Hex(String name) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        return HexFormat.of().formatHex(digest.digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
