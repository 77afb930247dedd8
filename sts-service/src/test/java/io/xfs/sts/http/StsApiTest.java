package io.xfs.sts.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.sts.fetch.TestOrigin;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The four calls against a real sts (alone, no ZooKeeper) and a real origin on loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"xfs.sts.fetch.allow-private=true", "xfs.sts.max-file-size=1MB"})
class StsApiTest {
    @TempDir
    static Path tempDir;
    static TestOrigin origin;
    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("xfs.data-dir", () -> tempDir.resolve("sts").toString());
    }

    @BeforeAll
    static void startOrigin() throws IOException {
        origin = TestOrigin.start();
    }

    @AfterAll
    static void stopOrigin() {
        origin.close();
    }

    @Test
    void anAsyncFetchIsThenServedFromTheStoredCopy() throws Exception {
        byte[] body = bytes(10_000);
        origin.serve("/async", body, Duration.ofMillis(100));
        String uri = b64(origin.url("/async"));
        HttpResponse<String> started = post("/v1/fetch?uri=" + uri + "&length=" + body.length);
        assertThat(started.statusCode()).isEqualTo(200);
        for (int i = 0; i < 100 && origin.hits("/async") == 0; i++) {
            Thread.sleep(50);
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> got = get("/v1/fetch?uri=" + uri);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
        }
        assertThat(origin.hits("/async")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentGetsOfAnUncachedUriReachTheOriginOnce() throws Exception {
        byte[] body = bytes(50_000);
        origin.serve("/popular", body, Duration.ofMillis(500));
        String uri = b64(origin.url("/popular"));
        List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(http.sendAsync(request("/v1/fetch?uri=" + uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> call : calls) {
            HttpResponse<byte[]> response = call.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
        assertThat(origin.hits("/popular")).isEqualTo(1);
    }

    @Test
    void aSyncFetchOfAFailingOriginAnswers424WithTheReason() throws Exception {
        origin.fail("/broken", 500);
        HttpResponse<String> response = post("/v1/fetch?uri=" + b64(origin.url("/broken")) + "&sync=true");
        assertThat(response.statusCode()).isEqualTo(424);
        assertThat(response.body()).contains("\"code\":1500").contains("origin answered 500");
        HttpResponse<byte[]> get = get("/v1/fetch?uri=" + b64(origin.url("/broken")));
        assertThat(get.statusCode()).isEqualTo(424);
    }

    @Test
    void aLengthMismatchIsAnErrorAndKeepsNothing() throws Exception {
        byte[] body = bytes(1234);
        origin.serve("/sized", body, Duration.ZERO);
        String uri = b64(origin.url("/sized"));
        HttpResponse<String> wrong = post("/v1/fetch?uri=" + uri + "&length=1000&sync=true");
        assertThat(wrong.statusCode()).isEqualTo(424);
        assertThat(wrong.body()).contains("1000").contains("1234");
        assertThat(get("/v1/fetch?uri=" + uri + "&length=99").statusCode()).isEqualTo(424);
        assertThat(origin.hits("/sized")).isEqualTo(2);
        HttpResponse<byte[]> right = get("/v1/fetch?uri=" + uri);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo(body);
        assertThat(origin.hits("/sized")).as("nothing was kept from the mismatched fetches").isEqualTo(3);
        assertThat(post("/v1/fetch?uri=" + uri + "&length=1234&sync=true").statusCode()).isEqualTo(200);
        assertThat(origin.hits("/sized")).isEqualTo(3);
    }

    @Test
    void fileUrisAndBadBase64AnswerBadRequest() throws Exception {
        String file = Base64.getEncoder().encodeToString("file:///etc/passwd".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/v1/fetch?uri=" + file + "&sync=true").statusCode()).isEqualTo(400);
        assertThat(get("/v1/fetch?uri=" + file).statusCode()).isEqualTo(400);
        HttpResponse<String> bad = post("/v1/fetch?uri=not*base64");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"code\":1000");
        assertThat(get("/v1/fetch?uri=").statusCode()).isEqualTo(400);
        assertThat(post("/v1/fetch?uri=" + b64(origin.url("/x")) + "&length=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void ambiguousNumericHostsAnswer400AndNeverReachTheOrigin() throws Exception {
        origin.serve("/ambiguous", bytes(10), Duration.ZERO);
        for (String host : List.of("127.1", "0177.0.0.1", "2130706433", "0x7f.0.0.1", "127.0.0.1.",
                "[::ffff:127.0.0.1]")) {
            String uri = b64("http://" + host + ":" + origin.port() + "/ambiguous");
            HttpResponse<String> sync = post("/v1/fetch?uri=" + uri + "&sync=true");
            assertThat(sync.statusCode()).as(host).isEqualTo(400);
            assertThat(sync.body()).as(host).contains("\"code\":1000").contains("\"message\":\"uri host");
            assertThat(get("/v1/fetch?uri=" + uri).statusCode()).as(host).isEqualTo(400);
        }
        assertThat(origin.hits("/ambiguous")).isZero();
    }

    /** Requests sent as written (clients refuse most of them) to every call: 4xx at worst, never a 5xx. */
    @Test
    void malformedRequestsNeverGetA5xx() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (String call : List.of("GET /v1/fetch", "HEAD /v1/fetch", "POST /v1/fetch", "GET /v1/file/x",
                "POST /v1/file/x", "PUT /v1/file/x", "DELETE /v1/file/x", "GET /v1/file/%ZZ", "GET /v1/file/%C0%AF",
                "GET /v1/file/..%2F..%2Fetc", "POST /v1/file/", "GET /v1/nothing")) {
            for (String query : List.of("%%%=&&=%ZZ", "uri=%FF%FE", "uri&length&sync", "uri=a&uri=b&length=x",
                    "uri=aGk&length=99999999999999999999", "uri=" + "A".repeat(7000), "length=-5&sync=maybe",
                    "uri=" + b64("http://0177.0.0.1/") + "&sync=true", "=&=")) {
                String line = call + "?" + query + " HTTP/1.1";
                for (String range : List.of("", "\r\nRange: bytes=9-1", "\r\nRange: bytes=99999999999999999999-")) {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(30_000);
                        socket.getOutputStream().write((line + "\r\nHost: x\r\nContent-Type: "
                                + "application/x-www-form-urlencoded\r\nContent-Length: " + query.length() + range
                                + "\r\nConnection: close\r\n\r\n" + query).getBytes(StandardCharsets.ISO_8859_1));
                        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                        softly.assertThat(answer).as(line + range).startsWith("HTTP/1.1 ")
                                .doesNotStartWith("HTTP/1.1 5");
                    } catch (java.net.SocketException e) {
                        softly.fail(line.substring(0, Math.min(100, line.length())) + range + ": " + e);
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void standardBase64WithAnUnescapedPlusAndUrlSafeBase64NameTheSameResource() throws Exception {
        byte[] body = bytes(321);
        origin.serve("/alphabet", body, Duration.ZERO);
        String url = origin.url("/alphabet") + "?b=~~~&c=??";
        String standard = Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        String urlSafe = b64(url);
        assertThat(standard).contains("+").contains("/");
        assertThat(get("/v1/fetch?uri=" + standard).body()).isEqualTo(body);
        assertThat(get("/v1/fetch?uri=" + urlSafe).body()).isEqualTo(body);
        assertThat(get("/v1/fetch?uri=" + standard.replace("+", "%2B").replace("/", "%2F")).body()).isEqualTo(body);
        assertThat(origin.hits("/alphabet")).isEqualTo(1);
    }

    @Test
    void rangesWorkOnBothGetsWithTheRightContentLength() throws Exception {
        byte[] body = bytes(1000);
        origin.serve("/ranged", body, Duration.ZERO);
        assertThat(post("/v1/file/ranged", body).statusCode()).isEqualTo(200);
        for (String path : List.of("/v1/file/ranged", "/v1/fetch?uri=" + b64(origin.url("/ranged")))) {
            HttpResponse<byte[]> part = get(path, "bytes=10-19");
            assertThat(part.statusCode()).as(path).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/1000");
            assertThat(part.headers().firstValueAsLong("Content-Length")).hasValue(10);
            assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(body, 10, 20));

            HttpResponse<byte[]> suffix = get(path, "bytes=-5");
            assertThat(suffix.statusCode()).isEqualTo(206);
            assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(body, 995, 1000));

            HttpResponse<byte[]> open = get(path, "bytes=990-5000");
            assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
            assertThat(open.body()).hasSize(10);

            HttpResponse<byte[]> beyond = get(path, "bytes=1000-");
            assertThat(beyond.statusCode()).isEqualTo(416);
            assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */1000");

            HttpResponse<byte[]> whole = get(path, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(1000);
            assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        }
    }

    @Test
    void aWrittenFileReadsBackAndHeadGivesItsLength() throws Exception {
        byte[] body = bytes(4096);
        HttpResponse<String> written = post("/v1/file/photos/2025/cat.jpg", body);
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(written.body()).contains("\"size\":4096");
        assertThat(get("/v1/file/photos/2025/cat.jpg").body()).isEqualTo(body);
        HttpResponse<Void> head = http.send(request("/v1/file/photos/2025/cat.jpg")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(4096);
        assertThat(get("/v1/file/photos/2025/dog.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void aFilenameWithDotDotStaysInsideTheDataDirectory() throws Exception {
        byte[] body = "not an escape".getBytes(StandardCharsets.UTF_8);
        assertThat(post("/v1/file/..%2F..%2F..%2Fescaped.txt", body).statusCode()).isEqualTo(200);
        assertThat(get("/v1/file/..%2F..%2F..%2Fescaped.txt").body()).isEqualTo(body);
        try (Stream<Path> files = Files.walk(tempDir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).allMatch(p -> p.startsWith(tempDir.resolve("sts")));
            assertThat(regular).noneMatch(p -> p.getFileName().toString().contains("escaped"));
        }
        assertThat(Files.exists(tempDir.getParent().resolve("escaped.txt"))).isFalse();
    }

    @Test
    void aBodyThatDoesNotMatchItsDeclaredLengthKeepsNothing() throws Exception {
        HttpResponse<String> response = post("/v1/file/declared?length=10", "12345".getBytes());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":1006");
        assertThat(get("/v1/file/declared").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> response = post("/v1/file/huge", new byte[1024 * 1024 + 1]);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get("/v1/file/huge").statusCode()).isEqualTo(404);
    }

    @Test
    void aFormEncodedBodyIsStoredAsItCame() throws Exception {
        byte[] body = "a=1&b=2&uri=x".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> written = http.send(request("/v1/file/form?length=" + body.length)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(get("/v1/file/form").body()).isEqualTo(body);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder builder = request(path).GET();
        if (range != null) {
            builder.header("Range", range);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String b64(String url) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
