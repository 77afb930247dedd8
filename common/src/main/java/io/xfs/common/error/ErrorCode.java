package io.xfs.common.error;

import java.util.Optional;

/**
 * Every error xfs reports, with the HTTP status that means it. The numeric code is what clients see
 * in {@code {"code":N,"message":"..."}}; codes are stable once released, so add new ones, never renumber.
 */
public enum ErrorCode {
    // 400: the caller sent something wrong
    BAD_ARGUMENT(1000, 400),
    INVALID_PATH(1001, 400),
    INVALID_BUCKET(1002, 400),
    MISSING_CONTENT_TYPE(1003, 400),
    BAD_BODY(1004, 400),
    HASH_MISMATCH(1005, 400),
    LENGTH_MISMATCH(1006, 400),
    MISSING_CHUNKS(1007, 400),
    CHUNK_TOO_LARGE(1008, 400),

    // 401/403: who is asking
    UNAUTHORIZED(1100, 401),
    FORBIDDEN(1101, 403),

    // 404: absent (an unknown volume, key, deleted needle and a wrong cookie all look alike on purpose)
    FILE_NOT_FOUND(1200, 404),
    NEEDLE_NOT_FOUND(1201, 404),
    VOLUME_NOT_FOUND(1202, 404),
    GROUP_NOT_FOUND(1203, 404),
    STORE_NOT_FOUND(1204, 404),

    // 409: a conflict with what is stored
    KEY_CONFLICT(1300, 409),
    PLACEMENT_EXPIRED(1301, 409),
    CONTENT_VANISHED(1302, 409),
    ALREADY_EXISTS(1303, 409),
    CHUNK_CONFLICT(1304, 409),

    // 413/416: sizes and ranges
    PAYLOAD_TOO_LARGE(1400, 413),
    RANGE_NOT_SATISFIABLE(1401, 416),

    // 424: a dependency (an origin server) failed
    FETCH_FAILED(1500, 424),

    // 5xx: the system cannot do it now
    INTERNAL(1600, 500),
    CORRUPT_DATA(1601, 500),
    VOLUME_READ_ONLY(1602, 507),
    VOLUME_FULL(1603, 507),
    NO_WRITABLE_GROUP(1700, 503),
    STORE_UNAVAILABLE(1701, 503),
    DIRECTORY_UNAVAILABLE(1702, 503),
    ZOOKEEPER_UNAVAILABLE(1703, 503),
    UPSTREAM_TIMEOUT(1704, 504),
    SHUTTING_DOWN(1705, 503),
    /** The proxy's read buffers (xfs.proxy.read-buffer-budget) stayed taken: retry after Retry-After. */
    PROXY_BUSY(1706, 503);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The error with this numeric code, or empty for a code this version does not know (a newer peer's). */
    public static Optional<ErrorCode> byCode(int code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code == code) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
