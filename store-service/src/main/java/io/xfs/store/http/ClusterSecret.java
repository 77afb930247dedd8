package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.web.Authenticator;
import io.xfs.common.web.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * The store's one credential check, on both ports: {@code X-Xfs-Secret} must equal {@code xfs.cluster-secret}
 * on every call that changes something (every method but GET, HEAD and OPTIONS); reads need no secret.
 * 401 without the header, 403 with a wrong one; compared in constant time.
 */
final class ClusterSecret implements Authenticator {
    private final byte[] secret;

    ClusterSecret(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws 401 or 403 unless a call of {@code method} carrying {@code given} may proceed. */
    void check(String method, @Nullable String given) {
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        if (given == null) {
            throw new XfsException(ErrorCode.UNAUTHORIZED, "this call needs the cluster secret in "
                    + XfsHeaders.CLUSTER_SECRET);
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw new XfsException(ErrorCode.FORBIDDEN, "wrong cluster secret in " + XfsHeaders.CLUSTER_SECRET);
        }
    }

    @Override
    public void authenticate(Exchange exchange) {
        check(exchange.method(), exchange.header(XfsHeaders.CLUSTER_SECRET));
    }
}
