package io.xfs.directory.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.servlet.AuditFilter;
import io.xfs.common.auth.servlet.ServletSignableRequest;
import io.xfs.common.auth.sigv4.SigV4Verifier;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets through only requests signed with the admin key (SigV4) to {@code /auth/**}, and tells the audit log
 * ({@link AuditFilter}) which key made the call. The proxies' lookups ({@code /auth/key}, {@code /auth/policies}) are signed
 * with it too: they hand out secrets.
 */
final class AdminKeyInterceptor implements HandlerInterceptor {
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
        // The audit line (AuditFilter, on /auth/admin/**) names the key verified here, not the one claimed.
        request.setAttribute(AuditFilter.CALLER, "key:" + verified.accessKeyId());
        return true;
    }
}
