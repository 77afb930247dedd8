package io.xfs.directory.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error the directory answers is {@code {"code":N,"message":"..."}} with the status of its code. */
@RestControllerAdvice
class ErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(XfsException.class)
    ResponseEntity<ErrorBody> xfs(XfsException e) {
        logIfServerError(e);
        return ResponseEntity.status(e.errorCode().httpStatus()).body(e.body());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(CallParams.missing(e.getParameterName()).body());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(CallParams.badValue(e.getName(), e.getValue()).body());
    }

    /** Tomcat's parameter parsing (on the first {@code @RequestParam}) refuses broken escapes and the like. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorBody> badParameters(InvalidParameterException e) {
        return error(ErrorCode.BAD_ARGUMENT, "malformed query or form parameters: " + e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return error(ErrorCode.BAD_BODY, unreadableBody(e.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(ErrorCode.BAD_BODY, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ErrorBody.of(ErrorCode.BAD_ARGUMENT, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> notFound(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ErrorBody.of(ErrorCode.BAD_ARGUMENT, "no such call: /" + e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        XfsException failure = unexpectedFailure(e);
        return ResponseEntity.status(failure.errorCode().httpStatus()).body(failure.body());
    }

    /** Server-side failures are worth a line in the log; a client's mistakes are not. */
    static void logIfServerError(XfsException e) {
        if (e.errorCode().httpStatus() >= 500) {
            log.warn("{}: {}", e.errorCode(), e.getMessage());
        }
    }

    /** A failure nobody expected, logged with its stack, as the 500 it answers. */
    static XfsException unexpectedFailure(Exception e) {
        log.error("Unexpected failure", e);
        return new XfsException(ErrorCode.INTERNAL, e.toString(), e);
    }

    static String unreadableBody(@Nullable String why) {
        return "the request body is not valid JSON for this call: " + why;
    }

    private static ResponseEntity<ErrorBody> error(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).body(ErrorBody.of(code, message));
    }
}
