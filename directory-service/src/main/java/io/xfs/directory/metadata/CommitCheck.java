package io.xfs.directory.metadata;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link CommitRequest} checked for what every backend refuses before touching any record (see
 * {@link MetadataStore#commit}), with its hash normalized to lower-case hex and absent optional strings
 * as {@code ""}.
 *
 * @param sha256 lower-case hex, 64 digits
 */
public record CommitCheck(String sha256, byte[] sha256Bytes, String sha1, String mime) {
    public static CommitCheck of(CommitRequest request) {
        MetadataNames.checkFile(request.bucket(), request.filename());
        if (request.size() < 0) {
            throw bad("size must not be negative: " + request.size());
        }
        String sha256 = Objects.requireNonNullElse(request.sha256(), "").toLowerCase(Locale.ROOT);
        byte[] sha256Bytes = MetadataNames.sha256Bytes(sha256);
        if (request.dedup()) {
            if (!request.chunks().isEmpty()) {
                throw bad("a dedup commit names no chunks (it references stored content)");
            }
        } else {
            checkChunks(request);
        }
        return new CommitCheck(sha256, sha256Bytes, Objects.requireNonNullElse(request.sha1(), ""),
                Objects.requireNonNullElse(request.mime(), ""));
    }

    private static void checkChunks(CommitRequest request) {
        if (request.chunks().isEmpty() && request.size() > 0) {
            throw new XfsException(ErrorCode.MISSING_CHUNKS, "a commit of " + request.size()
                    + " bytes without dedup names the chunks written");
        }
        long total = 0;
        Set<Long> keys = new HashSet<>();
        for (NeedleRef chunk : request.chunks()) {
            if (chunk.size() < 0) {
                throw bad("chunk " + chunk.vid() + "/" + chunk.key() + " has a negative size");
            }
            if (!keys.add(chunk.key())) {
                throw bad("needle key " + chunk.key() + " is named twice");
            }
            total += chunk.size();
            if (total < 0) {
                throw bad("chunk sizes add up to more than " + Long.MAX_VALUE + " bytes");
            }
        }
        if (total != request.size()) {
            throw bad("chunk sizes add up to " + total + " bytes, the file has " + request.size());
        }
    }

    private static XfsException bad(String message) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, message);
    }
}
