package io.xfs.directory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.Permission;
import io.xfs.common.auth.client.AuthClient;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Http;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The key calls over HTTP: the admin key only, keys sealed at rest, revocation, policies, the lookups. */
class AuthApiTest {
    private static final String ADMIN_ID = "XFSADMINTEST";
    private static final String ADMIN_SECRET = "admin-secret-of-this-test-0123456789";

    @TempDir
    static Path root;
    static Cluster cluster;
    static int port;
    static KeepAliveClient http = new KeepAliveClient(KeepAliveClient.Settings.of(Duration.ofSeconds(5),
            Duration.ofSeconds(10)));
    static AuthClient admin;

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        port = cluster.startDirectory("auth", Map.of("xfs.cluster-secret", "auth-test-cluster-secret",
                "xfs.auth.admin.access-key", ADMIN_ID, "xfs.auth.admin.secret-key", ADMIN_SECRET));
        admin = client(ADMIN_ID, ADMIN_SECRET);
    }

    @AfterAll
    static void stop() {
        http.close();
        cluster.close();
    }

    private static AuthClient client(String id, String secret) {
        return new AuthClient(http, URI.create("http://127.0.0.1:" + port), new SigV4Signer(id, secret, "us-east-1"),
                Clock.systemUTC());
    }

    @Test
    void createsListsLooksUpAndRevokesKeys() {
        JsonNode created = admin.createKey(List.of("photos:read,list", "*:list"));
        String id = created.path("access_key_id").asString();
        String secret = created.path("secret_access_key").asString();
        assertThat(secret).hasSize(40);
        assertThat(created.path("grants").toString()).contains("photos:list,read".replace("list,read", "read,list"));

        AccessKey looked = admin.lookupKey(id).orElseThrow();
        assertThat(looked.secret()).isEqualTo(secret);
        assertThat(looked.grants().allows("photos", Permission.READ)).isTrue();
        assertThat(looked.grants().allows("photos", Permission.WRITE)).isFalse();
        assertThat(admin.listKeys().toString()).contains(id).doesNotContain(secret);
        assertThat(admin.lookupKey(ADMIN_ID).orElseThrow().admin()).isTrue();

        admin.revokeKey(id);
        assertThat(admin.lookupKey(id)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> admin.revokeKey(id)).isInstanceOf(XfsException.class);
    }

    @Test
    void keepsSecretsSealedOnDisk() throws Exception {
        String secret = admin.createKey(List.of("disk:read")).path("secret_access_key").asString();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void keyCallsAreAuditedWithTheKeyThatMadeThem(CapturedOutput output) {
        admin.listKeys();
        assertThatThrownBy(() -> client(ADMIN_ID, "wrong-secret-wrong-secret").listKeys())
                .isInstanceOf(XfsException.class);
        assertThat(output.getOut()).containsPattern(
                "xfs\\.audit\\s*: directory GET /auth/admin/keys -> 200 by key:" + ADMIN_ID + " from 127\\.0\\.0\\.1");
        assertThat(output.getOut()).containsPattern(
                "xfs\\.audit\\s*: directory GET /auth/admin/keys -> 401 by key:" + ADMIN_ID + " from ");
        assertThat(output.getOut()).doesNotContain(ADMIN_SECRET);
    }

    @Test
    void setsAndListsBucketPolicies() {
        admin.setPolicy("public-photos", BucketPolicy.PUBLIC_READ);
        assertThat(admin.publicPolicies()).containsEntry("public-photos", BucketPolicy.PUBLIC_READ);
        admin.setPolicy("public-photos", BucketPolicy.PRIVATE);
        assertThat(admin.publicPolicies()).doesNotContainKey("public-photos");
        assertThatThrownBy(() -> admin.setPolicy("Not A Bucket", BucketPolicy.PUBLIC_READ))
                .isInstanceOf(XfsException.class);
    }

    @Test
    void refusesAnonymousCallsOtherKeysAndTheClusterSecretAlone() {
        Http plain = Http.local(port).withSecret("auth-test-cluster-secret");
        assertThat(plain.get("/auth/admin/keys").status()).isEqualTo(401);
        assertThat(plain.get("/auth/key?id=" + ADMIN_ID).status()).isEqualTo(401);
        assertThat(plain.get("/auth/policies").status()).isEqualTo(401);
        assertThat(plain.post("/auth/admin/keys?grant=*:*").status()).isEqualTo(401);

        JsonNode user = admin.createKey(List.of("*:*"));
        AuthClient notAdmin = client(user.path("access_key_id").asString(), user.path("secret_access_key").asString());
        assertThatThrownBy(notAdmin::listKeys).isInstanceOf(XfsException.class)
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(() -> client(ADMIN_ID, "wrong-secret-wrong-secret").listKeys())
                .hasMessageContaining("SignatureDoesNotMatch");
    }
}
