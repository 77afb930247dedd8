package io.xfs.directory.http;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.directory.placement.Placements;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;

/**
 * {@code /upload}, {@code /commit} and {@code /get} (docs/CONTRACTS.md "Directory") as the answers of
 * {@link JsonCallServlet}s: parameters read with {@link CallParams}, checked with {@link Params}, in the
 * order Spring MVC bound and checked them, so that the same request fails with the same message.
 * Thread-safe.
 */
final class PlacementCalls {
    private final Placements placements;

    PlacementCalls(Placements placements) {
        this.placements = placements;
    }

    /**
     * {@code POST /upload?bucket&filename&filesize&sha256&sha1&mime&chunk&exclude_group...}: a placement for
     * a new needle, or {@link Placement#deduplicated()}.
     */
    Placement upload(HttpServletRequest request) throws IOException {
        // Every parameter is read before any is checked, so a missing or malformed one is reported first.
        CallParams params = CallParams.of(request);
        String bucket = params.text("bucket");
        String filename = params.text("filename");
        String sha1 = params.optionalText("sha1");
        String sha256 = params.optionalText("sha256");
        long filesize = params.longValue("filesize");
        boolean chunk = params.flag("chunk");
        List<Integer> excludeGroup = params.ints("exclude_group");

        Params.bucket(bucket);
        Params.fileName(filename);
        Params.sha1(sha1);
        Params.size(filesize, "filesize");
        String hash;
        if (sha256 == null || sha256.isEmpty()) {
            if (!chunk) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter 'sha256' is missing");
            }
            hash = "";
        } else {
            hash = Params.sha256(sha256);
        }
        return placements.place(new Placements.Request(bucket, filename, filesize, hash, chunk,
                new HashSet<>(excludeGroup)));
    }

    /**
     * {@code POST /commit} with a JSON {@link CommitRequest}: makes the file visible. A body that is not
     * JSON (by {@code Content-Type}), empty, or unreadable as a {@code CommitRequest} is 400
     * {@link ErrorCode#BAD_BODY}.
     */
    FileView commit(HttpServletRequest request) throws IOException {
        CommitRequest commit = readCommit(request);
        Params.bucket(commit.bucket());
        Params.fileName(commit.filename());
        Params.size(commit.size(), "size");
        Params.sha1(commit.sha1());
        return placements.commit(commit);
    }

    /** {@code GET /get?bucket&filename}: a visible file with the stores that can serve each needle now, or 404. */
    FileView get(HttpServletRequest request) throws IOException {
        CallParams params = CallParams.of(request);
        String bucket = params.text("bucket");
        String filename = params.text("filename");
        Params.bucket(bucket);
        Params.fileName(filename);
        return placements.get(bucket, filename).orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND,
                "no file '" + filename + "' in bucket '" + bucket + "'"));
    }

    private static CommitRequest readCommit(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && !isJson(contentType)) {
            // Spring reported the type with the request's encoding, which is UTF-8 unless the client named one.
            throw unsupported(contentType.toLowerCase(Locale.ROOT).contains("charset")
                    ? contentType : contentType + ";charset=UTF-8");
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0) {
            throw new XfsException(ErrorCode.BAD_BODY, ErrorAdvice.unreadableBody("Required request body is missing"));
        }
        if (contentType == null) {
            throw unsupported("application/octet-stream");
        }
        try {
            return Json.read(body, CommitRequest.class);
        } catch (JacksonException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new XfsException(ErrorCode.BAD_BODY, ErrorAdvice.unreadableBody(cause.getMessage()), e);
        }
    }

    /** {@code application/json} or {@code application/*+json}, parameters aside. */
    private static boolean isJson(String contentType) {
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    private static XfsException unsupported(String contentType) {
        return new XfsException(ErrorCode.BAD_BODY, "Content-Type '" + contentType + "' is not supported");
    }
}
