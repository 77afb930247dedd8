package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.common.store.NeedleStream;
import io.xfs.common.store.NeedleUpload;
import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStatus;
import io.xfs.common.topology.VolumeState;
import io.xfs.store.RunningStore;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's HTTP API against the real application (random port, temp data dir, in-process ZooKeeper):
 * every call, every error status, Range edge cases, batch upload. Uses the shared {@link StoreClient} where
 * the call succeeds and raw requests where statuses and bodies are the point.
 */
class StoreApiTest {
    private static final int VID = 1;
    private static final int MAX_NEEDLE = 4 << 20;
    private static final AtomicLong KEYS = new AtomicLong(1000);

    @TempDir
    static Path dataDir;
    static TestingServer zookeeper;
    static RunningStore store;
    static StoreClient client;

    @BeforeAll
    static void startStore() throws Exception {
        zookeeper = new TestingServer(true);
        store = RunningStore.start(dataDir, Map.of(
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.store.max-needle-size", MAX_NEEDLE + "B",
                "xfs.store.max-batch-size", "8MB",
                "xfs.store.compaction.check-interval", "0s"));
        client = StoreClient.create(null);
        client.addVolume(store.adminAddress(), VID);
    }

    @AfterAll
    static void stopStore() throws Exception {
        store.close();
        zookeeper.close();
    }

