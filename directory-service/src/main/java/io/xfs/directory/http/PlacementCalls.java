package io.xfs.directory.http;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileOutcome;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.Placements;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/**
 * {@code /upload}, {@code /commit} and {@code /get} (docs/CONTRACTS.md "Directory") as the answers of
 * {@link JsonCallServlet}s: parameters read with {@link CallParams}, checked with {@link Params}, in the
 * order Spring MVC bound and checked them, so that the same request fails with the same message.
 * Thread-safe.
 */
final class PlacementCalls {
    /**
     * The largest {@code /commit} body read. A file at the proxy's 1 GB limit has 256 chunks of about 150
     * bytes of JSON each, so this leaves room for far larger limits while no caller can make the directory
     * buffer an unbounded body.
     */
    static final int MAX_COMMIT_BODY = 1024 * 1024;

    /** The most commits one {@code /commits} may carry, and the largest body read for one. */
    static final int MAX_BATCH = 256;
    static final int MAX_BATCH_BODY = 4 * MAX_COMMIT_BODY;

    private final Placements placements;

    PlacementCalls(Placements placements) {
        this.placements = placements;
    }

    /**
     * {@code POST /upload?bucket&filename&filesize&sha256&sha1&mime&chunk&exclude_group...&avoid_store...}: a
     * placement for a new needle, or {@link Placement#deduplicated()}.
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
        List<String> avoidStore = params.texts("avoid_store");

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
                new HashSet<>(excludeGroup), new HashSet<>(avoidStore)));
    }

    /**
     * {@code POST /commit} with a JSON {@link CommitRequest}: makes the file visible. A body that is not
     * JSON (by {@code Content-Type}), empty, or unreadable as a {@code CommitRequest} is 400
     * {@link ErrorCode#BAD_BODY}.
     */
    FileView commit(HttpServletRequest request) throws IOException {
        CommitRequest commit = readCommit(request);
        checkCommit(commit);
        return placements.commit(commit);
    }

    private static void checkCommit(CommitRequest commit) {
        Params.bucket(commit.bucket());
        Params.fileName(commit.filename());
        Params.size(commit.size(), "size");
        Params.sha1(commit.sha1());
    }

    /**
     * {@code POST /commits} with a JSON array of {@link CommitRequest}s: each committed as {@code /commit}
     * would, with one durable sync for all ({@link Placements#commitAll}). The answer is 200 with one
     * {@link FileOutcome} per request, in order, carrying the error {@code /commit} would have answered
     * for that request alone; only a body that is not such an array fails the whole call.
     */
    List<FileOutcome> commits(HttpServletRequest request) throws IOException {
        CommitRequest[] commits = readJson(request, MAX_BATCH_BODY, CommitRequest[].class);
        if (commits.length > MAX_BATCH) {
            throw new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "a batch of " + commits.length + " commits is larger than the limit of " + MAX_BATCH);
        }
        List<FileOutcome> outcomes = new ArrayList<>(commits.length);
        List<CommitRequest> valid = new ArrayList<>(commits.length);
        for (CommitRequest commit : commits) {
            try {
                if (commit == null) {
                    throw new XfsException(ErrorCode.BAD_BODY, "a commit in the batch is null");
                }
                checkCommit(commit);
                valid.add(commit);
                outcomes.add(null); // filled in below, in order
            } catch (XfsException e) {
                outcomes.add(FileOutcome.failed(e.body()));
            }
        }
        List<MetadataStore.Committed> committed = valid.isEmpty() ? List.of() : placements.commitAll(valid);
        for (int i = 0, next = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, outcome(committed.get(next++)));
            }
        }
        return outcomes;
    }

    private static FileOutcome outcome(MetadataStore.Committed committed) {
        FileView file = committed.file();
        if (file != null) {
            return FileOutcome.of(file);
        }
        XfsException failure = Objects.requireNonNull(committed.failure());
        ErrorAdvice.logIfServerError(failure); // as a lone /commit's failure would be
        return FileOutcome.failed(failure.body());
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
        return readJson(request, MAX_COMMIT_BODY, CommitRequest.class);
    }

    private static <T> T readJson(HttpServletRequest request, int limit, Class<T> type) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && !isJson(contentType)) {
            // Spring reported the type with the request's encoding, which is UTF-8 unless the client named one.
            throw unsupported(contentType.toLowerCase(Locale.ROOT).contains("charset")
                    ? contentType : contentType + ";charset=UTF-8");
        }
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(request.getContentLengthLong() + " bytes", limit);
        }
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge("more than " + limit + " bytes", limit);
        }
        if (body.length == 0) {
            throw new XfsException(ErrorCode.BAD_BODY, ErrorAdvice.unreadableBody("Required request body is missing"));
        }
        if (contentType == null) {
            throw unsupported("application/octet-stream");
        }
        try {
            T value = Json.read(body, type);
            if (value == null) {
                throw new XfsException(ErrorCode.BAD_BODY, ErrorAdvice.unreadableBody("the body is JSON null"));
            }
            return value;
        } catch (JacksonException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new XfsException(ErrorCode.BAD_BODY, ErrorAdvice.unreadableBody(cause.getMessage()), e);
        }
    }

    private static XfsException tooLarge(String size, int limit) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                "a request body of " + size + " is larger than the limit of " + limit + " bytes");
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
