package io.xfs.proxy.directory;

import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileOutcome;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.BucketPage;
import io.xfs.common.directory.Listing;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import io.xfs.common.http.client.Response;
import io.xfs.common.tls.Tls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Client of the directory's internal API (docs/CONTRACTS.md). Every call is one HTTP request on a kept-alive
 * connection, uncached, except that concurrent commits share one batched {@code /commits} request
 * ({@link Coalescer}); failures become {@link XfsException}s: the directory's own error code when it answered
 * one, {@link ErrorCode#DIRECTORY_UNAVAILABLE} when it could not be reached, {@link ErrorCode#UPSTREAM_TIMEOUT}
 * when it stayed silent longer than the timeout. Thread-safe.
 */
public final class DirectoryClient implements AutoCloseable {
    private static final int MAX_ANSWER = 16 * 1024 * 1024;
    /** Commits per {@code /commits}, well under the directory's limit of 256. */
    private static final int MAX_BATCH = 64;
    /** Batches on the wire at once: two, so that one fills while the other waits for the directory's disk sync. */
    private static final int BATCHES_IN_FLIGHT = 2;

    private final String baseUrl;
    private final String authority;
    private final String basePath;
    private final Duration timeout;
    private final @Nullable InternalSigner signer;
    private final KeepAliveClient http;
    private final Coalescer<CommitRequest, FileOutcome> commits;

    /**
     * @param baseUrl an {@code http://host:port[/path]} or {@code https://} URL
     * @param timeout the longest silence of the directory within one call
     * @param signer  signs every call (docs/api.md, "Internal calls"), or null when the cluster has no secret
     * @param tls     the proxy's TLS, used when the URL is https (docs/operations.md, "TLS"); null: none
     */
    public DirectoryClient(URI baseUrl, Duration connectTimeout, Duration timeout, @Nullable InternalSigner signer,
                           @Nullable Tls tls) {
        if (baseUrl.getRawAuthority() == null || !("http".equals(baseUrl.getScheme())
                || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("the directory URL must be http(s)://host:port: " + baseUrl);
        }
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authority = baseUrl.getRawAuthority();
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.timeout = timeout;
        this.signer = signer;
        this.http = new KeepAliveClient(KeepAliveClient.Settings.of(connectTimeout, timeout),
                Tls.forUrl(baseUrl, tls));
        this.commits = new Coalescer<>(this::sendCommits, MAX_BATCH, BATCHES_IN_FLIGHT);
    }

    /** Asks where to write a needle, or learns that the bucket already holds the content. */
    public Placement place(PlacementRequest request) {
        StringBuilder query = new StringBuilder()
                .append("bucket=").append(encode(request.bucket()))
                .append("&filename=").append(encode(request.filename()))
                .append("&mime=").append(encode(request.mime()))
                .append("&filesize=").append(request.size());
        if (!request.sha1().isEmpty()) {
            query.append("&sha1=").append(request.sha1());
        }
        if (!request.sha256().isEmpty()) {
            query.append("&sha256=").append(request.sha256());
        }
        if (request.chunk()) {
            query.append("&chunk=true");
        }
        for (int gid : request.excludeGroups()) {
            query.append("&exclude_group=").append(gid);
        }
        for (String store : request.avoidStores()) {
            query.append("&avoid_store=").append(encode(store));
        }
        return send(write("/upload?" + query, RequestBody.empty(), null), Placement.class);
    }

    /**
     * Makes a file visible; 409 ({@link ErrorCode#PLACEMENT_EXPIRED} or {@link ErrorCode#CONTENT_VANISHED})
     * means start over. Concurrent commits travel together in one {@code /commits} call.
     */
    public FileView commit(CommitRequest request) {
        return unwrap(commits.call(request));
    }

    /** The visible file, or empty when the directory answers 404. */
    public Optional<FileView> get(String bucket, String filename) {
        try {
            return Optional.of(send(read("/get?bucket=" + encode(bucket) + "&filename=" + encode(filename)),
                    FileView.class));
        } catch (XfsException e) {
            if (e.errorCode().httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<FileOutcome> sendCommits(List<CommitRequest> batch) {
        FileOutcome[] outcomes = send(write("/commits", RequestBody.of(Json.write(batch)), "application/json"),
                FileOutcome[].class);
        return Arrays.asList(outcomes);
    }

    /** The file of one commit's outcome, or the error the directory gave that commit, as {@link #send} would. */
    private FileView unwrap(FileOutcome outcome) {
        FileView file = outcome.file();
        if (file != null) {
            return file;
        }
        ErrorBody error = Objects.requireNonNull(outcome.error());
        ErrorCode code = ErrorCode.byCode(error.code()).orElse(ErrorCode.INTERNAL);
        throw error("/commit", code.httpStatus(), error);
    }

    /** Deletes a file, or a directory ({@code filename} ending in {@code /}) recursively; returns the count. */
    public int delete(String bucket, String filename) {
        JsonNode answer = send(write("/del?bucket=" + encode(bucket) + "&filename=" + encode(filename),
                RequestBody.empty(), null), JsonNode.class);
        return answer.path("deleted").asInt(1);
    }

    /** One page of a directory's entries. */
    public Listing list(String bucket, String dir, int limit, @Nullable String marker) {
        String query = "bucket=" + encode(bucket) + "&dir=" + encode(dir) + "&limit=" + limit
                + (marker == null ? "" : "&marker=" + encode(marker));
        return send(read("/list?" + query), Listing.class);
    }

    /**
     * Tells the directory that an upload to {@code store} ({@code host:port}) failed, so that it checks the
     * store and, once corroborated, stops placing there (docs/architecture.md "Writes when a store dies").
     */
    public void report(String store, String reporter) {
        send(write("/report?store=" + encode(store) + "&reporter=" + encode(reporter), RequestBody.empty(), null),
                JsonNode.class);
    }

    /** One page of the buckets that hold files, in name order. */
    public BucketPage buckets(int limit, @Nullable String marker) {
        return send(read("/buckets?limit=" + limit + (marker == null ? "" : "&marker=" + encode(marker))),
                BucketPage.class);
    }

    /** The cluster as the directory sees it (stores, groups, volumes, scores), as JSON. */
    public JsonNode topology() {
        return send(read("/topology"), JsonNode.class);
    }

    /** True when the directory answers its ping. */
    public boolean ping() {
        try {
            send(read("/ping"), JsonNode.class);
            return true;
        } catch (XfsException e) {
            return false;
        }
    }

    private Request read(String pathAndQuery) {
        return signed(Request.get(authority, basePath + pathAndQuery));
    }

    private Request write(String pathAndQuery, RequestBody body, @Nullable String contentType) {
        Request request = Request.post(authority, basePath + pathAndQuery, body);
        if (contentType != null) {
            request = request.withHeader("Content-Type", contentType);
        }
        return signed(request);
    }

    private Request signed(Request request) {
        return signer == null ? request : signer.sign(request);
    }

    private <T> T send(Request request, Class<T> type) {
        int status;
        byte[] body;
        try (Response response = http.send(request)) {
            status = response.status();
            body = response.bytes(MAX_ANSWER);
        } catch (ConnectException e) {
            throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE,
                    "directory " + baseUrl + " is unreachable: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new XfsException(ErrorCode.UPSTREAM_TIMEOUT,
                    "directory " + baseUrl + " did not answer " + request.path() + " within " + timeout, e);
        } catch (IOException e) {
            throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE,
                    "directory " + baseUrl + " failed on " + request.path() + ": " + e, e);
        }
        if (status / 100 != 2) {
            throw error(request, status, body);
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (JacksonException e) {
            throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE,
                    "directory answered " + request.path() + " with unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The directory's error, keeping its code when it is one we know. */
    private XfsException error(Request request, int status, byte[] body) {
        try {
            return error(request.path(), status, Json.read(body, ErrorBody.class));
        } catch (JacksonException | IllegalArgumentException e) {
            return new XfsException(byStatus(status), "directory " + request.path() + ": HTTP " + status);
        }
    }

    private XfsException error(String call, int status, ErrorBody error) {
        String what = "directory " + call + ": ";
        ErrorCode code = ErrorCode.byCode(error.code()).orElseGet(() -> byStatus(status));
        if (status == 401 || status == 403) {
            // Not the client's fault: this proxy's cluster secret does not match the directory's (or its clock is off).
            return new XfsException(ErrorCode.INTERNAL, what + "refused this proxy (check xfs.cluster-secret): "
                    + error.message());
        }
        // A client error is the caller's (a bad name, nothing to delete): pass the directory's words on.
        return new XfsException(code, status < 500 ? error.message() : what + error.message());
    }

    private static ErrorCode byStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_ARGUMENT;
            case 404 -> ErrorCode.FILE_NOT_FOUND;
            case 409 -> ErrorCode.PLACEMENT_EXPIRED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.DIRECTORY_UNAVAILABLE;
            case 504 -> ErrorCode.UPSTREAM_TIMEOUT;
            default -> ErrorCode.INTERNAL;
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "DirectoryClient[" + baseUrl + "]";
    }
}
