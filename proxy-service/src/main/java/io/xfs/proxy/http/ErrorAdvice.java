package io.xfs.proxy.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps failures to {@code {"code","message"}} with the status of their {@link ErrorCode} (SPEC §3). A
 * failure after the response was committed is rethrown instead: the servlet container then closes the
 * connection, so a client never takes a truncated body for a complete one.
 */
@RestControllerAdvice
class ErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(XfsException.class)
    ResponseEntity<ErrorBody> xfs(XfsException e, HttpServletResponse response) {
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
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (e instanceof ByteRange.Unsatisfiable unsatisfiable) {
            answer.header(HttpHeaders.CONTENT_RANGE, unsatisfiable.contentRange());
        }
        if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
            // The body may be mostly unread: close rather than read it just to keep the connection.
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer.body(e.body());
    }

    /**
     * Spring's own request errors (unknown route, wrong method, ...) with the status Spring chose; anything
     * else unexpected is a 500. An {@link IOException} is the client's connection failing: nothing to answer.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> other(Exception e, HttpServletResponse response) throws Exception {
        if (response.isCommitted() || e instanceof IOException) {
            throw e;
        }
        response.reset();
        if (e instanceof ErrorResponse spring) {
            int status = spring.getStatusCode().value();
            ErrorCode code = status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_ARGUMENT;
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBody.of(code, e.getMessage()));
        }
        log.error("unexpected failure", e);
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(ErrorCode.INTERNAL, e.toString()));
    }
}
