package io.xfs.sts.http;

import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.auth.internal.InternalVerifier;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.json.Json;
import io.xfs.sts.cluster.Router;
import io.xfs.sts.cluster.StsMember;
import io.xfs.sts.fetch.FetchService;
import io.xfs.sts.fetch.FetchUri;
import io.xfs.sts.slot.SlotStore;
import io.xfs.sts.slot.StoreKey;
import io.xfs.sts.slot.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import io.xfs.common.error.ErrorBody;
import jakarta.servlet.http.HttpServlet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The four calls of SPEC §6, as a plain servlet mapped to {@code /v1/fetch} and {@code /v1/file/*}: Spring
 * MVC's dispatch cost about a third of the CPU of a 1 KiB read (docs/bench-sts.md), and these calls need
 * none of it. Each call first asks the {@link Router} who owns the key (the uri or the filename); a request
 * for another instance's key is forwarded there unless it already carries the hop header (which, with a
 * cluster secret, only a call signed by another sts instance may carry). Parameters come
 * from the raw query string ({@link io.xfs.common.http.QueryString}), bodies are streamed to disk, and every failure answers
 * {@code {"code":N,"message":"..."}} with the status of its {@link ErrorCode}.
 */
final class StsServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(StsServlet.class);
    static final String FETCH_PATH = "/v1/fetch";
    static final String FILE_PREFIX = "/v1/file/";
    /** Longest filename accepted, in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 1024;

    private final SlotStore store;
    private final FetchService fetches;
    private final Router router;
    private final Forwarder forwarder;
    private final long maxFileSize;
    private final transient @Nullable InternalVerifier peers;

    /** @param peers checks calls forwarded by other instances; null without a cluster secret */
    StsServlet(SlotStore store, FetchService fetches, Router router, Forwarder forwarder, StsLimits limits,
               @Nullable InternalVerifier peers) {
        this.store = store;
        this.fetches = fetches;
        this.router = router;
        this.forwarder = forwarder;
        this.maxFileSize = limits.maxFileSize();
        this.peers = peers;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, false);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true);
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
        boolean fetch = FETCH_PATH.equals(request.getServletPath());
        // Name the route in the http.server.requests metric (it would say UNKNOWN outside Spring MVC).
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(fetch ? FETCH_PATH : FILE_PREFIX + "{filename}"));
        try {
            if (fetch && post) {
                prefetch(request, response);
            } else if (fetch) {
                fetch(request, response);
            } else if (post) {
                write(request, response);
            } else {
                read(request, response);
            }
        } catch (XfsException e) {
            writeError(response, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("sts request {} {} failed", request.getMethod(), request.getRequestURI(), e);
            writeError(response, ErrorCode.INTERNAL, e.toString());
        }
    }

    private void prefetch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        QueryString params = QueryString.parseKeepingPlus(request.getQueryString());
        URI uri = FetchUri.decode(params.required("uri"));
        long length = length(params);
        boolean sync = flag(params, "sync");
        if (forwarded(uri.toString(), true, request, response)) {
            return;
        }
        fetches.checkTarget(uri);
        if (sync) {
            StoredFile file = fetches.fetch(uri, length);
            writeJson(response, Map.of("uri", uri.toString(), "size", file.length()));
        } else {
            fetches.prefetch(uri, length);
            writeJson(response, Map.of("uri", uri.toString()));
        }
    }

    private void fetch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        QueryString params = QueryString.parseKeepingPlus(request.getQueryString());
        URI uri = FetchUri.decode(params.required("uri"));
        long length = length(params);
        if (forwarded(uri.toString(), true, request, response)) {
            return;
        }
        Optional<StoredFile> cached = fetches.cached(uri);
        StoredFile file;
        if (cached.isPresent() && (length < 0 || cached.get().length() == length)) {
            file = cached.get();
        } else {
            fetches.checkTarget(uri);
            file = fetches.fetch(uri, length);
        }
        FileResponder.send(file, request, response);
    }

    private void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = fileName(request);
        long declared = declaredLength(request);
        if (forwarded(name, false, request, response)) {
            return;
        }
        if (request.getContentLengthLong() > maxFileSize) {
            throw new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "body of " + request.getContentLengthLong() + " bytes exceeds the limit of " + maxFileSize);
        }
        StoredFile file = store.write(StoreKey.file(name), request.getInputStream(), declared, maxFileSize);
        writeJson(response, Map.of("name", name, "size", file.length()));
    }

    private void read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = fileName(request);
        if (forwarded(name, false, request, response)) {
            return;
        }
        StoredFile file = store.find(StoreKey.file(name))
                .orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND, "no file named " + name));
        FileResponder.send(file, request, response);
    }

    /**
     * Forwards a call to the owner of its key and answers true, or answers false when this instance owns it.
     * An unreachable owner of a uri is skipped (a cache may fill anywhere); of a filename it is a 503, since a
     * file written here would not be found through the owner (docs/sts.md).
     */
    private boolean forwarded(String key, boolean isUri, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<StsMember> owner = owner(key, request);
        if (owner.isEmpty()) {
            return false;
        }
        try {
            forwarder.forward(owner.get(), request, response);
            return true;
        } catch (Forwarder.OwnerUnreachableException e) {
            if (!isUri) {
                throw new XfsException(ErrorCode.STORE_UNAVAILABLE, e.getMessage());
            }
            log.warn("{}; fetching {} here instead", e.getMessage(), key);
            return false;
        }
    }

    private Optional<StsMember> owner(String key, HttpServletRequest request) {
        if (request.getHeader(XfsHeaders.HOP) != null) {
            if (peers != null) {
                // Served here whoever owns it: only another instance may ask that (docs/api.md, "Internal calls").
                peers.verify(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                        request.getHeader(InternalSigner.HEADER), request.getContentLengthLong());
            }
            return Optional.empty();
        }
        return router.remoteOwner(key);
    }

    /** The filename: the rest of the raw path after {@code /v1/file/}, percent-decoded; never a disk path. */
    static String fileName(HttpServletRequest request) {
        String raw = request.getRequestURI();
        int at = raw.indexOf(FILE_PREFIX);
        String name = at < 0 ? "" : QueryString.percentDecode(raw.substring(at + FILE_PREFIX.length()));
        if (name.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "filename is missing: use /v1/file/<filename>");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "filename is longer than " + MAX_NAME_BYTES + " bytes");
        }
        return name;
    }

    /** The length the writer declares: {@code ?length=}, else Content-Length, else unknown (-1). */
    private static long declaredLength(HttpServletRequest request) {
        long fromQuery = length(QueryString.parseKeepingPlus(request.getQueryString()));
        long fromHeader = request.getContentLengthLong();
        if (fromQuery >= 0 && fromHeader >= 0 && fromQuery != fromHeader) {
            throw new XfsException(ErrorCode.LENGTH_MISMATCH,
                    "declared length " + fromQuery + " but Content-Length is " + fromHeader);
        }
        return fromQuery >= 0 ? fromQuery : fromHeader;
    }

    /** {@code ?length=}: a non-negative length, or -1 when absent. */
    private static long length(QueryString params) {
        return params.longValue("length", -1, 0, Long.MAX_VALUE);
    }

    private static boolean flag(QueryString params, String name) {
        String value = params.first(name);
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' must be true or false: " + value);
    }

    /** Reports a failure, unless the response is already on its way (a stream broke midway): then abort it. */
    private static void writeError(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            throw new IOException("response already committed; cannot report: " + message);
        }
        String contentRange = response.getHeader("Content-Range");
        response.reset();
        if (contentRange != null && code == ErrorCode.RANGE_NOT_SATISFIABLE) {
            response.setHeader("Content-Range", contentRange);
        }
        response.setStatus(code.httpStatus());
        writeJson(response, ErrorBody.of(code, message));
    }

    static void writeJson(HttpServletResponse response, Object body) throws IOException {
        byte[] json = Json.write(body);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
