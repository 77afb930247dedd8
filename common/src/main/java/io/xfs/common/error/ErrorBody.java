package io.xfs.common.error;

/** {@code {"code":<int>,"message":"..."}}: the body of every error answer (SPEC §3). */
public record ErrorBody(int code, String message) {
    public static ErrorBody of(ErrorCode errorCode, String message) {
        return new ErrorBody(errorCode.code(), message);
    }
}
