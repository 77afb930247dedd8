package io.xfs.common.auth.access;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.jspecify.annotations.Nullable;

/** The authorization decision for one request on one bucket (docs/api.md, "Access keys and policies"). */
public final class AccessRules {
    private AccessRules() {
    }

    /**
     * Allows the admin key everything, a key what its grants say, and anyone what the bucket's policy gives
     * anonymous callers.
     *
     * @param key null for an anonymous request
     * @throws XfsException {@link ErrorCode#UNAUTHORIZED} for an anonymous request the policy does not allow,
     *                      {@link ErrorCode#FORBIDDEN} for a key without the permission
     */
    public static void check(@Nullable AccessKey key, String bucket, Permission permission, BucketPolicy policy) {
        if (allows(key, bucket, permission, policy)) {
            return;
        }
        if (key == null) {
            throw new XfsException(ErrorCode.UNAUTHORIZED, "bucket '" + bucket + "' is " + policy.label()
                    + ": " + permission.label() + " needs a request signed with an access key (AWS SigV4)");
        }
        throw new XfsException(ErrorCode.FORBIDDEN,
                "access key " + key.id() + " may not " + permission.label() + " in bucket '" + bucket + "'");
    }

    /** Whether {@link #check} would allow it. */
    public static boolean allows(@Nullable AccessKey key, String bucket, Permission permission, BucketPolicy policy) {
        return key != null && (key.admin() || key.grants().allows(bucket, permission))
                || policy.allowsAnonymous(permission);
    }
}
