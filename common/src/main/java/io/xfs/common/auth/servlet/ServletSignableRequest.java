package io.xfs.common.auth.servlet;

import io.xfs.common.auth.sigv4.SignableRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A servlet request as SigV4 sees it: the raw URI and query as received, headers by name. */
public record ServletSignableRequest(HttpServletRequest request) implements SignableRequest {

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getRequestURI();
    }

    @Override
    public @Nullable String rawQuery() {
        return request.getQueryString();
    }

    @Override
    public List<String> headers(String name) {
        var values = request.getHeaders(name);
        return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
    }

    @Override
    public @Nullable String header(String name) {
        return request.getHeader(name);
    }
}
