package io.xfs.common.store;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.json.Json;
import io.xfs.common.topology.StoreRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A blocking client for a store's internal API (docs/CONTRACTS.md, "Store") on {@link HttpClient}. A store
 * is named by its {@code host:port} as it registers in ZooKeeper ({@code StoreRegistration.api}). Every
 * request carries {@code X-Xfs-Secret} when a cluster secret is configured.
 *
 * <p>Failures come as {@link XfsException}: an error answer keeps the store's {@link ErrorCode}
 * (404 {@code NEEDLE_NOT_FOUND}, 409 {@code KEY_CONFLICT}, 507 {@code VOLUME_READ_ONLY}, ...); a store that
 * cannot be reached gives {@code STORE_UNAVAILABLE}, a timeout {@code UPSTREAM_TIMEOUT}. After a failed or
 * timed-out upload the store may still have written the needle: retry with the same key and cookie, which a
 * store accepts again. Thread-safe; share one instance.
 */
public final class StoreClient {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final @Nullable String secret;
    private final Duration timeout;

    /**
     * @param http          the client to send with (HTTP/1.1 is what stores speak)
     * @param clusterSecret {@code xfs.cluster-secret}, or null when the cluster has none
     * @param timeout       how long one call may take until the answer's headers arrived
     */
    public StoreClient(HttpClient http, @Nullable String clusterSecret, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.secret = clusterSecret == null || clusterSecret.isEmpty() ? null : clusterSecret;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /** A client with its own {@link HttpClient} (HTTP/1.1, 5 s connect timeout) and a 30 s call timeout. */
    public static StoreClient create(@Nullable String clusterSecret) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new StoreClient(http, clusterSecret, DEFAULT_TIMEOUT);
    }

    /** Writes one needle; returns when the store acknowledged it as durable under its policy. */
    public void upload(String store, int vid, long key, int cookie, byte[] data) {
        send(store, "POST", "/upload", needleQuery(vid, key, cookie), OCTET_STREAM,
                BodyPublishers.ofByteArray(data));
    }

