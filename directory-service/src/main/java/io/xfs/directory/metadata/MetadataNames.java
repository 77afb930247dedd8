package io.xfs.directory.metadata;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;

/**
 * The argument checks every {@link MetadataStore} backend applies to bucket, file and directory names,
 * so that all of them refuse the same inputs with the same codes.
 */
public final class MetadataNames {
    private MetadataNames() {
    }

    public static void checkBucket(String bucket) {
        XfsPath.validateBucket(bucket);
    }

    /** A file: a valid name inside the bucket, not empty and not ending in {@code /}. */
    public static void checkFile(String bucket, String name) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(name);
        if (name.isEmpty() || name.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "not a file name: '" + name + "'");
        }
    }

    /** A directory: {@code ""} (the bucket's root) or a valid name ending in {@code /}. */
    public static void checkDir(String bucket, String dir) {
        XfsPath.validateBucket(bucket);
        XfsPath.validateName(dir);
        if (!dir.isEmpty() && !dir.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "a directory name ends in '/': '" + dir + "'");
        }
    }

    public static void checkLimit(int limit) {
        if (limit < 1) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "limit must be at least 1: " + limit);
        }
    }
}
