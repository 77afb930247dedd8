package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.proxy.token.TokenType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser-facing uploads of the mas API, each with an upload token: single upload, and the chunked
 * upload ({@code init}, {@code chunk} or the seed's {@code chuck}, {@code finish}, which also needs the
 * system token).
 */
@RestController
class MasUploadController {
    private final MasAuth auth;
    private final MasUploads uploads;

    MasUploadController(MasAuth auth, MasUploads uploads) {
        this.auth = auth;
        this.uploads = uploads;
    }

    /** The whole file in part {@code file} (or as the raw body); answers at once if the content is stored. */
    @RequestMapping(path = "/api/file/upload/single", method = {RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<MasEnvelope> single(HttpServletRequest request) throws IOException {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        String hash = auth.require(request, query, TokenType.UPLOAD).hash();
        Optional<MasFile> stored = uploads.find(hash);
        if (stored.isPresent()) {
            UploadBody.discard(request, uploads.maxFileSize());
            return ok(MasFileData.stored(stored.get()));
        }
        MasFile file = UploadBody.read(request, query.first("name"),
                (name, mime, content) -> uploads.single(hash, name == null ? hash : name, mime == null ? "" : mime, content));
        return ok(MasFileData.stored(file));
    }

    /** Starts or resumes a chunked upload of {@code size} bytes named {@code name}. */
    @RequestMapping(path = "/api/file/upload/init", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<MasEnvelope> init(HttpServletRequest request) {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        String hash = auth.require(request, query, TokenType.UPLOAD).hash();
        String name = query.first("name");
        return ok(uploads.init(hash, name == null ? hash : name, requiredSize(query.first("size"))));
    }

    /** Chunk number {@code chunk} (or the seed's {@code chuck}), from 1, in part {@code file} or as the raw body. */
    @RequestMapping(path = {"/api/file/upload/chunk", "/api/file/upload/chuck"},
            method = {RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<MasEnvelope> chunk(HttpServletRequest request) throws IOException {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        String hash = auth.require(request, query, TokenType.UPLOAD).hash();
        int number = chunkNumber(query.first("chunk") != null ? query.first("chunk") : query.first("chuck"));
        MasUploads.ChunkAnswer answer = UploadBody.read(request, null,
                (name, mime, content) -> uploads.chunk(hash, number, content));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("speed", answer.received());
        data.put("status", "success");
        data.put("chunk", answer.chunk());
        return ok(data);
    }

    /** Puts the chunks together and stores the file; needs the system token too, as in the seed. */
    @RequestMapping(path = "/api/file/upload/finish", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<MasEnvelope> finish(HttpServletRequest request) throws IOException {
        auth.requireSystem(request);
        String hash = auth.require(request, QueryString.parseLenient(request.getQueryString()), TokenType.UPLOAD).hash();
        return ok(MasFileData.stored(uploads.finish(hash)));
    }

    private static ResponseEntity<MasEnvelope> ok(Object data) {
        return ResponseEntity.ok(MasEnvelope.ok(data));
    }

    private static long requiredSize(@Nullable String size) {
        return number(size, "size", "the whole file's bytes");
    }

    private static int chunkNumber(@Nullable String chunk) {
        long number = number(chunk, "chunk", "the chunk's number, from 1");
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "chunk number out of range: " + number);
        }
        return (int) number;
    }

    private static long number(@Nullable String value, String name, String meaning) {
        if (value == null || value.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' (" + meaning + ") is required");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' must be a number: '" + value + "'");
        }
    }
}
