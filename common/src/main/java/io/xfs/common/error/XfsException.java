package io.xfs.common.error;

/**
 * The one exception type xfs code throws for expected failures. The {@link ErrorCode} decides the HTTP
 * status at the edge; the message names what failed (volume id, path, offset) for the log and the client.
 */
public class XfsException extends RuntimeException {
    private final ErrorCode errorCode;

    public XfsException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public XfsException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The JSON body every service answers an error with. */
    public ErrorBody body() {
        return new ErrorBody(errorCode.code(), getMessage());
    }
}
