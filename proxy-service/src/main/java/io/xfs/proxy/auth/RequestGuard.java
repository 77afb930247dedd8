package io.xfs.proxy.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.AccessRules;
import io.xfs.common.auth.access.Permission;
import io.xfs.common.auth.servlet.ServletSignableRequest;
import io.xfs.common.auth.sigv4.PayloadVerifier;
import io.xfs.common.auth.sigv4.ReplayGuard;
import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Verifier;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.json.Json;
import io.xfs.common.path.XfsPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates and authorizes every request of the path API ({@code /file}, {@code /files},
 * {@code /fileinfo}): a SigV4 signature (header or presigned) with a key the directory knows, or no signature
 * where the bucket's policy lets anonymous callers in; then the key's permission for the bucket
 * ({@link AccessRules}). A signed payload hash is checked as the body streams ({@link PayloadVerifier}); a
 * write's signature is refused a second time ({@link ReplayGuard}). Token-authorized mas downloads (marked by
 * the private bucket's filter, which runs first) pass. Refusals are {@code {code,message}} 401/403.
 */
public final class RequestGuard extends OncePerRequestFilter {
    /** Set by the mas bucket's filter on a request it authorized with a download token. */
    public static final String TOKEN_AUTHORIZED = RequestGuard.class.getName() + ".tokenAuthorized";
    /** Set on a {@code /status} request signed with the admin key: only it sees the cluster's internals. */
    public static final String ADMIN_CALLER = RequestGuard.class.getName() + ".adminCaller";
    /**
     * Set on a root listing ({@code /fileinfo?path=/xfs/}): a {@code Predicate<String>} of the buckets the
     * caller may list (the admin key: all; a key: its grants; anyone: the public-read ones).
     */
    public static final String LISTABLE_BUCKETS = RequestGuard.class.getName() + ".listableBuckets";
    private static final String STATUS = "/status";
    private static final List<String> PATHS = List.of("/file", "/files", "/fileinfo", STATUS);
    /** The largest body read before its signature is checked, when the client sends no payload hash. */
    static final int MAX_UNHASHED_BODY = 1024 * 1024;

    private final SigV4Verifier verifier;
    private final AccessCache access;
    private final ReplayGuard replays;
    private final List<String> prefixes;

    RequestGuard(SigV4Verifier verifier, AccessCache access, ReplayGuard replays, List<String> prefixes) {
        this.verifier = verifier;
        this.access = access;
        this.replays = replays;
        this.prefixes = List.copyOf(prefixes);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int semicolon = uri.indexOf(';');
        return !PATHS.contains(semicolon < 0 ? uri : uri.substring(0, semicolon))
                || request.getMethod().equals("OPTIONS")
                || request.getAttribute(TOKEN_AUTHORIZED) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked;
        try {
            if (request.getRequestURI().equals(STATUS)) {
                markAdmin(request);
                chain.doFilter(request, response);
                return;
            }
            checked = check(request);
        } catch (XfsException refused) {
            response.setStatus(refused.errorCode().httpStatus());
            response.setContentType("application/json");
            response.getOutputStream().write(Json.write(ErrorBody.of(refused.errorCode(), refused.getMessage())));
            return;
        }
        chain.doFilter(checked, response);
    }

    /** Marks a {@code /status} request signed by the admin key; any other caller gets the public view. */
    private void markAdmin(HttpServletRequest request) {
        ServletSignableRequest signable = new ServletSignableRequest(request);
        if (SigV4Verifier.isSigned(signable)) {
            SigV4Verifier.Verified verified = verifier.verify(signable, id -> access.key(id).map(AccessKey::secret));
            if (access.key(verified.accessKeyId()).map(AccessKey::admin).orElse(false)) {
                request.setAttribute(ADMIN_CALLER, Boolean.TRUE);
            }
        }
    }

