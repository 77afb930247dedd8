package io.xfs.proxy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic test content and its digests. */
public final class TestData {
    private TestData() {
    }

    public static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return data;
    }

    public static String sha1(byte[] data) {
        return hex("SHA-1", data);
    }

    public static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    public static byte[] slice(byte[] data, long from, long toExclusive) {
        return Arrays.copyOfRange(data, (int) from, (int) toExclusive);
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
