package io.xfs.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.client.AuthClient;
import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.json.Json;
import io.xfs.proxy.ProxyApplication;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A proxy with {@code xfs.auth.enabled} beside the shared test cluster: anonymous and wrongly signed requests
 * are refused, keys do what their grants say, public-read buckets are readable anonymously, revocation takes
 * effect within the cache time, payload hashes and replays are checked, presigned URLs work, and real
 * {@code curl --aws-sigv4} is accepted.
 */
@ExtendWith(ProxyClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestGuardTest {
    private final ProxyCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final KeepAliveClient keepAlive = new KeepAliveClient(KeepAliveClient.Settings.of(Duration.ofSeconds(5),
            Duration.ofSeconds(10)));
    private ConfigurableApplicationContext app;
    private URI proxy;
    private AuthClient admin;

    RequestGuardTest(ProxyCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    void startGuardedProxy() {
        app = ProxyApplication.builder().properties(Map.of(
                "server.port", 0,
                "xfs.directory.url", cluster.directoryUri().toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET,
                "xfs.chunk-size", ProxyCluster.CHUNK_SIZE + "B",
                // xfs.auth.enabled is not set: on is the default.
                "xfs.auth.cache-ttl", "1s",
                "xfs.auth.admin.access-key", ProxyCluster.ADMIN_ID,
                "xfs.auth.admin.secret-key", ProxyCluster.ADMIN_SECRET)).run();
        proxy = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
        admin = new AuthClient(keepAlive, cluster.directoryUri(),
                new SigV4Signer(ProxyCluster.ADMIN_ID, ProxyCluster.ADMIN_SECRET, "us-east-1"), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        app.close();
        keepAlive.close();
    }

    private HttpResponse<String> send(String method, String query, byte[] body, SigV4Signer signer, String payloadHash) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.resolve("/file?" + query))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream");
        if (signer != null) {
            signer.sign(method, "/file", query, Map.of("host", proxy.getRawAuthority()), payloadHash, Instant.now())
                    .forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("host")) {
                            request.header(name, value);
                        }
                    });
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private SigV4Signer signer(JsonNode key) {
        return new SigV4Signer(key.path("access_key_id").asString(), key.path("secret_access_key").asString(),
                "us-east-1");
    }

    @Test
    void aProxyWithAuthOnButNoAdminKeyDoesNotStart() {
        assertThatThrownBy(() -> ProxyApplication.builder().properties(Map.of(
                "server.port", 0,
                "xfs.directory.url", cluster.directoryUri().toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET)).run())
                .rootCause()
                .hasMessageContaining("xfs.auth.admin.access-key")
                .hasMessageContaining("xfs.auth.enabled=false");
    }

    @Test
    void refusesAnonymousRequestsToAPrivateBucketAndServesKeysByTheirGrants() {
        assertThat(send("PUT", "path=/xfs/guarded/a.txt", new byte[3], null, "").statusCode()).isEqualTo(401);
        assertThat(send("GET", "path=/xfs/guarded/a.txt", new byte[0], null, "").statusCode()).isEqualTo(401);
        HttpResponse<String> listing = send(HttpRequest.newBuilder(proxy.resolve("/fileinfo?path=/xfs/guarded/")).build());
        assertThat(listing.statusCode()).isEqualTo(401);
        assertThat(Json.read(listing.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).path("code").asInt())
                .isEqualTo(1100);

        SigV4Signer writer = signer(admin.createKey(List.of("guarded:write,read")));
        SigV4Signer reader = signer(admin.createKey(List.of("guarded:read")));
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(send("PUT", "path=/xfs/guarded/a.txt", data, writer, SigV4.UNSIGNED_PAYLOAD).statusCode()).isEqualTo(200);
        HttpResponse<String> read = send("GET", "path=/xfs/guarded/a.txt", new byte[0], reader, SigV4.EMPTY_SHA256);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello");
        assertThat(send("PUT", "path=/xfs/guarded/b.txt", data, reader, SigV4.UNSIGNED_PAYLOAD).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "path=/xfs/guarded/a.txt", new byte[0], writer, SigV4.EMPTY_SHA256).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "path=/xfs/guarded/a.txt", new byte[0],
                new SigV4Signer(ProxyCluster.ADMIN_ID, "not-the-secret-at-all", "us-east-1"), SigV4.EMPTY_SHA256)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void checksTheSignedPayloadHashAndRefusesAReplayedWrite() {
        SigV4Signer writer = signer(admin.createKey(List.of("hashed:write")));
        byte[] data = "signed body".getBytes(StandardCharsets.UTF_8);
        String hash = SigV4.sha256Hex(data);
        assertThat(send("PUT", "path=/xfs/hashed/ok", data, writer, hash).statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = send("PUT", "path=/xfs/hashed/bad", "other body!".getBytes(StandardCharsets.UTF_8),
                writer, hash);
        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(400);

        String query = "path=/xfs/hashed/replayed";
        Map<String, String> headers = writer.sign("PUT", "/file", query, Map.of("host", proxy.getRawAuthority()),
                SigV4.UNSIGNED_PAYLOAD, Instant.now());
        HttpRequest.Builder once = HttpRequest.newBuilder(proxy.resolve("/file?" + query))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).header("Content-Type", "text/plain");
        headers.forEach(once::header);
        assertThat(send(once.build()).statusCode()).isEqualTo(200);
        assertThat(send(once.build()).statusCode()).isEqualTo(403);
    }

    @Test
    void letsAnonymousCallersReadAPublicReadBucketButNotWriteIt() throws Exception {
        SigV4Signer writer = signer(admin.createKey(List.of("open:write")));
        assertThat(send("PUT", "path=/xfs/open/pic.txt", "pic".getBytes(StandardCharsets.UTF_8), writer,
                SigV4.UNSIGNED_PAYLOAD).statusCode()).isEqualTo(200);
        admin.setPolicy("open", BucketPolicy.PUBLIC_READ);
        TimeUnit.MILLISECONDS.sleep(1500); // the proxy's policy cache (1 s here)
        assertThat(send("GET", "path=/xfs/open/pic.txt", new byte[0], null, "").body()).isEqualTo("pic");
        assertThat(send(HttpRequest.newBuilder(proxy.resolve("/fileinfo?path=/xfs/open/")).build()).statusCode())
                .isEqualTo(200);
        assertThat(send("PUT", "path=/xfs/open/pic.txt", new byte[1], null, "").statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "path=/xfs/open/pic.txt", new byte[0], null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void theRootListingShowsEachCallerTheBucketsItMayList() throws Exception {
        SigV4Signer writer = signer(admin.createKey(List.of("rootpublic:write", "rootprivate:write")));
        for (String bucket : List.of("rootpublic", "rootprivate")) {
            assertThat(send("PUT", "path=/xfs/" + bucket + "/a", new byte[1], writer, SigV4.UNSIGNED_PAYLOAD)
                    .statusCode()).isEqualTo(200);
        }
        admin.setPolicy("rootpublic", BucketPolicy.PUBLIC_READ);
        TimeUnit.MILLISECONDS.sleep(1500); // the proxy's policy cache (1 s here)
        SigV4Signer lister = signer(admin.createKey(List.of("rootprivate:list")));

        assertThat(buckets(null)).contains("rootpublic").doesNotContain("rootprivate", "guarded");
        assertThat(buckets(lister)).contains("rootpublic", "rootprivate").doesNotContain("guarded");
        assertThat(buckets(writer)).contains("rootpublic").doesNotContain("rootprivate");
        assertThat(buckets(new SigV4Signer(ProxyCluster.ADMIN_ID, ProxyCluster.ADMIN_SECRET, "us-east-1")))
                .contains("rootpublic", "rootprivate");
        // A bad signature is refused, not served the anonymous view.
        assertThat(send(signedRoot(new SigV4Signer(ProxyCluster.ADMIN_ID, "not-the-secret", "us-east-1")))
                .statusCode()).isEqualTo(401);
    }

    private List<String> buckets(SigV4Signer signer) {
        HttpResponse<String> answer = send(signer == null
                ? HttpRequest.newBuilder(proxy.resolve("/fileinfo?path=%2Fxfs%2F")).build() : signedRoot(signer));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> buckets = new java.util.ArrayList<>();
        Json.read(answer.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).path("buckets")
                .forEach(b -> buckets.add(b.asString()));
        return buckets;
    }

    private HttpRequest signedRoot(SigV4Signer signer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.resolve("/fileinfo?path=%2Fxfs%2F"));
        signer.sign("GET", "/fileinfo", "path=%2Fxfs%2F", Map.of("host", proxy.getRawAuthority()), SigV4.EMPTY_SHA256,
                Instant.now()).forEach(request::header);
        return request.build();
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheCacheTime() throws Exception {
        JsonNode key = admin.createKey(List.of("revoked:read,write"));
        SigV4Signer signer = signer(key);
        assertThat(send("PUT", "path=/xfs/revoked/x", new byte[1], signer, SigV4.UNSIGNED_PAYLOAD).statusCode())
                .isEqualTo(200);
        admin.revokeKey(key.path("access_key_id").asString());
        TimeUnit.MILLISECONDS.sleep(1500);
        assertThat(send("GET", "path=/xfs/revoked/x", new byte[0], signer, SigV4.EMPTY_SHA256).statusCode())
                .isEqualTo(401);
    }

    @Test
    void showsTheClusterOnStatusToTheAdminKeyOnly() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(proxy.resolve("/status")).build());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"auth\":{\"enabled\":true}").doesNotContain("cluster");
        HttpRequest.Builder signed = HttpRequest.newBuilder(proxy.resolve("/status"));
        new SigV4Signer(ProxyCluster.ADMIN_ID, ProxyCluster.ADMIN_SECRET, "us-east-1").sign("GET", "/status", null,
                Map.of("host", proxy.getRawAuthority()), SigV4.EMPTY_SHA256, Instant.now()).forEach(signed::header);
        assertThat(send(signed.build()).body()).contains("\"cluster\"");
    }

    @Test
    void servesPresignedUrlsUntilTheyExpire() {
        SigV4Signer signer = signer(admin.createKey(List.of("presigned:read,write")));
        send("PUT", "path=/xfs/presigned/f", "presigned!".getBytes(StandardCharsets.UTF_8), signer,
                SigV4.UNSIGNED_PAYLOAD);
        String query = signer.presign("GET", "/file", "path=%2Fxfs%2Fpresigned%2Ff", proxy.getRawAuthority(),
                Instant.now(), Duration.ofMinutes(5));
        assertThat(send(HttpRequest.newBuilder(proxy.resolve("/file?" + query)).build()).body()).isEqualTo("presigned!");
        String expired = signer.presign("GET", "/file", "path=%2Fxfs%2Fpresigned%2Ff", proxy.getRawAuthority(),
                Instant.now().minusSeconds(120), Duration.ofSeconds(60));
        assertThat(send(HttpRequest.newBuilder(proxy.resolve("/file?" + expired)).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsCurlsAwsSigv4() throws Exception {
        JsonNode key = admin.createKey(List.of("curl:read,write,list"));
        String user = key.path("access_key_id").asString() + ":" + key.path("secret_access_key").asString();
        // The secret goes to curl through a config file on stdin, not its command line (ps shows that).
        String config = "user = \"" + user + "\"\n";
        assertThat(curl(config, "-X", "PUT", "-H", "Content-Type: text/plain", "--data-binary", "from curl",
                proxy + "/file?path=/xfs/curl/hello.txt")).contains("\"size\":9");
        assertThat(curl(config, proxy + "/file?path=/xfs/curl/hello.txt")).isEqualTo("from curl");
        assertThat(curl(config, proxy + "/fileinfo?path=/xfs/curl/")).contains("hello.txt");
        assertThat(curl(config, proxy + "/fileinfo?path=/xfs/")).contains("\"curl\"");
        assertThat(curl("", "-o", "/dev/null", "-w", "%{http_code}", proxy + "/file?path=/xfs/curl/hello.txt"))
                .isEqualTo("401");
    }

    private static String curl(String config, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "--aws-sigv4", "aws:amz:us-east-1:s3",
                "-K", "-"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(config.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
