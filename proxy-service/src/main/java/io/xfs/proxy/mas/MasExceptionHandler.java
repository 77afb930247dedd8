package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every failure of the mas controllers in the seed's envelope, with the HTTP status of the error
 * code. It comes before the proxy's own advice, which answers the path API in {@code {code, message}}.
 */
@RestControllerAdvice(basePackageClasses = MasExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MasExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(MasExceptionHandler.class);

    @ExceptionHandler(XfsException.class)
    ResponseEntity<MasEnvelope> xfs(XfsException e, HttpServletResponse response) {
        if (response.isCommitted()) {
            // Bytes of a download are out: rethrown, the container aborts the connection rather than
            // let a truncated body pass for a complete one.
            throw e;
        }
        ErrorCode code = e.errorCode();
        if (code.httpStatus() >= 500) {
            log.warn("mas call failed: {}", e.getMessage(), e);
        }
        Object data = e instanceof MasException mas ? mas.data() : null;
        return respond(code, e.getMessage(), data);
    }

    /** Mostly a client that went away mid-download: nothing can be answered any more. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<MasEnvelope> io(IOException e, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        log.warn("mas call failed", e);
        return respond(ErrorCode.INTERNAL, "I/O error: " + e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<MasEnvelope> unexpected(Exception e, HttpServletResponse response) throws Exception {
        if (response.isCommitted()) {
            throw e;
        }
        if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            // Spring's own refusals (method not allowed, unreadable request...) keep their status.
            return ResponseEntity.status(spring.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                    .body(MasEnvelope.error(ErrorCode.BAD_ARGUMENT, e.getMessage(), null));
        }
        log.error("mas call failed unexpectedly", e);
        return respond(ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName(), null);
    }

    static ResponseEntity<MasEnvelope> respond(ErrorCode code, String message, @Nullable Object data) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(MasEnvelope.error(code, message, data));
    }
}
