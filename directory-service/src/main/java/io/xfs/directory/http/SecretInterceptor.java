package io.xfs.directory.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the {@link ClusterSecret} rule to the calls Spring MVC serves. */
final class SecretInterceptor implements HandlerInterceptor {
    private final ClusterSecret secret;

    SecretInterceptor(ClusterSecret secret) {
        this.secret = secret;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        secret.check(request);
        return true;
    }
}
