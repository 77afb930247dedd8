package io.xfs.store.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Error answers of the store, written the same way by the servlets, the secret filter and the controller
 * advice: the status of the {@link ErrorCode} and the body {@code {"code":N,"message":"..."}}.
 */
final class HttpErrors {
    /**
     * The one answer for an unknown volume, an unknown key, a deleted needle and a wrong cookie on reads and
     * deletes: identical bodies, so that nobody can probe which of them it was (a cookie guards a needle).
     */
    static final XfsException NOT_FOUND = new XfsException(ErrorCode.NEEDLE_NOT_FOUND, "needle not found") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };
    private static final byte[] NOT_FOUND_BODY = Json.write(NOT_FOUND.body());

    private HttpErrors() {
    }

    /** Sends {@code e} unless the response is already committed (then the caller must abort instead). */
    static void send(HttpServletResponse response, XfsException e) throws IOException {
        response.reset();
        write(response, e);
    }

    /** Writes {@code e} keeping the headers set so far (the caller reset the response). */
    static void write(HttpServletResponse response, XfsException e) throws IOException {
        ErrorBody body = e.body();
        byte[] json = e == NOT_FOUND ? NOT_FOUND_BODY : Json.write(body);
        response.setStatus(e.errorCode().httpStatus());
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** True for the codes that a read or delete must answer with {@link #NOT_FOUND}. */
    static boolean isAbsent(XfsException e) {
        return e.errorCode().httpStatus() == 404;
    }
}
