package io.xfs.common.carp;

import java.nio.charset.StandardCharsets;

/**
 * The three hash functions of draft-vinod-carp-v1-03 §3.1–3.2, exactly as the draft and Squid's
 * {@code carp.cc} compute them. Java's {@code int} arithmetic wraps modulo 2^32 like the draft's unsigned
 * 32-bit integers, so only comparisons and the final score need {@link Integer#toUnsignedLong}.
 */
public final class CarpHash {
    private static final int MULTIPLIER = 0x62531965;

    private CarpHash() {
    }

    /** The URL hash: {@code h = 0; for each byte c: h += ROTL(h, 19) + c}. */
    public static int urlHash(byte[] key) {
        int hash = 0;
        for (byte b : key) {
            hash += Integer.rotateLeft(hash, 19) + (b & 0xff);
        }
        return hash;
    }

    /** The URL hash of a key's UTF-8 bytes. */
    public static int urlHash(String key) {
        return urlHash(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The member hash: the URL hash of the name, then {@code h += h * 0x62531965; h = ROTL(h, 21)}. */
    public static int memberHash(String memberName) {
        int hash = urlHash(memberName);
        hash += hash * MULTIPLIER;
        return Integer.rotateLeft(hash, 21);
    }

    /** The combined hash of a key and a member, before the load-factor multiplier is applied. */
    public static int combine(int urlHash, int memberHash) {
        int combined = urlHash ^ memberHash;
        combined += combined * MULTIPLIER;
        return Integer.rotateLeft(combined, 21);
    }
}
