package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.proxy.token.ContentHash;
import io.xfs.proxy.token.TokenService;
import io.xfs.proxy.token.TokenType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend-facing calls of the mas API, each requiring a system token: issuing upload and download
 * tokens, file info by hash, and the liveness signal.
 */
@RestController
class MasTokenController {
    private final MasAuth auth;
    private final MasUploads uploads;
    private final UploadStateStore states;

    MasTokenController(MasAuth auth, MasUploads uploads, UploadStateStore states) {
        this.auth = auth;
        this.uploads = uploads;
        this.states = states;
    }

    /** An upload token for content {@code hash}; issued also when the content is stored (the upload is then instant). */
    @GetMapping("/api/token/upload")
    ResponseEntity<MasEnvelope> uploadToken(HttpServletRequest request) {
        auth.requireSystem(request);
        String hash = ContentHash.parse(QueryString.parseLenient(request.getQueryString()).first("hash"));
        return ResponseEntity.ok(MasEnvelope.ok(issued(auth.tokens().issue(TokenType.UPLOAD, hash))));
    }

    /** A download token for stored content {@code hash}; 404 if nothing is stored under it. */
    @GetMapping("/api/token/download")
    ResponseEntity<MasEnvelope> downloadToken(HttpServletRequest request) {
        auth.requireSystem(request);
        String hash = ContentHash.parse(QueryString.parseLenient(request.getQueryString()).first("hash"));
        if (uploads.find(hash).isEmpty()) {
            throw new XfsException(ErrorCode.FILE_NOT_FOUND, "no file with SHA-256 " + hash + " is stored");
        }
        return ResponseEntity.ok(MasEnvelope.ok(issued(auth.tokens().issue(TokenType.DOWNLOAD, hash))));
    }

    /** The stored file, else the upload under way ({@code persistence: false}), else 404. */
    @GetMapping("/api/file/info")
    ResponseEntity<MasEnvelope> info(HttpServletRequest request) {
        auth.requireSystem(request);
        String hash = ContentHash.parse(QueryString.parseLenient(request.getQueryString()).first("hash"));
        MasFileData data = uploads.find(hash).map(MasFileData::stored)
                .or(() -> states.find(hash).map(MasFileData::inProgress))
                .orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND,
                        "no file with SHA-256 " + hash + " is stored or being uploaded"));
        return ResponseEntity.ok(MasEnvelope.ok(data));
    }

    /** The seed's liveness signal: the address this proxy answered on. */
    @GetMapping("/api/server/signal")
    ResponseEntity<MasEnvelope> signal(HttpServletRequest request) {
        auth.requireSystem(request);
        return ResponseEntity.ok(MasEnvelope.ok(Map.of("ip",
                List.of(request.getLocalAddr() + ":" + request.getLocalPort()))));
    }

    private static Map<String, Object> issued(TokenService.IssuedToken issued) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", issued.text());
        data.put("hash", issued.token().hash());
        data.put("type", issued.token().type().name().toLowerCase(java.util.Locale.ROOT));
        data.put("expire_time", issued.deadline().getEpochSecond());
        return data;
    }
}
