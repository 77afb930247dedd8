package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.proxy.token.SystemTokens;
import io.xfs.proxy.token.Token;
import io.xfs.proxy.token.TokenService;
import io.xfs.proxy.token.TokenType;
import jakarta.servlet.http.HttpServletRequest;

/** Who may call: the system token of backend services, and the temporary tokens of browsers. Thread-safe. */
final class MasAuth {
    static final String SYSTEM_TOKEN_HEADER = "systemToken";
    static final String TOKEN_HEADER = "token";
    static final String TOKEN_PARAMETER = "token";

    private final SystemTokens systemTokens;
    private final TokenService tokens;

    MasAuth(SystemTokens systemTokens, TokenService tokens) {
        this.systemTokens = systemTokens;
        this.tokens = tokens;
    }

    /** @throws XfsException {@link ErrorCode#UNAUTHORIZED} without a configured system token */
    void requireSystem(HttpServletRequest request) {
        if (!systemTokens.matches(request.getHeader(SYSTEM_TOKEN_HEADER))) {
            throw new XfsException(ErrorCode.UNAUTHORIZED, systemTokens.configured()
                    ? "this call needs a valid system token in the '" + SYSTEM_TOKEN_HEADER + "' header"
                    : "no system token is configured on this proxy (xfs.tokens.system)");
        }
    }

    /** Checks and uses the request's token (header {@code token}, else parameter {@code token}). */
    Token require(HttpServletRequest request, QueryString query, TokenType type) {
        String text = request.getHeader(TOKEN_HEADER);
        return tokens.authorize(text != null && !text.isEmpty() ? text : query.first(TOKEN_PARAMETER), type);
    }

    TokenService tokens() {
        return tokens;
    }
}