    private HttpServletRequest check(HttpServletRequest request) {
        String raw = QueryString.parseLenient(request.getQueryString()).first("path");
        if (isRootListing(request, raw)) {
            return listRoot(request);
        }
        XfsPath path = path(raw);
        if (path == null) {
            return request; // the API answers a missing or invalid path with its 400
        }
        Permission permission = permission(request, path);
        ServletSignableRequest signable = new ServletSignableRequest(request);
        if (!SigV4Verifier.isSigned(signable)) {
            AccessRules.check(null, path.bucket(), permission, access.policy(path.bucket()));
            return request;
        }
        String bodySha256 = null;
        if (SigV4Verifier.needsBodyHash(signable)) {
            // Generic SigV4 (curl 7.x) signs the body's hash without sending it: only a small body is read first.
            byte[] body = readSmallBody(request);
            bodySha256 = SigV4.sha256Hex(body);
            request = new BufferedBody(request, body);
            signable = new ServletSignableRequest(request);
        }
        SigV4Verifier.Verified verified = verify(signable, bodySha256);
        AccessKey key = access.key(verified.accessKeyId()).orElseThrow();
        AccessRules.check(key, path.bucket(), permission, access.policy(path.bucket()));
        if (permission == Permission.WRITE || permission == Permission.DELETE) {
            replays.accept(verified.signature(), verified.time().plus(verified.presigned()
                    ? SigV4Verifier.MAX_EXPIRES : SigV4Verifier.MAX_SKEW));
        }
        String payloadHash = verified.payloadHash();
        return payloadHash == null || permission != Permission.WRITE ? request : new VerifiedBody(request, payloadHash);
    }

    private SigV4Verifier.Verified verify(ServletSignableRequest signable, @Nullable String bodySha256) {
        return verifier.verify(signable, id -> access.key(id).map(AccessKey::secret), bodySha256);
    }

    private boolean isRootListing(HttpServletRequest request, @Nullable String rawPath) {
        return request.getRequestURI().equals("/fileinfo") && XfsPath.isRoot(rawPath, prefixes)
                && (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"));
    }

    /**
     * The root listing is open to anyone, signed or not: it shows each caller only the buckets it may list,
     * so an anonymous caller learns the public-read ones and nothing else.
     */
    private HttpServletRequest listRoot(HttpServletRequest request) {
        ServletSignableRequest signable = new ServletSignableRequest(request);
        AccessKey key = null;
        if (SigV4Verifier.isSigned(signable)) {
            // A GET has no body: its hash is the empty string's when the client does not send it.
            String bodySha256 = SigV4Verifier.needsBodyHash(signable) ? SigV4.EMPTY_SHA256 : null;
            key = access.key(verify(signable, bodySha256).accessKeyId()).orElseThrow();
        }
        AccessKey caller = key;
        Predicate<String> listable = bucket -> AccessRules.allows(caller, bucket, Permission.LIST,
                access.policy(bucket));
        request.setAttribute(LISTABLE_BUCKETS, listable);
        return request;
    }

    private static byte[] readSmallBody(HttpServletRequest request) {
        try {
            byte[] body = request.getInputStream().readNBytes(MAX_UNHASHED_BODY + 1);
            if (body.length > MAX_UNHASHED_BODY) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "a signed body over " + MAX_UNHASHED_BODY
                        + " bytes needs header x-amz-content-sha256 (its SHA-256, or UNSIGNED-PAYLOAD; with curl: "
                        + "-H 'x-amz-content-sha256: UNSIGNED-PAYLOAD')");
            }
            return body;
        } catch (IOException e) {
            throw new XfsException(ErrorCode.BAD_BODY, "reading the body failed: " + e.getMessage(), e);
        }
    }

    private @Nullable XfsPath path(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return XfsPath.parse(raw, prefixes);
        } catch (XfsException invalid) {
            return null;
        }
    }

    private static Permission permission(HttpServletRequest request, XfsPath path) {
        return switch (request.getMethod()) {
            case "GET", "HEAD" -> request.getRequestURI().startsWith("/fileinfo") && path.isDirectory()
                    ? Permission.LIST : Permission.READ;
            case "DELETE" -> Permission.DELETE;
            default -> Permission.WRITE;
        };
    }

    /** The request with its body, already read, served from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return servletStream(new java.io.ByteArrayInputStream(body), null);
        }
    }

    /** {@code in} as a servlet stream; {@code raw}, if given, answers the non-blocking calls. */
    private static ServletInputStream servletStream(InputStream in, @Nullable ServletInputStream raw) {
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return raw != null ? raw.isFinished() : false;
            }

            @Override
            public boolean isReady() {
                return raw == null || raw.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                if (raw == null) {
                    throw new IllegalStateException("a buffered body is read blocking");
                }
                raw.setReadListener(listener);
            }
        };
    }

    /** The request with its body checked against the signed payload hash as it is read. */
    private static final class VerifiedBody extends HttpServletRequestWrapper {
        private final String payloadHash;
        private @Nullable ServletInputStream body;

        VerifiedBody(HttpServletRequest request, String payloadHash) {
            super(request);
            this.payloadHash = payloadHash;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                ServletInputStream raw = super.getInputStream();
                body = servletStream(new PayloadVerifier(raw, payloadHash), raw);
            }
            return body;
        }
    }
}
