package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.json.Json;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.auth.RequestGuard;
import io.xfs.proxy.token.Token;
import io.xfs.proxy.token.TokenService;
import io.xfs.proxy.token.TokenType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the path API ({@code /file}, {@code /files}, {@code /fileinfo}: any request outside {@code /api/}
 * with a {@code path} parameter) out of the mas bucket. Reading a file there needs a download token for its
 * content ({@code ?token=} or header {@code token}: the file {@code /<prefix>/mas/<sha256>/<name>} is served
 * with a token for that sha256); listing, writing and deleting are always refused, in the path API's
 * {@code {code, message}} form (403). A path that does not parse is left to the path API to refuse.
 */
class PrivateBucketFilter extends OncePerRequestFilter {
    private final String bucket;
    private final List<String> prefixes;
    private final TokenService tokens;

    PrivateBucketFilter(String bucket, List<String> prefixes, TokenService tokens) {
        this.bucket = bucket;
        this.prefixes = List.copyOf(prefixes);
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        String rawPath = query.first("path");
        XfsPath path = null;
        if (rawPath != null) {
            try {
                path = XfsPath.parse(rawPath, prefixes);
            } catch (XfsException invalid) {
                // the path API answers it as the 400 it is
            }
        }
        if (path == null || !path.bucket().equals(bucket)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            authorize(request, query, path);
            request.setAttribute(RequestGuard.TOKEN_AUTHORIZED, Boolean.TRUE);
        } catch (XfsException refused) {
            response.setStatus(refused.errorCode().httpStatus());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(Json.write(ErrorBody.of(refused.errorCode(), refused.getMessage())));
            return;
        }
        chain.doFilter(request, response);
    }

    private void authorize(HttpServletRequest request, QueryString query, XfsPath path) {
        String method = request.getMethod();
        String name = path.name();
        int slash = name.indexOf('/');
        boolean readsOneFile = (method.equals("GET") || method.equals("HEAD"))
                && request.getRequestURI().equals("/file") && slash > 0 && slash < name.length() - 1;
        if (!readsOneFile) {
            throw new XfsException(ErrorCode.FORBIDDEN, "bucket '" + bucket
                    + "' is private: use the token API (/api/file/...)");
        }
        String header = request.getHeader(MasAuth.TOKEN_HEADER);
        Token token = tokens.authorize(header != null && !header.isEmpty() ? header : query.first(MasAuth.TOKEN_PARAMETER),
                TokenType.DOWNLOAD);
        if (!name.substring(0, slash).equals(token.hash())) {
            throw new XfsException(ErrorCode.FORBIDDEN, "the token is for other content");
        }
    }
}
