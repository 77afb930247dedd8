package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code X-Xfs-Secret} equal to {@code xfs.cluster-secret} on every call that changes something
 * (writes, deletes, admin: every method but GET, HEAD and OPTIONS); reads need no secret. Installed only
 * when a secret is configured. 401 without the header, 403 with a wrong one; compared in constant time.
 */
final class ClusterSecretFilter extends OncePerRequestFilter {
    private final byte[] secret;

    ClusterSecretFilter(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(XfsHeaders.CLUSTER_SECRET);
        if (given == null) {
            Bodies.refuse(request, response, new XfsException(ErrorCode.UNAUTHORIZED,
                    "this call needs the cluster secret in " + XfsHeaders.CLUSTER_SECRET));
            return;
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            Bodies.refuse(request, response, new XfsException(ErrorCode.FORBIDDEN,
                    "wrong cluster secret in " + XfsHeaders.CLUSTER_SECRET));
            return;
        }
        chain.doFilter(request, response);
    }
}
