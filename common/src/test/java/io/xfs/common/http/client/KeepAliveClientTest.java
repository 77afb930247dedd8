package io.xfs.common.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real socket server whose answers each test writes byte for byte. */
class KeepAliveClientTest {
    private final KeepAliveClient client = new KeepAliveClient(
            new KeepAliveClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 8, Duration.ofSeconds(15)));
    private final List<RawServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        client.close();
        for (RawServer server : servers) {
            server.close();
        }
    }

    @Test
    void keepsOneConnectionForSequentialRequests() throws IOException {
        RawServer server = start(request -> ok("hello " + request.path));
        for (int i = 0; i < 5; i++) {
            try (Response response = client.send(Request.get(server.authority(), "/n" + i))) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(new String(response.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello /n" + i);
            }
        }
        assertThat(server.accepted.get()).isEqualTo(1);
        assertThat(client.idleConnections(server.authority())).isEqualTo(1);
    }

    @Test
    void sendsTheBodyWithItsLength() throws IOException {
        RawServer server = start(request -> ok(request.method + " " + request.body.length + " "
                + new String(request.body, StandardCharsets.UTF_8)));
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        Response fromBytes = client.send(Request.post(server.authority(), "/a", RequestBody.of(data, 2, 5)));
        assertThat(new String(fromBytes.bytes(), StandardCharsets.UTF_8)).isEqualTo("POST 5 23456");
        Response fromParts = client.send(Request.post(server.authority(), "/a",
                RequestBody.of(List.of("ab".getBytes(StandardCharsets.UTF_8), "cd".getBytes(StandardCharsets.UTF_8)))));
        assertThat(new String(fromParts.bytes(), StandardCharsets.UTF_8)).isEqualTo("POST 4 abcd");
        Response fromStream = client.send(Request.post(server.authority(), "/a",
                RequestBody.of(new java.io.ByteArrayInputStream(data), 3)));
        assertThat(new String(fromStream.bytes(), StandardCharsets.UTF_8)).isEqualTo("POST 3 012");
        Response empty = client.send(Request.post(server.authority(), "/a", RequestBody.empty()));
        assertThat(new String(empty.bytes(), StandardCharsets.UTF_8)).isEqualTo("POST 0 ");
        assertThat(server.accepted.get()).isEqualTo(1);
    }

    @Test
    void readsChunkedAnswersAndReusesTheConnection() throws IOException {
        RawServer server = start(request -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            Response response = client.send(Request.get(server.authority(), "/c"));
            assertThat(new String(response.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        }
        assertThat(server.accepted.get()).isEqualTo(1);
    }

    @Test
    void aBodyClosedBeforeItsEndDropsTheConnection() throws IOException {
        RawServer server = start(request -> ok("x".repeat(1000)));
        Response response = client.send(Request.get(server.authority(), "/big"));
        assertThat(response.body().read(new byte[10], 0, 10)).isEqualTo(10);
        response.close();
        assertThat(client.idleConnections(server.authority())).isZero();
        assertThat(client.send(Request.get(server.authority(), "/big")).bytes()).hasSize(1000);
        assertThat(server.accepted.get()).isEqualTo(2);
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        RawServer server = start(request -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        assertThat(client.send(Request.get(server.authority(), "/")).bytes()).hasSize(2);
        assertThat(client.send(Request.get(server.authority(), "/")).bytes()).hasSize(2);
        assertThat(server.accepted.get()).isEqualTo(2);
        assertThat(client.idleConnections(server.authority())).isZero();
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedTransparently() throws IOException {
        RawServer server = start(request -> ok("fine"));
        assertThat(client.send(Request.post(server.authority(), "/", RequestBody.of(new byte[]{1}))).bytes()).hasSize(4);
        server.dropOpenConnections();
        Response again = client.send(Request.post(server.authority(), "/", RequestBody.of(new byte[]{2})));
        assertThat(new String(again.bytes(), StandardCharsets.UTF_8)).isEqualTo("fine");
        assertThat(server.accepted.get()).isEqualTo(2);
    }

    @Test
    void aStreamedBodyIsNotSentTwice() throws IOException {
        RawServer server = start(request -> ok("fine"));
        assertThat(client.send(Request.get(server.authority(), "/")).bytes()).hasSize(4);
        server.dropOpenConnections();
        // the stream was consumed by the first attempt, so the failure is the caller's to handle
        assertThatThrownBy(() -> client.send(Request.post(server.authority(), "/",
                RequestBody.of(new java.io.ByteArrayInputStream(new byte[100_000]), 100_000))).bytes())
                .isInstanceOf(IOException.class);
    }

    @Test
    void anAnswerCutShortFailsInsteadOfEndingEarly() throws IOException {
        RawServer server = start(request -> "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-part" + RawServer.HANG_UP);
        Response response = client.send(Request.get(server.authority(), "/"));
        assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(EOFException.class)
                .hasMessageContaining("9 of its 100 bytes");
        assertThat(client.idleConnections(server.authority())).isZero();
    }

    @Test
    void aSilentServerTimesOut() throws IOException {
        RawServer server = start(request -> RawServer.SILENCE);
        Request request = Request.get(server.authority(), "/slow").withReadTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(request)).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnreachableServerIsAConnectException() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> client.send(Request.get("127.0.0.1:" + port, "/")))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void headAnswersHaveNoBodyDespiteTheirLength() throws IOException {
        RawServer server = start(request -> request.method.equals("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n" : ok("after"));
        Response head = client.send(Request.get(server.authority(), "/").withMethod("HEAD"));
        assertThat(head.contentLength()).hasValue(1234);
        assertThat(head.bytes()).isEmpty();
        assertThat(new String(client.send(Request.get(server.authority(), "/")).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("after");
        assertThat(server.accepted.get()).isEqualTo(1);
    }

    @Test
    void refusesHeaderInjection() {
        assertThatThrownBy(() -> Request.get("h:1", "/").withHeader("X-A", "b\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.get("h:1", "/a b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private RawServer start(Function<RawRequest, String> answer) throws IOException {
        RawServer server = new RawServer(answer);
        servers.add(server);
        return server;
    }

    record RawRequest(String method, String path, byte[] body) {
    }

    /** HTTP/1.1 over a ServerSocket, one thread per connection, answers written as given. */
    static final class RawServer implements AutoCloseable {
        static final String HANG_UP = "\u0000HANG_UP";
        static final String SILENCE = "\u0000SILENCE";

        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0);
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Function<RawRequest, String> answer;

        RawServer(Function<RawRequest, String> answer) throws IOException {
            this.answer = answer;
            Thread.ofVirtual().start(this::acceptLoop);
        }

        String authority() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        void dropOpenConnections() throws IOException {
            for (Socket s : open) {
                s.close();
            }
            open.clear();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    open.add(s);
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String requestLine = line(in);
                    if (requestLine == null) {
                        return;
                    }
                    int length = 0;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        if (h.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(h.substring(15).trim());
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    String[] parts = requestLine.split(" ");
                    String reply = answer.apply(new RawRequest(parts[0], parts[1], body));
                    if (reply.equals(SILENCE)) {
                        Thread.sleep(5000);
                        return;
                    }
                    boolean hangUp = reply.endsWith(HANG_UP);
                    out.write(reply.replace(HANG_UP, "").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (hangUp) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away or the test closed the socket
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                line.write(b);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            dropOpenConnections();
        }
    }
}
