package io.xfs.proxy.http;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.file.FileInfo;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.MimeTypes;
import io.xfs.proxy.file.StaleFileException;
import io.xfs.proxy.file.StoredFile;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * {@code /file} and {@code /files} (SPEC §3): upload (raw or multipart, streamed), download with Range and
 * conditional requests, delete. A plain servlet rather than a controller: the proxy's hot path then costs no
 * handler lookup, argument binding or message conversion. Parameters come from the raw query string only
 * ({@link PublicPaths#query}); failures answer through {@link ErrorResponses}, as the controllers' do.
 *
 * <p>One instance per path: {@code /file} takes GET, HEAD, POST, PUT and DELETE; {@code /files} (seed 003's
 * sfss spelling) only POST, answered 201. Other methods are 405 with the body Spring MVC gave them.
 */
final class FileServlet extends HttpServlet {
    static final String FILE = "/file";
    static final String FILES = "/files";
    private static final Set<String> FILE_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    private static final Set<String> FILES_METHODS = Set.of("POST", "OPTIONS");

    private final transient FileService files;
    private final transient PublicPaths paths;
    private final String path;
    private final boolean createOnly;
    /** The path as a raw request URI spells it: {@link #path} under the context path. */
    private String rawPath;

    /** The JSON answer of an upload. */
    record UploadAnswer(String path, long size, String sha1, String mime) {
    }

    /** @param path {@link #FILE}, or {@link #FILES} for the create-only spelling */
    FileServlet(FileService files, PublicPaths paths, String path) {
        this.files = files;
        this.paths = paths;
        this.path = path;
        this.createOnly = path.equals(FILES);
        this.rawPath = path;
    }

    /** The servlet path this instance is mapped to. */
    String path() {
        return path;
    }

    /** True for a request mapped to a file servlet (the filters that only serve Spring MVC skip it). */
    static boolean serves(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        return servletPath.equals(FILE) || servletPath.equals(FILES);
    }

    @Override
    public void init() {
        rawPath = getServletContext().getContextPath() + path;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String method = request.getMethod();
            if (!canonical(request)) {
                ErrorResponses.write(response, HttpServletResponse.SC_NOT_FOUND, ErrorBody.of(ErrorCode.BAD_ARGUMENT,
                        "No static resource for request '" + request.getRequestURI() + "'."));
            } else if ((createOnly ? FILES_METHODS : FILE_METHODS).contains(method)) {
                super.service(request, response);
            } else {
                ErrorResponses.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                        ErrorBody.of(ErrorCode.BAD_ARGUMENT, "Request method '" + method + "' is not supported"));
            }
        } catch (XfsException e) {
            ErrorResponses.send(response, e);
        } catch (RuntimeException e) {
            ErrorResponses.sendUnexpected(response, e);
        }
    }

    /**
     * True when the raw URI is this servlet's path (path parameters aside), as Spring MVC's mapping required.
     * Tomcat also maps here what only its normalization makes this path ({@code //file}, {@code /api/../file}),
     * but filters judge a request by its raw URI: the private bucket's lets {@code /api/...} through, so such a
     * URI must not be served.
     */
    private boolean canonical(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.equals(rawPath) || uri.startsWith(rawPath + ";") && uri.indexOf('/', rawPath.length()) < 0;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        get(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        get(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        upload(request, response, createOnly ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        upload(request, response, HttpServletResponse.SC_OK);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XfsPath target = paths.parse(PublicPaths.query(request.getQueryString()));
        int deleted = files.delete(target.bucket(), target.name());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", target.toString());
        answer.put("deleted", deleted);
        ErrorResponses.writeJson(response, answer);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ALLOW, createOnly ? "POST,OPTIONS" : "GET,HEAD,PUT,POST,DELETE,OPTIONS");
    }

    private void upload(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        XfsPath target = paths.parse(PublicPaths.query(request.getQueryString()));
        StoredFile stored = Uploads.store(files, target, request);
        XfsPath finalPath = target.withName(stored.name());
        response.setStatus(status);
        response.setHeader(HttpHeaders.LOCATION, PublicPaths.location(finalPath));
        response.setHeader(HttpHeaders.ETAG, "\"" + stored.sha1() + "\"");
        ErrorResponses.writeJson(response, new UploadAnswer(finalPath.toString(), stored.size(), stored.sha1(), stored.mime()));
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XfsPath target = paths.parse(PublicPaths.query(request.getQueryString()));
        if (target.isDirectory()) {
            throw new XfsException(ErrorCode.INVALID_PATH,
                    target + " names a directory: list it with /fileinfo?path=" + target);
        }
        FileInfo file = files.open(target.bucket(), target.name());
        try {
            serve(file, request, response);
        } catch (StaleFileException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            serve(e.current(), request, response);
        }
    }

    private void serve(FileInfo file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ETAG, file.etag());
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.mtime());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (Conditions.notModified(request, file)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ByteRange range = Conditions.rangeApplies(request, file)
                ? ByteRange.parse(request.getHeader(HttpHeaders.RANGE), file.size())
                : null;
        response.setContentType(file.mime().isBlank() ? MimeTypes.guessFromName(file.name()) : file.mime());
        long offset = 0;
        long length = file.size();
        if (range == null) {
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(file.size()));
            offset = range.first();
            length = range.length();
        }
        response.setContentLengthLong(length);
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        files.read(file, offset, length, response.getOutputStream());
    }
}
