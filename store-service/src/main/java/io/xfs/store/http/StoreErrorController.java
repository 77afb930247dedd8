package io.xfs.store.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, in place of Boot's whitelabel controller): errors that reach
 * the container answer the store's JSON body. On a response already committed (a needle aborted
 * mid-stream after a CRC mismatch) it writes nothing at all: Tomcat includes the error page into such a
 * response before it cuts the connection, and any bytes written here could otherwise make up the missing
 * length of a corrupt needle.
 */
@RestController
class StoreErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    @Nullable ResponseEntity<ErrorBody> error(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return null;
        }
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code && code >= 400 ? code : 500;
        ErrorCode errorCode = status == 404 ? ErrorCode.FILE_NOT_FOUND
                : status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_ARGUMENT;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        HttpStatus known = HttpStatus.resolve(status);
        String text = message instanceof String s && !s.isBlank() ? s
                : known != null ? known.getReasonPhrase() : "HTTP " + status;
        return ResponseEntity.status(status).body(ErrorBody.of(errorCode, text));
    }
}
