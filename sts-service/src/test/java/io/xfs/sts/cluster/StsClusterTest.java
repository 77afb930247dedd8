package io.xfs.sts.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.internal.BodyHash;
import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.http.XfsHeaders;
import io.xfs.sts.StsApplication;
import io.xfs.sts.fetch.TestOrigin;
import io.xfs.sts.slot.StoreKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two sts instances registered in a real in-process ZooKeeper, fetching only from the one origin listed in
 * {@code allow-hosts}, with a cluster secret (forwarded calls are signed). The last test stops instance B, so it
 * runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StsClusterTest {
    private static final String SECRET = "sts-test-cluster-secret";
    @TempDir
    static Path dir;
    static TestingServer zookeeper;
    static TestOrigin origin;
    static TestOrigin other;
    static Instance a;
    static Instance b;
    final HttpClient http = HttpClient.newHttpClient();

    record Instance(ConfigurableApplicationContext context, Path dataDir, String address) {
        Router router() {
            return context.getBean(Router.class);
        }

        String url(String path) {
            return "http://" + address + path;
        }

        boolean holds(StoreKey key) throws IOException {
            try (Stream<Path> files = Files.walk(dataDir)) {
                return files.anyMatch(p -> p.getFileName().toString().equals(key.fileName()));
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        origin = TestOrigin.start();
        other = TestOrigin.start();
        a = startInstance("a");
        b = startInstance("b");
        awaitMembers(a, 2);
        awaitMembers(b, 2);
    }

    @AfterAll
    static void stop() throws IOException {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance != null && instance.context().isActive()) {
                instance.context().close();
            }
        }
        origin.close();
        other.close();
        zookeeper.close();
    }

    @Test
    @Order(1)
    void aWriteThroughEitherInstanceLandsOnTheOwnerOnlyAndReadsBackThroughBoth() throws Exception {
        for (Instance owner : List.of(a, b)) {
            Instance notOwner = owner == a ? b : a;
            String name = keyOwnedBy(owner, "file-");
            for (Instance via : List.of(a, b)) {
                byte[] body = (name + " via " + via.address()).getBytes(StandardCharsets.UTF_8);
                assertThat(post(via.url("/v1/file/" + name), body, Map.of()).statusCode()).isEqualTo(200);
                assertThat(owner.holds(StoreKey.file(name))).isTrue();
                assertThat(notOwner.holds(StoreKey.file(name))).isFalse();
                for (Instance reader : List.of(a, b)) {
                    HttpResponse<byte[]> read = get(reader.url("/v1/file/" + name), Map.of());
                    assertThat(read.statusCode()).isEqualTo(200);
                    assertThat(read.body()).isEqualTo(body);
                }
            }
        }
    }

    @Test
    @Order(1)
    void anEmptyFileWrittenThroughTheOtherInstanceReadsBackEmpty() throws Exception {
        String name = keyOwnedBy(b, "empty-");
        assertThat(post(a.url("/v1/file/" + name), new byte[0], Map.of()).statusCode()).isEqualTo(200);
        assertThat(b.holds(StoreKey.file(name))).isTrue();
        HttpResponse<byte[]> read = get(a.url("/v1/file/" + name), Map.of());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValueAsLong("Content-Length")).hasValue(0);
        assertThat(read.body()).isEmpty();
    }

    @Test
    @Order(2)
    void aForwardedCallIsNeverForwardedAgain() throws Exception {
        String name = keyOwnedBy(b, "hop-");
        String path = "/v1/file/" + name;
        byte[] body = "kept here".getBytes();
        assertThat(post(a.url(path), body, hop(InternalRole.STS, "POST", path, body.length)).statusCode()).isEqualTo(200);
        assertThat(a.holds(StoreKey.file(name))).isTrue();
        assertThat(b.holds(StoreKey.file(name))).isFalse();
        assertThat(get(b.url(path), hop(InternalRole.STS, "GET", path, 0)).statusCode()).isEqualTo(404);
        assertThat(get(a.url(path), hop(InternalRole.STS, "GET", path, 0)).body()).isEqualTo(body);
    }

    @Test
    @Order(2)
    void onlyAnotherInstanceMayAskForACallToBeServedWhereItLands() throws Exception {
        String name = keyOwnedBy(b, "hop-forged-");
        String path = "/v1/file/" + name;
        assertThat(post(a.url(path), "x".getBytes(), Map.of(XfsHeaders.HOP, "1")).statusCode()).isEqualTo(401);
        assertThat(post(a.url(path), "x".getBytes(), hop(InternalRole.PROXY, "POST", path, 1)).statusCode())
                .isEqualTo(403);
        assertThat(a.holds(StoreKey.file(name))).isFalse();
        // without the hop header it is forwarded, signed, to its owner
        assertThat(post(a.url(path), "x".getBytes(), Map.of()).statusCode()).isEqualTo(200);
        assertThat(b.holds(StoreKey.file(name))).isTrue();
    }

    /** The hop header and a signature as {@code role} of a call with a streamed body of {@code length}. */
    private static Map<String, String> hop(InternalRole role, String method, String path, long length) {
        InternalSigner signer = new InternalSigner(ClusterSecret.of(SECRET), role, "test");
        String auth = length == 0 ? signer.sign(method, path) : signer.sign(method, path, length, BodyHash.UNSIGNED);
        return Map.of(XfsHeaders.HOP, "1", InternalSigner.HEADER, auth);
    }

    @Test
    @Order(3)
    void aFetchThroughEitherInstanceIsDownloadedOnceByTheOwner() throws Exception {
        String path = null;
        for (int i = 0; path == null; i++) {
            String candidate = "/fetched-" + i;
            if (b.router().remoteOwner(origin.url(candidate)).isEmpty()) {
                path = candidate;
            }
        }
        byte[] body = "fetched once".getBytes();
        origin.serve(path, body, Duration.ZERO);
        String uri = Base64.getUrlEncoder().encodeToString(origin.url(path).getBytes(StandardCharsets.UTF_8));
        assertThat(get(a.url("/v1/fetch?uri=" + uri), Map.of()).body()).isEqualTo(body);
        assertThat(get(b.url("/v1/fetch?uri=" + uri), Map.of()).body()).isEqualTo(body);
        assertThat(origin.hits(path)).isEqualTo(1);
        assertThat(b.holds(StoreKey.fetch(origin.url(path)))).isTrue();
        assertThat(a.holds(StoreKey.fetch(origin.url(path)))).isFalse();
    }

    @Test
    @Order(4)
    void aRedirectToAnotherLoopbackPortIsRefusedWhenOnlyTheOriginIsAllowed() throws Exception {
        other.serve("/secret", "secret".getBytes(), Duration.ZERO);
        origin.redirect("/elsewhere", other.url("/secret"));
        for (Instance via : List.of(a, b)) {
            String uri = Base64.getEncoder().encodeToString(origin.url("/elsewhere").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(via.url("/v1/fetch?uri=" + uri + "&sync=true")))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(424);
            assertThat(response.body()).contains("refused").contains(":" + other.port());
            String direct = Base64.getEncoder().encodeToString(other.url("/secret").getBytes(StandardCharsets.UTF_8));
            assertThat(get(via.url("/v1/fetch?uri=" + direct), Map.of()).statusCode()).isEqualTo(403);
        }
        assertThat(other.hits("/secret")).isZero();
    }

    @Test
    @Order(5)
    void whenAnInstanceLeavesItsKeysAreServedByTheRest() throws Exception {
        String name = keyOwnedBy(b, "orphan-");
        b.context().close();
        awaitMembers(a, 1);
        assertThat(post(a.url("/v1/file/" + name), "rerouted".getBytes(), Map.of()).statusCode()).isEqualTo(200);
        assertThat(a.holds(StoreKey.file(name))).isTrue();
        assertThat(get(a.url("/v1/file/" + name), Map.of()).body()).isEqualTo("rerouted".getBytes());
    }

    private static Instance startInstance(String name) {
        Path dataDir = dir.resolve(name);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("xfs.data-dir", dataDir.toString());
        properties.put("xfs.zookeeper.connect", zookeeper.getConnectString());
        properties.put("xfs.zookeeper.session-timeout", "2s");
        properties.put("xfs.sts.advertised-host", "127.0.0.1");
        properties.put("xfs.cluster-secret", SECRET);
        properties.put("xfs.sts.fetch.allow-hosts", "127.0.0.1:" + origin.port());
        ConfigurableApplicationContext context = StsApplication.builder().properties(properties).run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Instance(context, dataDir, "127.0.0.1:" + port);
    }

    private static void awaitMembers(Instance instance, int count) throws InterruptedException {
        for (int i = 0; i < 200 && instance.router().members().size() != count; i++) {
            Thread.sleep(50);
        }
        assertThat(instance.router().members()).hasSize(count);
    }

    private static String keyOwnedBy(Instance owner, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (owner.router().remoteOwner(key).isEmpty()) {
                return key;
            }
        }
    }

    private HttpResponse<String> post(String url, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
