package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.proxy.ProxyApplication;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.token.TokenCodec;
import io.xfs.proxy.token.TokenType;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Who may call the mas API, over HTTP against a real proxy (no storage is reached: every refusal here
 * happens before it): system tokens, forged, altered and wrong-type tokens, CORS, and the path API kept
 * out of the private bucket. The full flows are in {@link MasFlowTest}.
 */
class MasAuthApiTest {
    static final String SYSTEM_TOKEN = "backend-secret-1";
    static final String SIGNING_KEY = "the key every proxy shares";
    private static final String HASH = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private static ConfigurableApplicationContext proxy;
    private static MasClient client;

    @BeforeAll
    static void startProxy() {
        proxy = ProxyApplication.builder().run(
                "--server.port=0",
                "--xfs.directory.url=http://127.0.0.1:9", // nothing listens: storage is never needed here
                "--xfs.tokens.system=other-backend," + SYSTEM_TOKEN,
                "--xfs.tokens.signing-key=" + SIGNING_KEY,
                "--xfs.tokens.cors.allowed-origins=https://app.example.com",
                // Auth is on by default and needs an admin key to start; the token API does not use it.
                "--xfs.auth.admin.access-key=" + ProxyCluster.ADMIN_ID,
                "--xfs.auth.admin.secret-key=" + ProxyCluster.ADMIN_SECRET);
        client = new MasClient(((WebServerApplicationContext) proxy).getWebServer().getPort(), SYSTEM_TOKEN);
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void systemCallsWithoutTheSystemTokenAre401() {
        for (String path : List.of("/api/token/upload?hash=" + HASH, "/api/token/download?hash=" + HASH,
                "/api/file/info?hash=" + HASH, "/api/server/signal", "/api/file/upload/finish")) {
            MasClient.Reply missing = client.send(client.get(path));
            MasClient.Reply wrong = client.send(client.get(path).header("systemToken", SYSTEM_TOKEN + "x"));
            for (MasClient.Reply reply : List.of(missing, wrong)) {
                assertThat(reply.status()).as(path).isEqualTo(401);
                assertThat(reply.json().get("status").asBoolean()).isFalse();
                assertThat(reply.code()).isEqualTo(1100);
                assertThat(reply.json().get("msg").asString()).contains("systemToken");
            }
        }
    }

    @Test
    void everyConfiguredSystemTokenIsAccepted() {
        MasClient.Reply reply = client.send(client.get("/api/server/signal").header("systemToken", "other-backend"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asBoolean()).isTrue();
        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().get("ip").get(0).asString()).endsWith(":" + client.uri("/").getPort());
    }

    @Test
    void uploadTokenIsIssuedForAValidHashOnly() {
        MasClient.Reply issued = client.uploadToken(HASH.toUpperCase());
        MasClient.Reply bad = client.uploadToken("not-a-hash");

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.data().get("hash").asString()).isEqualTo(HASH);
        assertThat(issued.data().get("type").asString()).isEqualTo("upload");
        assertThat(issued.data().get("token").asString()).startsWith("1.u." + HASH + ".");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo(1000);
    }

    @Test
    void forgedAlteredAndWrongTypeTokensAre403() {
        String genuine = client.issueUploadToken(HASH);
        TokenCodec forger = new TokenCodec("a key somebody guessed".getBytes(StandardCharsets.UTF_8));
        String forged = forger.encode(forger.newToken(TokenType.UPLOAD, HASH, Instant.now()));
        String otherHash = genuine.replace(HASH, HASH.replace('9', '7'));
        char last = genuine.charAt(genuine.length() - 1);
        String alteredSignature = genuine.substring(0, genuine.length() - 1) + (last == 'A' ? 'B' : 'A');
        String uploadTokenForDownload = genuine;

        for (String token : List.of(forged, otherHash, alteredSignature)) {
            MasClient.Reply init = client.init(token, "a.txt", 5);
            MasClient.Reply chunk = client.chunk(token, 1, new byte[5], false);
            MasClient.Reply single = client.single(token, "hello".getBytes(StandardCharsets.UTF_8), "a.txt", "text/plain");
            for (MasClient.Reply reply : List.of(init, chunk, single)) {
                assertThat(reply.status()).as(token).isEqualTo(403);
                assertThat(reply.code()).isEqualTo(1101);
                assertThat(reply.json().get("msg").asString()).contains("invalid");
            }
        }
        MasClient.Reply download = client.download("/api/file/download?token=" + uploadTokenForDownload, Map.of());
        assertThat(download.status()).isEqualTo(403);
        assertThat(download.json().get("msg").asString()).contains("this is an upload token");
        MasClient.Reply none = client.download("/api/file/upload/download", Map.of());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("msg").asString()).contains("token is required");
    }

    @Test
    void corsPreflightAnswersConfiguredOriginsOnly() {
        MasClient.Reply allowed = preflight("https://app.example.com");
        MasClient.Reply other = preflight("https://evil.example.net");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("token");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void pathApiRefusesThePrivateBucketWithoutAToken() {
        MasClient.Reply read = client.download("/file?path=/xfs/mas/" + HASH + "/a.txt", Map.of());
        MasClient.Reply list = client.download("/fileinfo?path=/xfs/mas/", Map.of());
        MasClient.Reply chunks = client.download("/file?path=/xfs/mas/.uploads/" + HASH + "/1-00", Map.of());
        MasClient.Reply write = client.send(HttpRequest.newBuilder(client.uri("/file?path=%2Fxfs%2Fmas%2Fx.txt"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
        MasClient.Reply delete = client.send(HttpRequest.newBuilder(client.uri("/file?path=xfs/mas/" + HASH + "/"))
                .DELETE());
        MasClient.Reply withUploadToken = client.download("/file?path=/xfs/mas/" + HASH + "/a.txt&token="
                + client.issueUploadToken(HASH), Map.of());

        for (MasClient.Reply reply : List.of(read, list, chunks, write, delete, withUploadToken)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.json().get("code").asInt()).isEqualTo(1101);
            assertThat(reply.json().has("message")).isTrue();
        }
        // Other buckets go on to the path API (which cannot reach its directory here: 503, not 403).
        assertThat(client.download("/file?path=/xfs/public/a.txt", Map.of()).status()).isNotEqualTo(403);
    }

    private MasClient.Reply preflight(String origin) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/file/upload/init"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "token"));
    }
}
