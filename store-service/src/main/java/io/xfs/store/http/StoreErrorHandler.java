package io.xfs.store.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps what the store's controllers throw to the status of its {@link ErrorCode} and the body
 * {@code {"code":N,"message":"..."}}; Spring's own errors (unknown path, wrong method) keep their status.
 */
@RestControllerAdvice
class StoreErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(StoreErrorHandler.class);

    @ExceptionHandler(XfsException.class)
    ResponseEntity<ErrorBody> xfs(XfsException e) {
        if (e.errorCode().httpStatus() >= 500) {
            log.warn("{}: {}", e.errorCode(), e.getMessage());
        }
        return ResponseEntity.status(e.errorCode().httpStatus()).body(e.body());
    }

    /** Tomcat's parameter parsing (on the first {@code @RequestParam}) refuses broken escapes and the like. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorBody> badParameters(InvalidParameterException e) {
        return ResponseEntity.badRequest()
                .body(ErrorBody.of(ErrorCode.BAD_ARGUMENT, "malformed query or form parameters: " + e.getMessage()));
    }

    /** Spring's own errors (unknown path, wrong method, bad media type) keep their status; the rest is 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> other(Exception e) {
        if (e instanceof ErrorResponse spring) {
            int status = spring.getStatusCode().value();
            ErrorCode code = status == 404 ? ErrorCode.FILE_NOT_FOUND
                    : status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_ARGUMENT;
            String detail = spring.getBody().getDetail();
            return ResponseEntity.status(status).body(ErrorBody.of(code, detail != null ? detail : e.getMessage()));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ErrorBody.of(ErrorCode.INTERNAL, e.toString()));
    }
}
