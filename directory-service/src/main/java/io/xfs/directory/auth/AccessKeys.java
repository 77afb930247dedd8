package io.xfs.directory.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.Grants;
import io.xfs.common.auth.access.SealedAccessKey;
import io.xfs.common.auth.access.SecretSealer;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import io.xfs.directory.metadata.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates, lists, revokes and looks up access keys and sets bucket policies, in the metadata store with
 * secrets sealed ({@link SecretSealer}). The admin key is configuration, not a record: it is found here too,
 * so proxies look it up like any other. Thread-safe (the store is).
 */
public final class AccessKeys {
    private final MetadataStore store;
    private final @Nullable SecretSealer sealer;
    private final @Nullable AccessKey admin;
    private final Clock clock;

    /** @param admin when not {@link AuthProperties.Admin#configured}, every call but {@link #admin} fails 401 */
    public AccessKeys(MetadataStore store, AuthProperties.Admin admin, Clock clock) {
        this.store = store;
        boolean configured = admin.configured();
        this.sealer = configured ? new SecretSealer(admin.secretKey()) : null;
        this.admin = configured ? new AccessKey(admin.accessKey(), admin.secretKey(), Grants.all(), 0, true) : null;
        this.clock = clock;
    }

    /** The admin key, or null when none is configured (then no key call is served). */
    @Nullable AccessKey admin() {
        return admin;
    }

    private AccessKey requireAdmin() {
        if (admin == null || sealer == null) {
            throw new XfsException(ErrorCode.UNAUTHORIZED, "no admin key is configured on the directory "
                    + "(xfs.auth.admin.access-key and xfs.auth.admin.secret-key, at least 16 characters)");
        }
        return admin;
    }

    private SecretSealer sealer() {
        requireAdmin();
        return java.util.Objects.requireNonNull(sealer);
    }

    /** A new key with these grants; its secret is in the answer only, sealed in the store. */
    public AccessKey create(Grants grants) {
        AccessKey key = new AccessKey(AccessKey.newId(), AccessKey.newSecret(), grants, clock.millis(), false);
        store.putAccessKey(SealedAccessKey.seal(key, sealer()));
        return key;
    }

    /** Every key but the admin key, secrets left sealed. */
    public List<SealedAccessKey> list() {
        return store.accessKeys();
    }

    /** @return false if there was no such key */
    public boolean revoke(String id) {
        if (id.equals(requireAdmin().id())) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT,
                    "the admin key is configuration (xfs.auth.admin.*): change it there, it cannot be revoked");
        }
        return store.deleteAccessKey(id);
    }

    /** The key with its secret, the admin key included; empty for an unknown or revoked id. */
    public Optional<AccessKey> lookup(String id) {
        AccessKey adminKey = requireAdmin();
        if (id.equals(adminKey.id())) {
            return Optional.of(adminKey);
        }
        return store.accessKey(id).map(sealed -> sealed.open(sealer()));
    }

    public void setPolicy(String bucket, BucketPolicy policy) {
        XfsPath.validateBucket(bucket);
        store.putBucketPolicy(bucket, policy);
    }

    public Map<String, BucketPolicy> policies() {
        return store.bucketPolicies();
    }
}
