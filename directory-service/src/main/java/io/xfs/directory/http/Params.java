package io.xfs.directory.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of the directory's request parameters; each failure is a 400 naming the parameter. */
final class Params {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private Params() {
    }

    /** A file name inside a bucket: valid, not empty, not ending in {@code /}. */
    static String fileName(String filename) {
        XfsPath.validateName(filename);
        if (filename.isEmpty() || filename.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "filename names a directory, not a file: '" + filename + "'");
        }
        return filename;
    }

    /** A directory inside a bucket: {@code ""} or ending in {@code /}. */
    static String dirName(String dir) {
        XfsPath.validateName(dir);
        if (!dir.isEmpty() && !dir.endsWith("/")) {
            throw new XfsException(ErrorCode.INVALID_PATH, "dir must be \"\" or end in '/': '" + dir + "'");
        }
        return dir;
    }

    static String bucket(String bucket) {
        XfsPath.validateBucket(bucket);
        return bucket;
    }

    static String sha256(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "sha256 must be 64 hex digits: '" + sha256 + "'");
        }
        return sha256.toLowerCase(Locale.ROOT);
    }

    static void sha1(@Nullable String sha1) {
        if (sha1 != null && !sha1.isEmpty() && !SHA1.matcher(sha1).matches()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "sha1 must be 40 hex digits: '" + sha1 + "'");
        }
    }

    static long size(long size, String name) {
        if (size < 0) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, name + " must not be negative: " + size);
        }
        return size;
    }

    static int range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, name + " must be " + min + ".." + max + ": " + value);
        }
        return value;
    }
}
