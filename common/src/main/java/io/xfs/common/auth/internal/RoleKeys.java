package io.xfs.common.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing key of every role under one cluster secret: HKDF-SHA256 (RFC 5869) with a fixed salt and the
 * role's name as info, so a leaked key of one role says nothing about the others' and nothing about the
 * secret. Immutable.
 */
final class RoleKeys {
    private static final String HMAC = "HmacSHA256";
    private static final byte[] SALT = "xfs-internal-v1".getBytes(StandardCharsets.US_ASCII);

    private final Map<InternalRole, SecretKeySpec> keys = new EnumMap<>(InternalRole.class);

    RoleKeys(byte[] secret) {
        byte[] prk = hmac(SALT, secret);
        for (InternalRole role : InternalRole.values()) {
            // One block of HKDF-Expand: T(1) = HMAC(PRK, info || 0x01), 32 bytes.
            byte[] info = ("xfs internal role " + role.wireName()).getBytes(StandardCharsets.US_ASCII);
            byte[] input = new byte[info.length + 1];
            System.arraycopy(info, 0, input, 0, info.length);
            input[info.length] = 1;
            keys.put(role, new SecretKeySpec(hmac(prk, input), HMAC));
        }
    }

    /** HMAC-SHA256 of {@code data} under {@code role}'s key. */
    byte[] sign(InternalRole role, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(keys.get(role));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
