package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The write path against a directory that misbehaves: a relay between a {@link FileService} and the real
 * directory lets a test act at an exact moment (delete deduplicated content between placement and commit)
 * or delay answers; a closed port stands for a directory that is down.
 */
@ExtendWith(ProxyClusterExtension.class)
class DirectoryFaultsTest {
    private static final FileService.Limits LIMITS = new FileService.Limits(ProxyCluster.CHUNK_SIZE, 1 << 24);

    private final ProxyCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer relay;

    DirectoryFaultsTest(ProxyCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop(0);
        }
    }

    /** Called with each directory answer before the relay passes it on. */
    private interface Hook {
        void answered(String path, String body) throws Exception;
    }

    @Test
    void commitOfVanishedDedupContentStartsTheWriteOverOnce() throws Exception {
        byte[] data = TestData.bytes(3000, 40);
        cluster.files().store("restart", "original", "text/plain", new ByteArrayInputStream(data), data.length);
        AtomicBoolean deleted = new AtomicBoolean();
        FileService files = serviceThrough(startRelay((path, body) -> {
            // Between the dedup answer and the commit, the only file holding the content goes away.
            if (path.equals("/upload") && body.contains("\"dedup\":true") && !deleted.getAndSet(true)) {
                assertThat(cluster.files().delete("restart", "original")).isEqualTo(1);
            }
        }), Duration.ofSeconds(10));

        StoredFile stored = files.store("restart", "copy", "text/plain", new ByteArrayInputStream(data), data.length);
        assertThat(deleted).isTrue();
        assertThat(stored.deduplicated()).isFalse();
        assertThat(files.counters().snapshot().get("commit_restarts")).isEqualTo(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.read("restart", "copy", 0, -1, out);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(files.exists("restart", "original")).isFalse();
    }

    @Test
    void aWriteAnswered503ThatWasCommittedAnywayIsHarmlessToSendAgain() throws Exception {
        // docs/api.md, "Ambiguous outcomes": the directory commits, then its answer is lost on the way.
        // Every answer to a commit is lost while set (the proxy's client may send the commit again itself).
        AtomicBoolean answersLost = new AtomicBoolean();
        AtomicInteger commitsLost = new AtomicInteger();
        FileService files = serviceThrough(startRelay((path, body) -> {
            if (path.equals("/commits") && answersLost.get()) {
                commitsLost.incrementAndGet();
                throw new IOException("connection lost after the commit");
            }
        }), Duration.ofSeconds(10));
        for (byte[] data : List.of(TestData.bytes(3000, 41), TestData.bytes(ProxyCluster.CHUNK_SIZE * 2 + 7, 42))) {
            answersLost.set(true);
            commitsLost.set(0);
            String name = "file-of-" + data.length;
            assertThatThrownBy(() -> files.store("ambiguous", name, "text/plain", new ByteArrayInputStream(data),
                    data.length)).isInstanceOfSatisfying(XfsException.class,
                            e -> assertThat(e.errorCode().httpStatus()).isEqualTo(503));
            answersLost.set(false);
            assertThat(commitsLost).hasPositiveValue();
            assertThat(files.exists("ambiguous", name)).as("committed although answered 503").isTrue();
            FileInfo committed = cluster.files().open("ambiguous", name);

            StoredFile again = files.store("ambiguous", name, "text/plain", new ByteArrayInputStream(data), data.length);

            // The same file: the same content record, the first write's needles (the retry's own, if it
            // wrote any, became garbage), and the same bytes read back.
            assertThat(again.sha1()).isEqualTo(committed.sha1());
            assertThat(cluster.files().open("ambiguous", name).chunks().stream().map(NeedleRef::withoutStores).toList())
                    .isEqualTo(committed.chunks().stream().map(NeedleRef::withoutStores).toList());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.read("ambiguous", name, 0, -1, out);
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void directoryThatIsDownIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FileService files = serviceThrough(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2));
        expect(ErrorCode.DIRECTORY_UNAVAILABLE,
                () -> files.store("down", "x", "text/plain", new ByteArrayInputStream(new byte[3]), 3));
        expect(ErrorCode.DIRECTORY_UNAVAILABLE, () -> files.open("down", "x"));
    }

    @Test
    void directoryThatAnswersTooLateIsAGatewayTimeout() throws Exception {
        FileService files = serviceThrough(startRelay((path, body) -> Thread.sleep(2000)), Duration.ofMillis(300));
        expect(ErrorCode.UPSTREAM_TIMEOUT, () -> files.open("slow", "x"));
    }

    private FileService serviceThrough(URI directory, Duration timeout) {
        DirectoryClient client = new DirectoryClient(directory, Duration.ofSeconds(1), timeout, ProxyCluster.signer(InternalRole.PROXY),
                null);
        MetadataCache cache = new MetadataCache(Duration.ofSeconds(2), 100, timeout);
        ReplicaClient replicas = new StoreReplicaClient(Duration.ofSeconds(1), Duration.ofSeconds(5), ProxyCluster.signer(InternalRole.PROXY),
                null);
        return new FileService(client, replicas, cache, LIMITS, new ProxyCounters());
    }

    /** A relay to the real directory on a free port, calling {@code hook} with every answer. */
    private URI startRelay(Hook hook) throws IOException {
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.createContext("/", exchange -> relay(exchange, hook));
        relay.start();
        return URI.create("http://127.0.0.1:" + relay.getAddress().getPort());
    }

    private void relay(HttpExchange exchange, Hook hook) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(cluster.directoryUri().resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (String header : List.of("Content-Type", InternalSigner.HEADER)) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            hook.answered(exchange.getRequestURI().getPath(), new String(answer.body(), StandardCharsets.UTF_8));
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("relay failed", e);
        }
    }

    private static void expect(ErrorCode code, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
