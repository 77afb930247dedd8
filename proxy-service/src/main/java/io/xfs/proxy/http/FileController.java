package io.xfs.proxy.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.file.FileInfo;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.MimeTypes;
import io.xfs.proxy.file.StaleFileException;
import io.xfs.proxy.file.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /file} and {@code /files} (SPEC §3): upload (raw or multipart, streamed), download with Range and
 * conditional requests, delete. Parameters come from the raw query string only ({@link RawQuery}).
 */
@RestController
class FileController {
    private final FileService files;
    private final PublicPaths paths;

    FileController(FileService files, PublicPaths paths) {
        this.files = files;
        this.paths = paths;
    }

    /** The JSON answer of an upload. */
    record UploadAnswer(String path, long size, String sha1, String mime) {
    }

    @PostMapping("/file")
    ResponseEntity<UploadAnswer> post(HttpServletRequest request) throws IOException {
        return upload(request, HttpStatus.OK);
    }

    @PutMapping("/file")
    ResponseEntity<UploadAnswer> put(HttpServletRequest request) throws IOException {
        return upload(request, HttpStatus.OK);
    }

    /** sfss (seed 003) spelling: create, answered 201. */
    @PostMapping("/files")
    ResponseEntity<UploadAnswer> postFiles(HttpServletRequest request) throws IOException {
        return upload(request, HttpStatus.CREATED);
    }

    private ResponseEntity<UploadAnswer> upload(HttpServletRequest request, HttpStatus status) throws IOException {
        XfsPath path = paths.parse(PublicPaths.query(request.getQueryString()));
        StoredFile stored = Uploads.store(files, path, request);
        XfsPath finalPath = path.withName(stored.name());
        return ResponseEntity.status(status)
                .location(URI.create(PublicPaths.location(finalPath)))
                .eTag("\"" + stored.sha1() + "\"")
                .body(new UploadAnswer(finalPath.toString(), stored.size(), stored.sha1(), stored.mime()));
    }

    @RequestMapping(path = "/file", method = {RequestMethod.GET, RequestMethod.HEAD})
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XfsPath path = paths.parse(PublicPaths.query(request.getQueryString()));
        if (path.isDirectory()) {
            throw new XfsException(ErrorCode.INVALID_PATH,
                    path + " names a directory: list it with /fileinfo?path=" + path);
        }
        FileInfo file = files.open(path.bucket(), path.name());
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

    @DeleteMapping("/file")
    Map<String, Object> delete(HttpServletRequest request) {
        XfsPath path = paths.parse(PublicPaths.query(request.getQueryString()));
        int deleted = files.delete(path.bucket(), path.name());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path.toString());
        answer.put("deleted", deleted);
        return answer;
    }
}
