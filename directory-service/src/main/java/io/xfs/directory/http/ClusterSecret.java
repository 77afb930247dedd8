package io.xfs.directory.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The cluster-secret rule, for the Spring MVC calls ({@link SecretInterceptor}) and the plain servlets
 * alike: with {@code xfs.cluster-secret} set, write and admin calls (every method but GET and HEAD, and
 * anything under {@code /admin/}) must carry it in {@code X-Xfs-Secret}: missing gives 401, wrong 403.
 * Compared in constant time. Thread-safe.
 */
final class ClusterSecret {
    private final byte[] secret;

    ClusterSecret(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws XfsException {@link ErrorCode#UNAUTHORIZED} or {@link ErrorCode#FORBIDDEN} */
    void check(HttpServletRequest request) {
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && !request.getRequestURI().startsWith("/admin/")) {
            return;
        }
        String given = request.getHeader(XfsHeaders.CLUSTER_SECRET);
        if (given == null || given.isEmpty()) {
            throw new XfsException(ErrorCode.UNAUTHORIZED,
                    "this call needs the cluster secret in header " + XfsHeaders.CLUSTER_SECRET);
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw new XfsException(ErrorCode.FORBIDDEN, "wrong cluster secret");
        }
    }
}