    /** Writes one needle of exactly {@code length} bytes read from {@code data} (sent as it is read). */
    public void upload(String store, int vid, long key, int cookie, InputStream data, long length) {
        BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> data), length);
        send(store, "POST", "/upload", needleQuery(vid, key, cookie), OCTET_STREAM, body);
    }

    /** Writes several needles of one volume with one durable flush; returns how many the store wrote. */
    public int uploadAll(String store, int vid, List<NeedleUpload> needles) {
        if (needles.isEmpty()) {
            return 0;
        }
        String boundary = "xfs-" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>(needles.size() * 3 + 1);
        for (NeedleUpload needle : needles) {
            parts.add(ascii("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"keys\"\r\n\r\n" + needle.key() + "\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"cookies\"\r\n\r\n" + needle.cookie() + "\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + needle.key() + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n"));
            parts.add(needle.data());
            parts.add(ascii("\r\n"));
        }
        parts.add(ascii("--" + boundary + "--\r\n"));
        HttpResponse<byte[]> response = send(store, "POST", "/uploads", "vid=" + vid,
                "multipart/form-data; boundary=" + boundary, BodyPublishers.ofByteArrays(parts));
        return Json.read(response.body(), CountAnswer.class).count();
    }

    /** Reads a whole needle into memory. */
    public byte[] get(String store, int vid, long key, int cookie) {
        try (NeedleStream stream = open(store, vid, key, cookie)) {
            return stream.readAll();
        } catch (IOException e) {
            throw unavailable(store, e);
        }
    }

    /** Opens a whole needle for streaming. */
    public NeedleStream open(String store, int vid, long key, int cookie) {
        return open(store, vid, key, cookie, null);
    }

    /**
     * Opens {@code length} bytes of a needle from {@code offset} (clipped at the needle's end); 416
     * ({@code RANGE_NOT_SATISFIABLE}) when {@code offset} is at or past the end.
     */
    public NeedleStream open(String store, int vid, long key, int cookie, long offset, long length) {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
        }
        long last = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE - 1 : offset + length - 1;
        return open(store, vid, key, cookie, "bytes=" + offset + "-" + last);
    }

    private NeedleStream open(String store, int vid, long key, int cookie, @Nullable String range) {
        HttpRequest.Builder request = request(store, "/get", needleQuery(vid, key, cookie)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = exchange(store, request.build(), BodyHandlers.ofInputStream());
        InputStream body = response.body();
        if (response.statusCode() != 200 && response.statusCode() != 206) {
            byte[] error;
            try (body) {
                error = body.readNBytes(64 * 1024);
            } catch (IOException e) {
                throw unavailable(store, e);
            }
            throw failure(store, response.statusCode(), error);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (response.statusCode() == 200) {
            return new NeedleStream(body, 0, length, length);
        }
        // Content-Range: bytes <first>-<last>/<total>
        String contentRange = response.headers().firstValue("Content-Range").orElse("");
        try {
            int dash = contentRange.indexOf('-');
            int slash = contentRange.indexOf('/');
            long first = Long.parseLong(contentRange.substring("bytes ".length(), dash));
            long lastByte = Long.parseLong(contentRange.substring(dash + 1, slash));
            long total = Long.parseLong(contentRange.substring(slash + 1));
            return new NeedleStream(body, first, lastByte - first + 1, total);
        } catch (RuntimeException e) {
            closeQuietly(body);
            throw new XfsException(ErrorCode.STORE_UNAVAILABLE,
                    "store " + store + " answered 206 with a bad Content-Range '" + contentRange + "'", e);
        }
    }

    /** The needle's size (a {@code HEAD /get}), or empty when the store does not hold it. */
    public OptionalLong size(String store, int vid, long key, int cookie) {
        HttpRequest request = request(store, "/get", needleQuery(vid, key, cookie))
                .method("HEAD", BodyPublishers.noBody()).build();
        HttpResponse<Void> response = exchange(store, request, BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return OptionalLong.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(store, response.statusCode(), new byte[0]);
        }
        return OptionalLong.of(response.headers().firstValueAsLong("Content-Length").orElseThrow());
    }

    /** Deletes a needle: true when the store deleted it, false when it was absent or deleted already. */
    public boolean delete(String store, int vid, long key, int cookie) {
        try {
            send(store, "POST", "/del", needleQuery(vid, key, cookie), null, BodyPublishers.noBody());
            return true;
        } catch (XfsException e) {
            if (e.errorCode().httpStatus() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Creates a volume on the store; succeeds also when it exists. */
    public void addVolume(String store, int vid) {
        send(store, "POST", "/admin/add_volume", "vid=" + vid, null, BodyPublishers.noBody());
    }

    /** Compacts a volume; returns when the compaction finished (this may take long for a big volume). */
    public void compact(String store, int vid) {
        send(store, "POST", "/admin/compact_volume", "vid=" + vid, null, BodyPublishers.noBody(),
                timeout.multipliedBy(20));
    }

    /** The store's id, rack, status, volumes and counters, as it also publishes them in ZooKeeper. */
    public StoreRegistration info(String store) {
        return Json.read(send(store, "GET", "/info", "", null, BodyPublishers.noBody()).body(),
                StoreRegistration.class);
    }

    /** Succeeds when every volume of the store reads and its disk accepts writes. */
    public void probe(String store) {
        send(store, "GET", "/admin/probe", "", null, BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> send(String store, String method, String path, String query,
                                      @Nullable String contentType, BodyPublisher body) {
        return send(store, method, path, query, contentType, body, timeout);
    }

    private HttpResponse<byte[]> send(String store, String method, String path, String query,
                                      @Nullable String contentType, BodyPublisher body, Duration callTimeout) {
        HttpRequest.Builder request = request(store, path, query).timeout(callTimeout).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = exchange(store, request.build(), BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw failure(store, response.statusCode(), response.body());
        }
        return response;
    }

    private HttpRequest.Builder request(String store, String path, String query) {
        String base = store.contains("://") ? store : "http://" + store;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(timeout);
        if (secret != null) {
            builder.header(XfsHeaders.CLUSTER_SECRET, secret);
        }
        return builder;
    }

    private <T> HttpResponse<T> exchange(String store, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new XfsException(ErrorCode.UPSTREAM_TIMEOUT,
                    "store " + store + " did not answer " + request.method() + " " + request.uri().getPath()
                            + " within " + request.timeout().orElse(timeout), e);
        } catch (IOException e) {
            throw unavailable(store, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "interrupted while calling store " + store, e);
        }
    }

    private static XfsException unavailable(String store, IOException e) {
        return new XfsException(ErrorCode.STORE_UNAVAILABLE, "store " + store + ": " + e, e);
    }

    /** Maps an error answer to the store's own error code, or to one that fits its status. */
    static XfsException failure(String store, int status, byte[] body) {
        ErrorBody error = null;
        try {
            error = body.length == 0 ? null : Json.read(body, ErrorBody.class);
        } catch (RuntimeException ignored) {
            // not our error format (a proxy in between, a crash page): fall back to the status
        }
        ErrorCode code = error == null ? null : codeOf(error.code());
        if (code == null) {
            code = codeOfStatus(status);
        }
        String message = error != null && error.message() != null ? error.message() : "HTTP " + status;
        return new XfsException(code, "store " + store + ": " + message);
    }

    private static @Nullable ErrorCode codeOf(int code) {
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.code() == code) {
                return candidate;
            }
        }
        return null;
    }

    private static ErrorCode codeOfStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_ARGUMENT;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NEEDLE_NOT_FOUND;
            case 409 -> ErrorCode.KEY_CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 416 -> ErrorCode.RANGE_NOT_SATISFIABLE;
            case 507 -> ErrorCode.VOLUME_READ_ONLY;
            case 504 -> ErrorCode.UPSTREAM_TIMEOUT;
            default -> status >= 500 ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.BAD_ARGUMENT;
        };
    }

    private static String needleQuery(int vid, long key, int cookie) {
        return "vid=" + vid + "&key=" + key + "&cookie=" + cookie;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the body is abandoned anyway
        }
    }

    record CountAnswer(int ret, int count) {
    }
}
