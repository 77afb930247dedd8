package io.xfs.directory.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.servlet.ServletSignableRequest;
import io.xfs.common.auth.sigv4.SigV4Verifier;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets through only requests signed with the admin key (SigV4) to {@code /auth/**}, and logs every admin
 * call with the key that made it. The proxies' lookups ({@code /auth/key}, {@code /auth/policies}) are signed
 * with it too: they hand out secrets.
 */
final class AdminKeyInterceptor implements HandlerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AdminKeyInterceptor.class);

    private final SigV4Verifier verifier;
    private final AccessKeys keys;

    AdminKeyInterceptor(SigV4Verifier verifier, AccessKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ServletSignableRequest signable = new ServletSignableRequest(request);
        if (!SigV4Verifier.isSigned(signable)) {
            throw new XfsException(ErrorCode.UNAUTHORIZED,
                    "the key calls need a request signed with the admin key (AWS SigV4, xfs.auth.admin.*)");
        }
        AccessKey admin = keys.admin();
        if (admin == null) {
            throw new XfsException(ErrorCode.UNAUTHORIZED, "no admin key is configured on the directory "
                    + "(xfs.auth.admin.access-key and xfs.auth.admin.secret-key)");
        }
        var verified = verifier.verify(signable, id -> id.equals(admin.id()) ? Optional.of(admin.secret())
                : Optional.empty());
        if (request.getRequestURI().startsWith("/auth/admin/")) {
            log.info("admin call {} {}?{} by key {}", request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), verified.accessKeyId());
        }
        return true;
    }
}
