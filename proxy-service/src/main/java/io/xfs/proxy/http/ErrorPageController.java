package io.xfs.proxy.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (replacing Spring Boot's): errors that never reached {@link ErrorResponses} (a
 * filter, the container itself, a {@code sendError}) still answer {@code {"code","message"}}. After a failure
 * in a response that was already committed, the container includes this page into the body and then closes
 * the connection: it must write nothing then, or its bytes could pass for the end of a file.
 */
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        @Nullable Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        while (exception != null && !(exception instanceof XfsException) && exception.getCause() != exception) {
            exception = exception.getCause();
        }
        int httpStatus = status instanceof Integer code && code >= 400 ? code : 500;
        ErrorBody body;
        if (exception instanceof XfsException xfs) {
            httpStatus = xfs.errorCode().httpStatus();
            body = xfs.body();
        } else {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            body = ErrorBody.of(httpStatus >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_ARGUMENT,
                    message instanceof String text && !text.isEmpty() ? text : "HTTP " + httpStatus);
        }
        ErrorResponses.write(response, httpStatus, body);
    }
}
