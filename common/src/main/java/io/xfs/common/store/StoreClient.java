package io.xfs.common.store;

import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import io.xfs.common.http.client.Response;
import io.xfs.common.json.Json;
import io.xfs.common.tls.Tls;
import io.xfs.common.topology.StoreRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A blocking client for a store's internal API (docs/CONTRACTS.md, "Store") on a {@link KeepAliveClient}. A
 * store is named by its {@code host:port} as it registers in ZooKeeper ({@code StoreRegistration.api}). Every
 * request is signed ({@code X-Xfs-Auth}, docs/api.md, "Internal calls") when the cluster has a secret; needle
 * uploads go {@code UNSIGNED}, bound by their length and the needle in the query.
 *
 * <p>Failures come as {@link XfsException}: an error answer keeps the store's {@link ErrorCode}
 * (404 {@code NEEDLE_NOT_FOUND}, 409 {@code KEY_CONFLICT}, 507 {@code VOLUME_READ_ONLY}, ...); a store that
 * cannot be reached gives {@code STORE_UNAVAILABLE}, a store that stays silent longer than the timeout
 * {@code UPSTREAM_TIMEOUT}. After a failed or timed-out upload the store may still have written the needle:
 * retry with the same key and cookie, which a store accepts again. Thread-safe; share one instance.
 */
public final class StoreClient {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ANSWER = 1024 * 1024;

    private final KeepAliveClient http;
    private final @Nullable InternalSigner signer;
    private final Duration timeout;

    /**
     * @param http          the connections to send on
     * @param signer        signs every request as this caller, or null when the cluster has no secret
     * @param timeout       the longest silence of a store within one call (waiting for the answer, or
     *                      between two reads of its body)
     */
    public StoreClient(KeepAliveClient http, @Nullable InternalSigner signer, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.signer = signer;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /** A client with its own connections (5 s connect timeout) and a 30 s timeout, of plain HTTP. */
    public static StoreClient create(@Nullable InternalSigner signer) {
        return create(signer, null);
    }

    /** A client with its own connections (5 s connect timeout) and a 30 s timeout; TLS with {@code tls}. */
    public static StoreClient create(@Nullable InternalSigner signer, @Nullable Tls tls) {
        KeepAliveClient http = new KeepAliveClient(KeepAliveClient.Settings.of(Duration.ofSeconds(5), DEFAULT_TIMEOUT),
                tls);
        return new StoreClient(http, signer, DEFAULT_TIMEOUT);
    }

    /** Writes one needle; returns when the store acknowledged it as durable under its policy. */
    public void upload(String store, int vid, long key, int cookie, byte[] data) {
        upload(store, vid, key, cookie, data, 0, data.length);
    }

    /** Writes one needle of {@code length} bytes of {@code data} from {@code offset}. */
    public void upload(String store, int vid, long key, int cookie, byte[] data, int offset, int length) {
        send(store, "POST", "/upload", needleQuery(vid, key, cookie), OCTET_STREAM,
                RequestBody.of(data, offset, length), timeout);
    }

    /** Writes one needle of exactly {@code length} bytes read from {@code data} (sent as it is read). */
    public void upload(String store, int vid, long key, int cookie, InputStream data, long length) {
        send(store, "POST", "/upload", needleQuery(vid, key, cookie), OCTET_STREAM, RequestBody.of(data, length),
                timeout);
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
        byte[] answer = send(store, "POST", "/uploads", "vid=" + vid, "multipart/form-data; boundary=" + boundary,
                RequestBody.of(parts), timeout);
        return Json.read(answer, CountAnswer.class).count();
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
        Request request = request(store, "GET", "/get", needleQuery(vid, key, cookie), null, RequestBody.empty(),
                timeout);
        if (range != null) {
            request = request.withHeader("Range", range);
        }
        Response response = exchange(store, request);
        InputStream body = response.body();
        if (response.status() != 200 && response.status() != 206) {
            throw failure(store, response.status(), errorBody(store, response));
        }
        long length = response.contentLength().orElse(-1);
        if (response.status() == 200) {
            return new NeedleStream(body, 0, length, length);
        }
        // Content-Range: bytes <first>-<last>/<total>
        String contentRange = Objects.requireNonNullElse(response.header("Content-Range"), "");
        try {
            int dash = contentRange.indexOf('-');
            int slash = contentRange.indexOf('/');
            long first = Long.parseLong(contentRange.substring("bytes ".length(), dash));
            long lastByte = Long.parseLong(contentRange.substring(dash + 1, slash));
            long total = Long.parseLong(contentRange.substring(slash + 1));
            return new NeedleStream(body, first, lastByte - first + 1, total);
        } catch (RuntimeException e) {
            closeQuietly(response);
            throw new XfsException(ErrorCode.STORE_UNAVAILABLE,
                    "store " + store + " answered 206 with a bad Content-Range '" + contentRange + "'", e);
        }
    }

    /** The needle's size (a {@code HEAD /get}), or empty when the store does not hold it. */
    public OptionalLong size(String store, int vid, long key, int cookie) {
        Response response = exchange(store, request(store, "HEAD", "/get", needleQuery(vid, key, cookie), null,
                RequestBody.empty(), timeout));
        closeQuietly(response);
        if (response.status() == 404) {
            return OptionalLong.empty();
        }
        if (response.status() != 200) {
            throw failure(store, response.status(), new byte[0]);
        }
        OptionalLong length = response.contentLength();
        if (length.isEmpty()) {
            throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "store " + store + " answered HEAD without a length");
        }
        return length;
    }

