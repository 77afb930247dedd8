package io.xfs.sts.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns failures into {@code {"code":N,"message":"..."}} with the status of their {@link ErrorCode}. The body
 * is written by hand so that no content negotiation (a client asking for octet-stream) can swallow it. When
 * the response is already committed (a stream broke midway) the connection is left to fail instead.
 */
@RestControllerAdvice(assignableTypes = StsController.class)
class ErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(XfsException.class)
    void xfs(XfsException e, HttpServletResponse response) throws IOException {
        write(response, e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws Exception {
        if (response.isCommitted()) {
            throw e;
        }
        log.error("sts request failed", e);
        write(response, ErrorCode.INTERNAL, e.toString());
    }

    private static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            throw new IOException("response already committed; cannot report: " + message);
        }
        String contentRange = response.getHeader("Content-Range");
        response.reset();
        if (contentRange != null && code == ErrorCode.RANGE_NOT_SATISFIABLE) {
            response.setHeader("Content-Range", contentRange);
        }
        response.setStatus(code.httpStatus());
        StsController.writeJson(response, ErrorBody.of(code, message));
    }
}
