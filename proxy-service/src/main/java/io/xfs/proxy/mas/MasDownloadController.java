package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.common.http.QueryString;
import io.xfs.proxy.token.TokenType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads with a download token, at {@code /api/file/download} and the seed's
 * {@code /api/file/upload/download}: the whole file, the rest from a {@code seek} offset (200, as in mas),
 * or one {@code Range} (206). Errors before the first byte are answered in the envelope; a failure while
 * streaming aborts the connection (see {@link MasExceptionHandler}), so a cut body never looks complete.
 */
@RestController
class MasDownloadController {
    private final MasAuth auth;
    private final MasUploads uploads;
    private final MasStorage storage;

    MasDownloadController(MasAuth auth, MasUploads uploads, MasStorage storage) {
        this.auth = auth;
        this.uploads = uploads;
        this.storage = storage;
    }

    @RequestMapping(path = {"/api/file/download", "/api/file/upload/download"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        String hash = auth.require(request, query, TokenType.DOWNLOAD).hash();
        MasFile file = uploads.find(hash).orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND,
                "no file with SHA-256 " + hash + " is stored"));
        String seek = query.first("seek");
        String rangeHeader = request.getHeader(HttpHeaders.RANGE);
        if (seek != null && rangeHeader != null) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "give either seek or a Range header, not both");
        }
        String etag = "\"" + file.sha1() + "\"";
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH)) && seek == null && rangeHeader == null) {
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        Optional<ByteRange> range;
        try {
            range = seek != null ? Optional.of(seekRange(seek, file.size()))
                    : Optional.ofNullable(ByteRange.parse(rangeHeader, file.size()));
        } catch (XfsException e) {
            if (e.errorCode() == ErrorCode.RANGE_NOT_SATISFIABLE) {
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
            }
            throw e;
        }
        // Headers only now: an error above is answered in the envelope without file headers.
        ByteRange part = range.orElse(new ByteRange(0, file.size() - 1));
        if (range.isPresent() && rangeHeader != null) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, part.contentRange(file.size()));
        }
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.created().toEpochMilli());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
        response.setContentType(file.mime());
        response.setContentLengthLong(part.length());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString());
        if (request.getMethod().equals("HEAD") || part.length() == 0) {
            return;
        }
        storage.read(file, part.first(), part.length(), response.getOutputStream());
    }

    /** The seed's {@code seek}: the rest of the file from that byte; {@code seek == size} gives an empty rest. */
    static ByteRange seekRange(String seek, long size) {
        long offset;
        try {
            offset = Long.parseLong(seek);
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "seek must be a byte offset: '" + seek + "'");
        }
        if (offset < 0) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "seek must not be negative: " + offset);
        }
        if (offset > size) {
            throw new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "seek " + offset + " is past the end of the "
                    + size + "-byte file");
        }
        return new ByteRange(offset, size - 1);
    }
}
