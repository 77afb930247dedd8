package io.xfs.common.auth.access;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An access key as a proxy uses it: its id, its secret (SigV4 signs with it), what it may do, and when it
 * was created. {@code admin} marks the configured admin key, which may do everything including the admin
 * calls. Immutable.
 */
public record AccessKey(String id, String secret, Grants grants, long createdMillis, boolean admin) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** A new key id: {@code XFS} and 17 random base-32 characters (85 bits), 20 in all as AWS's. */
    public static String newId() {
        StringBuilder id = new StringBuilder("XFS");
        for (int i = 0; i < 17; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** A new secret: 30 random bytes (240 bits), 40 characters of URL-safe base64 as AWS's length. */
    public static String newSecret() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} could be a key id (what the admin calls accept before any lookup). */
    public static boolean validId(String id) {
        return id.length() >= 3 && id.length() <= 128 && id.chars().allMatch(c ->
                c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    @Override
    public String toString() {
        // Never the secret: records print all fields, and keys end up in logs.
        return "AccessKey[" + id + ", " + grants.specs() + (admin ? ", admin" : "") + "]";
    }
}
