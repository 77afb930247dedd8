package io.xfs.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer against real sockets: routing, the error writer, limits and the slow-client defences. */
class WebServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong bodyBytes = new AtomicLong(-1);
    private final AtomicReference<Throwable> bodyFailure = new AtomicReference<>();
    private WebServer server;
    private int port;

    private void start(WebOptions options) throws Exception {
        Router router = new Router()
                .get("/hello", ex -> ex.send(200, "text/plain", "hello".getBytes(StandardCharsets.US_ASCII)))
                .post("/hello", ex -> ex.send(201, "text/plain", new byte[0]))
                .post("/refuse", ex -> {
                    throw new XfsException(ErrorCode.PAYLOAD_TOO_LARGE, "too large");
                })
                .post("/count", ex -> {
                    release.await(30, TimeUnit.SECONDS);
                    try (InputStream in = ex.body()) {
                        bodyBytes.set(in.transferTo(OutputStream.nullOutputStream()));
                    } catch (IOException e) {
                        bodyFailure.set(e);
                        throw e;
                    }
                    ex.send(200, "text/plain", new byte[0]);
                })
                .get("/big", ex -> {
                    int size = Integer.parseInt(ex.query().required("size"));
                    try (WritableByteChannel out = ex.stream(200, "application/octet-stream", size)) {
                        ByteBuffer chunk = ByteBuffer.allocate(10_000);
                        for (int left = size; left > 0; left -= chunk.capacity()) {
                            chunk.clear().limit(Math.min(left, chunk.capacity()));
                            out.write(chunk);
                        }
                    }
                })
                .post("/secret", ex -> ex.send(200, "text/plain", new byte[0]));
        Authenticator auth = ex -> {
            if (ex.path().equals("/secret") && ex.header("X-Key") == null) {
                throw new XfsException(ErrorCode.UNAUTHORIZED, "no key");
            }
        };
        server = new WebServer("test", router, options, auth, meters);
        port = server.start("127.0.0.1", 0).getPort();
    }

    private static WebOptions options(Duration headTimeout, long minRate, int perAddress) {
        return new WebOptions(2, 1024, 4096, headTimeout, Duration.ofSeconds(30), minRate, Duration.ofSeconds(1),
                perAddress, 1 << 20, 1 << 20, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Writes {@code head} on a fresh socket and answers everything read until the server closes or 5 s pass. */
    private String raw(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket);
        }
    }

    private static String readAll(Socket socket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(out);
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // what arrived is the answer
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void routesByMethodAndPathAndAnswersEveryErrorAsJson() throws Exception {
        start(options(Duration.ofSeconds(5), 0, 0));
        assertThat(send(HttpRequest.newBuilder(uri("/hello"))).body()).isEqualTo("hello");
        assertThat(send(HttpRequest.newBuilder(uri("/hello")).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("5");
        assertThat(head.body()).isEmpty();

        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/nope")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":1200");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/hello")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> options = send(HttpRequest.newBuilder(uri("/hello"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/refuse"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("{\"code\":1400,\"message\":\"too large\"}");

        HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(uri("/secret"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/secret")).header("X-Key", "k")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);

        assertThat(raw("GET /hello HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(5000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("\"code\":1000");
        assertThat(raw("GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("xfs.http.requests").tag("route", "/hello")
                .tag("method", "GET").tag("status", "200").timer().count() == 1);
    }

    @Test
    void aMalformedChunkIsAnswered400AndTheHandlerNeverTakesTheBytesBeforeItForTheBody() throws Exception {
        start(options(Duration.ofSeconds(5), 0, 0));
        release.countDown();
        String answer = raw("POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\nzz\r\nmore\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"code\":" + ErrorCode.BAD_BODY.code())
                .containsIgnoringCase("connection: close");
        assertThat(bodyBytes).hasValue(-1);
    }

    @Test
    void anEarlyAnswerDrainsASmallBodyAndKeepsTheConnection() throws Exception {
        start(options(Duration.ofSeconds(5), 0, 0));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100_000]);
            out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = readAll(socket);
            assertThat(answers).startsWith("HTTP/1.1 413").contains("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void aHeadThatDoesNotArriveInTimeIsAnswered408AndClosed() throws Exception {
        start(options(Duration.ofMillis(500), 0, 0));
        long start = System.nanoTime();
        assertThat(raw("GET /hello HTTP/1.1\r\nHost: x\r\n")).startsWith("HTTP/1.1 408").contains("\"code\":1000");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBodySlowerThanTheMinimumRateIsCut() throws Exception {
        start(options(Duration.ofSeconds(5), 1000, 0));
        release.countDown();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bodyFailure.get() != null);
    }

    @Test
    void connectionsPerAddressAreCapped() throws Exception {
        start(options(Duration.ofSeconds(5), 0, 2));
        try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port);
             Socket c = new Socket("127.0.0.1", port)) {
            c.setSoTimeout(5000);
            assertThat(c.getInputStream().read()).as("the third is closed").isEqualTo(-1);
            a.setSoTimeout(5000);
            a.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(a.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void aHandlerThatDoesNotReadStopsTheServerReadingAndLargeAnswersStream() throws Exception {
        start(options(Duration.ofSeconds(5), 0, 0));
        int size = 16 << 20;
        CompletableFuture<HttpResponse<String>> upload = HTTP.sendAsync(HttpRequest.newBuilder(uri("/count"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1500);
        assertThat(server.bodyBytesInFlight()).as("held while the handler does not read")
                .isPositive().isLessThanOrEqualTo(BodyInput.HIGH_WATER + 128 * 1024);
        release.countDown();
        assertThat(upload.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(bodyBytes.get()).isEqualTo(size);
        assertThat(server.bodyBytesInFlight()).isZero();

        HttpResponse<byte[]> big = HTTP.send(HttpRequest.newBuilder(uri("/big?size=" + ((5 << 20) + 7))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.body()).hasSize((5 << 20) + 7);
        HttpResponse<byte[]> small = HTTP.send(HttpRequest.newBuilder(uri("/big?size=10")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(small.headers().firstValue("Content-Length")).hasValue("10");
    }
}
