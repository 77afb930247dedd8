package io.xfs.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Deterministic file contents: file {@code i} of a run is the same bytes on every machine and every run. */
final class Payloads {
    private Payloads() {
    }

    static int size(long seed, int index, int base, int jitter) {
        return base + (jitter <= 0 ? 0 : new SplittableRandom(seed * 31 + index).nextInt(jitter));
    }

    static byte[] bytes(long seed, int index, int size) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8 && i + b < size; b++) {
                data[i + b] = (byte) (v >>> (8 * b));
            }
        }
        return data;
    }

    static MessageDigest sha1() {
        return digest("SHA-1");
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JDK", e);
        }
    }
}