    private static long newKey() {
        return KEYS.incrementAndGet();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L + KEYS.get()).nextBytes(bytes);
        return bytes;
    }

    private static String needle(int vid, long key, int cookie) {
        return "vid=" + vid + "&key=" + key + "&cookie=" + cookie;
    }

    private static HttpResponse<byte[]> get(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(store.uri("/get?" + query)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return store.send(request);
    }

    private static HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body) throws Exception {
        return store.send(HttpRequest.newBuilder(store.uri(pathAndQuery))
                .header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<byte[]> adminPost(String pathAndQuery) throws Exception {
        return store.send(HttpRequest.newBuilder(store.adminUri(pathAndQuery))
                .header("Content-Type", "text/plain").POST(BodyPublishers.noBody()));
    }

    private record RawAnswer(int status, byte[] body) {
    }

    /**
     * Sends {@code head} (a request line and headers, no body) and reads the answer, which the store's errors
     * always delimit with a {@code Content-Length}: its status and body.
     */
    private static RawAnswer headersOnly(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", store.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status = Integer.parseInt(line(in).split(" ")[1]);
            String length = null;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    length = header.substring(colon + 1).strip();
                }
            }
            assertThat(length).as("a length-delimited answer to %s", head.lines().findFirst().orElse("")).isNotNull();
            return new RawAnswer(status, in.readNBytes(Integer.parseInt(length)));
        }
    }

    /** One line of an HTTP head without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the store closed the connection inside a line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static ErrorBody error(HttpResponse<byte[]> response) {
        return Json.read(response.body(), ErrorBody.class);
    }

    @Test
    void rawUploadIsServedBackByteForByte() throws Exception {
        long key = newKey();
        byte[] data = randomBytes(1024);
        HttpResponse<byte[]> upload = post("/upload?" + needle(VID, key, 42), "application/octet-stream", data);
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ret\":1}");

        HttpResponse<byte[]> read = get(needle(VID, key, 42));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(data);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(read.headers().firstValueAsLong("Content-Length")).hasValue(1024);
        assertThat(read.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void aFormEncodedRawBodyIsStoredVerbatimNotParsedAsParameters() throws Exception {
        long key = newKey();
        byte[] data = "vid=9&key=1&cookie=2&x=%41".getBytes(StandardCharsets.US_ASCII);
        // curl --data-binary sends this content type unless told otherwise
        HttpResponse<byte[]> upload = post("/upload?" + needle(VID, key, 5), "application/x-www-form-urlencoded", data);
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(client.get(store.address(), VID, key, 5)).isEqualTo(data);
    }

    @Test
    void multipartUploadTakesFormFieldsAndStreamsPartsOverOneMegabyte() throws Exception {
        long key = newKey();
        byte[] data = randomBytes(3 << 20);
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"vid", "" + VID}, {"key", "" + key}, {"cookie", "77"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<byte[]> upload = post("/upload", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertThat(upload.statusCode()).as(new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(client.get(store.address(), VID, key, 77)).isEqualTo(data);
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws Exception {
        long key = newKey();
        client.upload(store.address(), VID, key, 3, randomBytes(777));
        HttpResponse<byte[]> head = store.send(HttpRequest.newBuilder(store.uri("/get?" + needle(VID, key, 3)))
                .method("HEAD", BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(777);
        assertThat(head.body()).isEmpty();
        assertThat(client.size(store.address(), VID, key, 3)).hasValue(777);
        assertThat(client.size(store.address(), VID, key, 4)).isEmpty();
    }

    @Test
    void rangeRequestsServeTheRightBytes() throws Exception {
        long key = newKey();
        byte[] data = randomBytes(1000);
        client.upload(store.address(), VID, key, 9, data);
        String q = needle(VID, key, 9);

        HttpResponse<byte[]> first = get(q, "Range", "bytes=0-0");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).containsExactly(data[0]);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-0/1000");

        HttpResponse<byte[]> last = get(q, "Range", "bytes=999-999");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.body()).containsExactly(data[999]);

        HttpResponse<byte[]> suffix = get(q, "Range", "bytes=-100");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 900, 1000));
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 900-999/1000");

        HttpResponse<byte[]> overlong = get(q, "Range", "bytes=500-5000");
        assertThat(overlong.statusCode()).isEqualTo(206);
        assertThat(overlong.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 500, 1000));

        HttpResponse<byte[]> beyond = get(q, "Range", "bytes=1000-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */1000");
        assertThat(error(beyond).code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE.code());

        HttpResponse<byte[]> multiple = get(q, "Range", "bytes=0-1,5-6");
        assertThat(multiple.statusCode()).as("several ranges are ignored").isEqualTo(200);
        assertThat(multiple.body()).isEqualTo(data);

        try (NeedleStream part = client.open(store.address(), VID, key, 9, 10, 20)) {
            assertThat(part.partial()).isTrue();
            assertThat(part.totalSize()).isEqualTo(1000);
            assertThat(part.readAll()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 30));
        }
        assertThatThrownBy(() -> client.open(store.address(), VID, key, 9, 1000, 1))
                .isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
    }

    @Test
    void unknownVolumeKeyCookieAndDeletedNeedleAllAnswerTheSame404() throws Exception {
        long key = newKey();
        long deleted = newKey();
        client.upload(store.address(), VID, key, 11, randomBytes(10));
        client.upload(store.address(), VID, deleted, 11, randomBytes(10));
        assertThat(client.delete(store.address(), VID, deleted, 11)).isTrue();

        List<HttpResponse<byte[]>> answers = List.of(
                get(needle(999, key, 11)),
                get(needle(VID, newKey(), 11)),
                get(needle(VID, key, 12)),
                get(needle(VID, deleted, 11)));
        for (HttpResponse<byte[]> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(answers.getFirst().body());
        }
        assertThat(error(answers.getFirst()).code()).isEqualTo(ErrorCode.NEEDLE_NOT_FOUND.code());
    }

    @Test
    void badParametersAre400() throws Exception {
        for (String query : List.of("vid=1&key=2", "vid=x&key=2&cookie=3", "vid=1&key=2&cookie=99999999999", "")) {
            assertThat(get(query).statusCode()).as("GET " + query).isEqualTo(400);
            assertThat(post("/upload?" + query, "application/octet-stream", new byte[1]).statusCode())
                    .as("upload " + query).isEqualTo(400);
            assertThat(post("/del?" + query, "application/octet-stream", new byte[0]).statusCode())
                    .as("del " + query).isEqualTo(400);
        }
        HttpResponse<byte[]> bad = get("vid=1&key=abc&cookie=1");
        assertThat(error(bad).code()).isEqualTo(ErrorCode.BAD_ARGUMENT.code());
        assertThat(error(bad).message()).contains("key");
        assertThat(adminPost("/admin/add_volume?vid=-3").statusCode()).isEqualTo(400);
    }

    @Test
    void uploadsOverTheNeedleLimitAre413AndTheConnectionStaysUsable() throws Exception {
        long key = newKey();
        byte[] tooBig = new byte[MAX_NEEDLE + 1];
        // The headers alone, over a plain socket: the store must answer on the declared length without
        // waiting for the body. (Sent with its 4 MiB body, the answer races the close that follows it: the
        // client may still be writing when the connection is reset, and lose the 413 it was sent.)
        RawAnswer declared = headersOnly("POST /upload?" + needle(VID, key, 1) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + tooBig.length + "\r\n\r\n");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(Json.read(declared.body(), ErrorBody.class).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE.code());

        HttpResponse<byte[]> expecting = store.send(HttpRequest.newBuilder(store.uri("/upload?" + needle(VID, key, 1)))
                .expectContinue(true).POST(BodyPublishers.ofByteArray(new byte[20 << 20])));
        assertThat(expecting.statusCode()).isEqualTo(413);

        // no Content-Length: the limit is found while reading
        HttpResponse<byte[]> chunked = store.send(HttpRequest.newBuilder(store.uri("/upload?" + needle(VID, key, 1)))
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooBig))));
        assertThat(chunked.statusCode()).isEqualTo(413);

        String boundary = "zz";
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        multipart.writeBytes(tooBig);
        multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(post("/upload?" + needle(VID, key, 1), "multipart/form-data; boundary=" + boundary,
                multipart.toByteArray()).statusCode()).isEqualTo(413);

        assertThat(client.size(store.address(), VID, key, 1)).as("nothing was written").isEmpty();
        byte[] exact = randomBytes(MAX_NEEDLE);
        client.upload(store.address(), VID, key, 1, exact);
        assertThat(client.get(store.address(), VID, key, 1)).isEqualTo(exact);
    }

    @Test
    void anExistingKeyWithAnotherCookieIs409() throws Exception {
        long key = newKey();
        client.upload(store.address(), VID, key, 100, randomBytes(50));
        HttpResponse<byte[]> conflict = post("/upload?" + needle(VID, key, 101), "application/octet-stream", new byte[5]);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(error(conflict).code()).isEqualTo(ErrorCode.KEY_CONFLICT.code());
        assertThat(client.size(store.address(), VID, key, 100)).hasValue(50);
    }

    @Test
    void uploadToAnUnknownVolumeIs404() throws Exception {
        HttpResponse<byte[]> answer = post("/upload?" + needle(4242, newKey(), 1), "application/octet-stream", new byte[3]);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(error(answer).code()).isEqualTo(ErrorCode.VOLUME_NOT_FOUND.code());
    }

    @Test
    void batchUploadWritesEveryNeedleOfTheRequest() throws Exception {
        List<NeedleUpload> needles = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            needles.add(new NeedleUpload(newKey(), 1000 + i, randomBytes(100 + i * 37)));
        }
        assertThat(client.uploadAll(store.address(), VID, needles)).isEqualTo(25);
        for (NeedleUpload needle : needles) {
            assertThat(client.get(store.address(), VID, needle.key(), needle.cookie())).isEqualTo(needle.data());
        }
    }

    @Test
    void batchWithMismatchedFieldsIs400AndWritesNothing() throws Exception {
        long key = newKey();
        String boundary = "q";
        String body = "--q\r\nContent-Disposition: form-data; name=\"keys\"\r\n\r\n" + key + "\r\n"
                + "--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nabc\r\n--q--\r\n";
        HttpResponse<byte[]> answer = post("/uploads?vid=" + VID, "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(error(answer).message()).contains("cookie");
        assertThat(post("/uploads?vid=" + VID, "application/octet-stream", new byte[3]).statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRemovesTheNeedleOnceAndThenAnswers404() throws Exception {
        long key = newKey();
        client.upload(store.address(), VID, key, 8, randomBytes(64));
        HttpResponse<byte[]> first = post("/del", "application/x-www-form-urlencoded",
                needle(VID, key, 8).getBytes(StandardCharsets.US_ASCII));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(get(needle(VID, key, 8)).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> again = post("/del?" + needle(VID, key, 8), "text/plain", new byte[0]);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(get(needle(VID, key, 8)).body());
        assertThat(client.delete(store.address(), VID, key, 8)).isFalse();
    }

    @Test
    void infoReportsTheVolumesAndCounters() throws Exception {
        client.upload(store.address(), VID, newKey(), 1, randomBytes(10));
        StoreRegistration info = client.info(store.address());
        assertThat(info.api()).isEqualTo(store.address());
        assertThat(info.rack()).isEqualTo("default");
        assertThat(info.id()).startsWith("store-");
        assertThat(info.status()).isEqualTo(StoreStatus.READ_WRITE);
        VolumeState volume = info.volumes().stream().filter(v -> v.vid() == VID).findFirst().orElseThrow();
        assertThat(volume.needles()).isPositive();
        assertThat(volume.free()).isPositive();
        assertThat(volume.writable()).isTrue();
        assertThat(info.stats().writes()).isPositive();
        assertThat(info.stats().writeDelayNanos()).isPositive();
    }

    @Test
    void adminAddsVolumesIdempotentlyCompactsAndProbes() throws Exception {
        int vid = 7;
        client.addVolume(store.adminAddress(), vid);
        client.addVolume(store.adminAddress(), vid);
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long key = newKey();
            keys.add(key);
            client.upload(store.address(), vid, key, 1, randomBytes(4096));
        }
        for (int i = 0; i < 15; i++) {
            client.delete(store.address(), vid, keys.get(i), 1);
        }
        long before = volumeOf(vid).size();
        client.compact(store.adminAddress(), vid);
        long after = volumeOf(vid).size();
        assertThat(after).isLessThan(before / 2);
        for (int i = 15; i < 20; i++) {
            assertThat(client.get(store.address(), vid, keys.get(i), 1)).hasSize(4096);
        }
        assertThat(client.size(store.address(), vid, keys.getFirst(), 1)).isEmpty();
        client.probe(store.adminAddress());
        HttpResponse<byte[]> unknown = adminPost("/admin/compact_volume?vid=5555");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static VolumeState volumeOf(int vid) {
        return client.info(store.address()).volumes().stream().filter(v -> v.vid() == vid).findFirst().orElseThrow();
    }

    @Test
    void unknownPathsAnswerAJsonError() throws Exception {
        HttpResponse<byte[]> answer = store.send(HttpRequest.newBuilder(store.uri("/nope")).GET());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(error(answer).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND.code());
    }
}