    /** Deletes a needle: true when the store deleted it, false when it was absent or deleted already. */
    public boolean delete(String store, int vid, long key, int cookie) {
        try {
            send(store, "POST", "/del", needleQuery(vid, key, cookie), null, RequestBody.empty(), timeout);
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
        send(store, "POST", "/admin/add_volume", "vid=" + vid, null, RequestBody.empty(), timeout);
    }

    /** Compacts a volume; returns when the compaction finished (this may take long for a big volume). */
    public void compact(String store, int vid) {
        send(store, "POST", "/admin/compact_volume", "vid=" + vid, null, RequestBody.empty(), timeout.multipliedBy(20));
    }

    /** The live keys, end and epoch of volume {@code vid} on the store (a copy's reference, docs/store.md). */
    public ReplicaSnapshot volumeState(String store, int vid) {
        try (InputStream in = stream(store, "/admin/volume_state", "vid=" + vid, timeout)) {
            return ReplicaSnapshot.read(in);
        } catch (IOException e) {
            throw unavailable(store, e);
        }
    }

    /**
     * Opens the raw bytes [{@code from}, {@code to}) of volume {@code vid} as of {@code epoch} (whole
     * needles, in the volume format); the caller checks each needle and that the stream reached {@code to}.
     * 409 {@code CONTENT_VANISHED} when the volume is no longer in that epoch.
     */
    public InputStream volumeNeedles(String store, int vid, long epoch, long from, long to) {
        return stream(store, "/admin/volume_needles", "vid=" + vid + "&epoch=" + epoch + "&from=" + from + "&to=" + to,
                timeout);
    }

    /**
     * Asks the store to copy volume {@code vid} from {@code source} (or to go on copying it), waiting up to
     * {@code wait} for the copy to finish; the answer says whether it is running, done or failed. Calling
     * again is harmless: it joins the running copy or checks an agreed one again.
     *
     * @param token the repair lease's fencing token: a store refuses a token below one it has seen for the volume
     */
    public CopyStatus copyVolume(String store, int vid, String source, long token, Duration wait) {
        byte[] answer = send(store, "POST", "/admin/copy_volume", "vid=" + vid + "&source="
                + URLEncoder.encode(source, StandardCharsets.UTF_8) + "&token=" + token + "&wait="
                + wait.toMillis() + "ms", null, RequestBody.empty(), timeout.plus(wait));
        return Json.read(answer, CopyStatus.class);
    }

    /**
     * Asks the store ({@code store} is its management address) to repair a needle that fails its CRC there
     * from another replica; true when it was damaged and is repaired, false when it was not damaged.
     */
    public boolean repairNeedle(String store, int vid, long key, int cookie) {
        byte[] answer = send(store, "POST", "/admin/repair_needle", "vid=" + vid + "&key=" + key + "&cookie="
                + Integer.toUnsignedString(cookie), null, RequestBody.empty(), timeout);
        return Json.mapper().readTree(answer).path("repaired").asBoolean();
    }

    /** Starts or ends draining the store (docs/operations.md, "Drain"). */
    public void drain(String store, boolean on) {
        send(store, "POST", "/admin/drain", "on=" + on, null, RequestBody.empty(), timeout);
    }

    /** The store's id, rack, status, volumes and counters, as it also publishes them in ZooKeeper. */
    public StoreRegistration info(String store) {
        return Json.read(send(store, "GET", "/info", "", null, RequestBody.empty(), timeout), StoreRegistration.class);
    }

    /**
     * True when the store answers {@code GET /ping} on its API port within {@code timeout}: a cheap health
     * check (a circuit breaker's, the directory's probe of a suspect store); never throws.
     */
    public boolean ping(String store, Duration timeout) {
        try {
            send(store, "GET", "/ping", "", null, RequestBody.empty(), timeout);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Succeeds when every volume of the store reads and its disk accepts writes. */
    public void probe(String store) {
        send(store, "GET", "/admin/probe", "", null, RequestBody.empty(), timeout);
    }

    /** A POST whose answer is streamed: its body, or the store's error as an exception. */
    private InputStream stream(String store, String path, String query, Duration callTimeout) {
        Response response = exchange(store, request(store, "POST", path, query, null, RequestBody.empty(), callTimeout));
        if (response.status() / 100 != 2) {
            byte[] error = errorBody(store, response);
            closeQuietly(response);
            throw failure(store, response.status(), error);
        }
        return response.body();
    }

    /** One call whose answer is small: its body, or the store's error as an exception. */
    private byte[] send(String store, String method, String path, String query, @Nullable String contentType,
                        RequestBody body, Duration callTimeout) {
        Request request = request(store, method, path, query, contentType, body, callTimeout);
        Response response = exchange(store, request);
        byte[] answer;
        try {
            answer = response.bytes(MAX_ANSWER);
        } catch (IOException e) {
            throw readFailed(store, request, e);
        }
        if (response.status() / 100 != 2) {
            throw failure(store, response.status(), answer);
        }
        return answer;
    }

    /**
     * A store's address as registered ({@code host:port}); a URL's scheme is dropped: whether the call is TLS is
     * the client's setting, cluster-wide (docs/operations.md, "TLS").
     */
    static String authority(String store) {
        int scheme = store.indexOf("://");
        return scheme < 0 ? store : store.substring(scheme + 3);
    }

    private Request request(String store, String method, String path, String query, @Nullable String contentType,
                            RequestBody body, Duration callTimeout) {
        String authority = authority(store);
        Request request = new Request(method, authority, path + (query.isEmpty() ? "" : "?" + query), List.of(), body,
                callTimeout);
        if (contentType != null) {
            request = request.withHeader("Content-Type", contentType);
        }
        if (signer == null) {
            return request;
        }
        // A needle is passed on as it comes (or is large): it is bound by its length and the query, not hashed.
        return "/upload".equals(path) ? signer.signNeedle(request) : signer.sign(request);
    }

    private Response exchange(String store, Request request) {
        try {
            return http.send(request);
        } catch (IOException e) {
            throw readFailed(store, request, e);
        }
    }

    private static XfsException readFailed(String store, Request request, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new XfsException(ErrorCode.UPSTREAM_TIMEOUT, "store " + store + " did not answer "
                    + request.method() + " " + request.path() + " within " + request.readTimeout(), e);
        }
        return unavailable(store, e);
    }

    private static byte[] errorBody(String store, Response response) {
        try {
            return response.bytes(64 * 1024);
        } catch (IOException e) {
            // The status is known; an error body cut short just loses the detail.
            return new byte[0];
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
        ErrorCode code = error == null ? codeOfStatus(status)
                : ErrorCode.byCode(error.code()).orElseGet(() -> codeOfStatus(status));
        String message = error != null && error.message() != null ? error.message() : "HTTP " + status;
        return new XfsException(code, "store " + store + ": " + message);
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

    private static void closeQuietly(Response response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the body is abandoned anyway
        }
    }

    record CountAnswer(int ret, int count) {
    }
}
