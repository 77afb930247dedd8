package io.xfs.store.http;

import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@link ClusterSecret} on the management port (admin calls). Installed only when a secret is configured. */
final class ClusterSecretFilter extends OncePerRequestFilter {
    private final ClusterSecret secret;

    ClusterSecretFilter(ClusterSecret secret) {
        this.secret = secret;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            secret.check(request.getMethod(), request.getHeader(XfsHeaders.CLUSTER_SECRET));
        } catch (XfsException e) {
            byte[] json = Json.write(e.body());
            response.setStatus(e.errorCode().httpStatus());
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.setHeader("Connection", "close");
            response.getOutputStream().write(json);
            return;
        }
        chain.doFilter(request, response);
    }
}
