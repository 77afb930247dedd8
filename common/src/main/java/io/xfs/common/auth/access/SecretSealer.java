package io.xfs.common.auth.access;

import io.xfs.common.auth.HmacSha256;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access-key secrets at rest (the metadata store, its backups) with AES-256-GCM under a key derived
 * from configured secret material (HMAC-SHA256 of a fixed label), so a copied metadata store alone does not
 * give away the keys. The key id is the associated data: a sealed secret moved onto another key id does not
 * open. Sealed form: base64 of {@code version (1 byte) | nonce (12) | ciphertext+tag}. Thread-safe.
 */
public final class SecretSealer {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param material at least 16 characters of secret configuration */
    public SecretSealer(String material) {
        if (material.length() < 16) {
            throw new IllegalArgumentException("sealing material must be at least 16 characters");
        }
        this.key = new SecretKeySpec(HmacSha256.mac(material.getBytes(StandardCharsets.UTF_8),
                "xfs access-key sealing v1".getBytes(StandardCharsets.UTF_8)), "AES");
    }

    public String seal(String keyId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, keyId, secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(VERSION).put(nonce).put(sealed).array());
    }

    /** @throws XfsException {@link ErrorCode#INTERNAL} when it does not open (other material, tampered) */
    public String open(String keyId, String sealed) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw cannotOpen(keyId);
        }
        if (all.length < 1 + NONCE_BYTES + TAG_BITS / 8 || all[0] != VERSION) {
            throw cannotOpen(keyId);
        }
        byte[] nonce = java.util.Arrays.copyOfRange(all, 1, 1 + NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(all, 1 + NONCE_BYTES, all.length);
        return new String(cipher(Cipher.DECRYPT_MODE, nonce, keyId, body), StandardCharsets.UTF_8);
    }

    private byte[] cipher(int mode, byte[] nonce, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw cannotOpen(keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    private static XfsException cannotOpen(String keyId) {
        return new XfsException(ErrorCode.INTERNAL, "the secret of access key " + keyId
                + " does not open: the metadata was sealed under other secret material (xfs.auth.admin.secret-key)");
    }
}
