package io.xfs.common.auth.access;

import java.util.List;

/**
 * An access key as the metadata store keeps it: the secret sealed ({@link SecretSealer}), grants as specs
 * ({@link Grants#specs}). Immutable.
 */
public record SealedAccessKey(String id, String sealedSecret, List<String> grants, long createdMillis) {
    public SealedAccessKey {
        grants = List.copyOf(grants);
    }

    public static SealedAccessKey seal(AccessKey key, SecretSealer sealer) {
        return new SealedAccessKey(key.id(), sealer.seal(key.id(), key.secret()), key.grants().specs(),
                key.createdMillis());
    }

    public AccessKey open(SecretSealer sealer) {
        return new AccessKey(id, sealer.open(id, sealedSecret), Grants.parse(grants), createdMillis, false);
    }
}
