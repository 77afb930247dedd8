package io.xfs.proxy.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.common.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Writes the public API's error answers, {@code {"code","message"}} with the status of their {@link ErrorCode}
 * (SPEC §3), the same way for the plain servlets ({@link FileServlet}), Spring MVC ({@link ErrorAdvice}) and the
 * container's error page ({@link ErrorPageController}). A failure after the response was committed is rethrown
 * instead: the servlet container then closes the connection, so a client never takes a truncated body for a
 * complete one.
 */
final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Answers {@code e}, or rethrows it when the response is already committed. */
    static void send(HttpServletResponse response, XfsException e) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        ErrorCode code = e.errorCode();
        if (code.httpStatus() >= 500) {
            log.warn("{} ({}): {}", code, code.httpStatus(), e.getMessage());
        } else {
            log.debug("{} ({}): {}", code, code.httpStatus(), e.getMessage());
        }
        response.reset();
        if (e instanceof ByteRange.Unsatisfiable unsatisfiable) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, unsatisfiable.contentRange());
        }
        if (code == ErrorCode.PROXY_BUSY) {
            // Busy for a moment: read buffers free up as the reads holding them finish (docs/api.md).
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
            // The body may be mostly unread: close rather than read it just to keep the connection.
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        write(response, code.httpStatus(), e.body());
    }

    /**
     * Answers an unexpected failure as a logged 500, or rethrows it when the response is already committed.
     * An {@link IOException} is the client's connection failing: nothing to answer, it is rethrown too.
     */
    static <E extends Exception> void sendUnexpected(HttpServletResponse response, E e) throws E, IOException {
        if (response.isCommitted() || e instanceof IOException) {
            throw e;
        }
        log.error("unexpected failure", e);
        response.reset();
        write(response, 500, ErrorBody.of(ErrorCode.INTERNAL, e.toString()));
    }

    /** Writes {@code body} with {@code status} over whatever headers the response has. */
    static void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.setStatus(status);
        writeJson(response, body);
    }

    /** Any JSON answer of a servlet, errors or not: {@code application/json} with its length. */
    static void writeJson(HttpServletResponse response, Object body) throws IOException {
        byte[] json = Json.write(body);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
