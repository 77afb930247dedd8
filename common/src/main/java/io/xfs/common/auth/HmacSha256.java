package io.xfs.common.auth;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one MAC every xfs credential uses (SigV4, internal calls, tokens, sealing, ZooKeeper
 * digests). Each call clones an uninitialised prototype, which skips the provider lookup that
 * {@link Mac#getInstance} repeats on every call: signed requests compute several per request
 * (docs/benchmarks.md, "Signed requests cost"). Thread-safe.
 */
public final class HmacSha256 {
    public static final String ALGORITHM = "HmacSHA256";
    private static final Mac PROTOTYPE = newMac();

    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[] data) {
        return mac(new SecretKeySpec(key, ALGORITHM), data);
    }

    public static byte[] mac(Key key, byte[] data) {
        try {
            Mac mac = (Mac) PROTOTYPE.clone();
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
