package io.xfs.directory.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Test file bodies and their hashes, as the proxy computes them. */
public record Content(byte[] bytes, String sha1, String sha256) {

    public static Content of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Content of(byte[] bytes) {
        return new Content(bytes, hex("SHA-1", bytes), hex("SHA-256", bytes));
    }

    public long size() {
        return bytes.length;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
