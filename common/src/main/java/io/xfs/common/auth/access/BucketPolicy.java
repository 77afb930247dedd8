package io.xfs.common.auth.access;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;

/**
 * Who may read a bucket without a key: nobody ({@code private}, every bucket's default) or anyone
 * ({@code public-read}: anonymous GET/HEAD of files and listings; writes and deletes still need a key).
 */
public enum BucketPolicy {
    PRIVATE("private"), PUBLIC_READ("public-read");

    private final String label;

    BucketPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether an anonymous caller may do {@code permission} in a bucket of this policy. */
    public boolean allowsAnonymous(Permission permission) {
        return this == PUBLIC_READ && (permission == Permission.READ || permission == Permission.LIST);
    }

    /** @throws XfsException {@link ErrorCode#BAD_ARGUMENT} for an unknown name */
    public static BucketPolicy of(String label) {
        for (BucketPolicy p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "unknown bucket policy '" + label + "' (private or public-read)");
    }
}
