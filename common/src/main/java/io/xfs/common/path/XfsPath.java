package io.xfs.common.path;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated public path {@code /<prefix>/<bucket>/<name>} (SPEC §3). {@code name} is the path inside
 * the bucket without a leading slash: {@code ""} (the bucket's root), a directory ending in {@code /}, or
 * a file. Parsing rejects, with {@link ErrorCode#INVALID_PATH} or {@link ErrorCode#INVALID_BUCKET}:
 * more than 1024 UTF-8 bytes, control characters, unpaired surrogates, {@code //}, and {@code .} or
 * {@code ..} segments. A missing leading {@code /} is accepted.
 */
public record XfsPath(String prefix, String bucket, String name) {
    public static final int MAX_BYTES = 1024;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public XfsPath {
        validateBucket(bucket);
        validateName(name);
    }

    /** Whether {@code raw} is {@code /<prefix>/} for one of {@code prefixes}: the root above every bucket. */
    public static boolean isRoot(@Nullable String raw, Collection<String> prefixes) {
        return raw != null && raw.length() > 2 && raw.startsWith("/") && raw.endsWith("/")
                && prefixes.contains(raw.substring(1, raw.length() - 1));
    }

    /** Parses a path given by a client, accepting one of {@code prefixes} as its first segment. */
    public static XfsPath parse(String raw, Collection<String> prefixes) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("path is missing");
        }
        String path = raw.startsWith("/") ? raw.substring(1) : raw;
        checkCharacters(raw);
        int slash = path.indexOf('/');
        if (slash <= 0) {
            throw invalid("path must look like /<prefix>/<bucket>/<name>: " + raw);
        }
        String prefix = path.substring(0, slash);
        if (!prefixes.contains(prefix)) {
            throw invalid("unknown path prefix '" + prefix + "' (expected one of " + prefixes + ")");
        }
        String rest = path.substring(slash + 1);
        int bucketEnd = rest.indexOf('/');
        if (bucketEnd < 0) {
            throw invalid("path names no file or directory inside bucket '" + rest + "': add '/'");
        }
        return new XfsPath(prefix, rest.substring(0, bucketEnd), rest.substring(bucketEnd + 1));
    }

    public static void validateBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new XfsException(ErrorCode.INVALID_BUCKET,
                    "bucket must match [a-z0-9][a-z0-9._-]{0,62}: '" + bucket + "'");
        }
    }

    /** Validates a name inside a bucket: {@code ""}, {@code dir/.../}, or {@code dir/.../file}. */
    public static void validateName(String name) {
        if (name == null) {
            throw invalid("name is missing");
        }
        checkCharacters(name);
        if (name.startsWith("/")) {
            throw invalid("empty path segment in '" + name + "'");
        }
        if (name.isEmpty()) {
            return;
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid("empty path segment (//) in '" + name + "'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid("'.' and '..' segments are not allowed: '" + name + "'");
            }
        }
    }

    private static void checkCharacters(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("path is longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid("path contains a control character at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw invalid("path is not valid UTF-8 (unpaired surrogate at index " + i + ")");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid("path is not valid UTF-8 (unpaired surrogate at index " + i + ")");
            }
        }
    }

    private static XfsException invalid(String message) {
        return new XfsException(ErrorCode.INVALID_PATH, message);
    }

    /** True for the bucket's root and for names ending in {@code /}. */
    public boolean isDirectory() {
        return name.isEmpty() || name.endsWith("/");
    }

    /** The file name after the last {@code /} ({@code ""} for a directory). */
    public String fileName() {
        return isDirectory() ? "" : name.substring(name.lastIndexOf('/') + 1);
    }

    /** The directory part of {@code name}, ending in {@code /}, or {@code ""} at the bucket's root. */
    public String parentDir() {
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        int slash = body.lastIndexOf('/');
        return slash < 0 ? "" : body.substring(0, slash + 1);
    }

    /** This path with {@code name} replaced (used when naming an upload by its SHA-1). */
    public XfsPath withName(String newName) {
        return new XfsPath(prefix, bucket, newName);
    }

    /** The public spelling, {@code /<prefix>/<bucket>/<name>}. */
    @Override
    public String toString() {
        return "/" + prefix + "/" + bucket + "/" + name;
    }
}
