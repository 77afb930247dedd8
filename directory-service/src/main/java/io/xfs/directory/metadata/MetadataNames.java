package io.xfs.directory.metadata;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import java.util.HexFormat;

/**
 * The argument checks every {@link MetadataStore} backend applies to bucket, file and directory names,
 * so that all of them refuse the same inputs with the same codes.
 */
public final class MetadataNames {
    public static final int SHA256_BYTES = 32;

    private MetadataNames() {
    }

    public static void checkBucket(String bucket) {
        if (!isPlainBucket(bucket)) {
            XfsPath.validateBucket(bucket);
        }
    }

    /** A file: a valid name inside the bucket, not empty and not ending in {@code /}. */
    public static void checkFile(String bucket, String name) {
        checkBucket(bucket);
        checkName(name);
        if (name.isEmpty() || name.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "not a file name: '" + name + "'");
        }
    }

    /** A directory: {@code ""} (the bucket's root) or a valid name ending in {@code /}. */
    public static void checkDir(String bucket, String dir) {
        checkBucket(bucket);
        checkName(dir);
        if (!dir.isEmpty() && !dir.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "a directory name ends in '/': '" + dir + "'");
        }
    }

    /**
     * The 32 bytes of a hex SHA-256 (any case); {@link ErrorCode#BAD_ARGUMENT} unless it is 64 hex digits.
     */
    public static byte[] sha256Bytes(String hex) {
        if (hex.length() == 2 * SHA256_BYTES) {
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "sha256 must be 64 hex digits: '" + hex + "'");
    }

    public static void checkLimit(int limit) {
        if (limit < 1) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "limit must be at least 1: " + limit);
        }
    }

    private static void checkName(String name) {
        if (!isPlainName(name)) {
            XfsPath.validateName(name);
        }
    }

    /*
     * Every get and commit validates its names, so the common case is checked in one pass without regex
     * or split: these two only ever ACCEPT what XfsPath accepts too (a stricter subset: printable ASCII);
     * anything else goes to XfsPath, which decides and words the error.
     */

    /** True for a name of the bucket pattern {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    private static boolean isPlainBucket(String bucket) {
        int n = bucket.length();
        if (n < 1 || n > 63) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = bucket.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** True for a valid name made of printable ASCII: no leading {@code /}, no empty, "." or ".." segment. */
    private static boolean isPlainName(String name) {
        int n = name.length();
        if (n > XfsPath.MAX_BYTES) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? name.charAt(i) : '/';
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
            if (c == '/') {
                int length = i - segmentStart;
                boolean trailingSlash = i == n && segmentStart == n;
                if (!trailingSlash && (length == 0 || (length <= 2 && isDots(name, segmentStart, length)))) {
                    return false; // an empty or dot segment: XfsPath refuses it
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isDots(String name, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (name.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }
}
