package io.xfs.proxy.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The controllers' failures, answered by {@link ErrorResponses} as the servlets answer theirs. */
@RestControllerAdvice
class ErrorAdvice {

    @ExceptionHandler(XfsException.class)
    void xfs(XfsException e, HttpServletResponse response) throws IOException {
        ErrorResponses.send(response, e);
    }

    /**
     * Spring's own request errors (unknown route, wrong method, ...) with the status Spring chose; anything
     * else unexpected is a 500.
     */
    @ExceptionHandler(Exception.class)
    void other(Exception e, HttpServletResponse response) throws Exception {
        if (e instanceof ErrorResponse spring && !response.isCommitted()) {
            int status = spring.getStatusCode().value();
            response.reset();
            ErrorResponses.write(response, status,
                    ErrorBody.of(status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_ARGUMENT, e.getMessage()));
            return;
        }
        ErrorResponses.sendUnexpected(response, e);
    }
}
