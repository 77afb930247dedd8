package io.xfs.directory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.http.client.KeepAliveClient.Settings;
import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import io.xfs.common.http.client.Response;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed requests to every call of the directory get a 4xx with {@code {code,message}}, never a 5xx
 * (docs/api.md "Errors"): JSON bodies that are {@code null}, of the wrong shape or type, or with numbers
 * past their type; query and form parameters with broken escapes, repeated or missing values.
 */
class MalformedInputTest {
    private static final String SECRET = "malformed-test-cluster-secret";
    private static final String SHA256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @TempDir
    static Path root;
    static Cluster cluster;
    static int port;
    static Http http;

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        port = cluster.startDirectory("malformed", Map.of("xfs.cluster-secret", SECRET));
        http = Http.local(port).withSecret(SECRET);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[null]", "{}", "[]", "1", "\"x\"", "true",
            "{\"bucket\":null,\"filename\":null,\"chunks\":[]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"chunks\":null}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":1,\"chunks\":[null]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"chunks\":[{\"vid\":1,\"key\":1,\"cookie\":1,\"size\":1,\"stores\":null}]}",
            "{\"bucket\":[1],\"filename\":{},\"size\":\"big\",\"chunks\":{}}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":99999999999999999999999,\"chunks\":[]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":1e400,\"chunks\":[]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":1,\"chunks\":[{\"vid\":4294967296,\"key\":1,\"cookie\":1,\"size\":1}]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":0,\"dedup\":\"maybe\",\"chunks\":[]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":2,\"sha256\":\"" + SHA256 + "\",\"chunks\":["
                    + "{\"vid\":1,\"key\":1,\"cookie\":1,\"size\":9223372036854775807},"
                    + "{\"vid\":1,\"key\":2,\"cookie\":1,\"size\":9223372036854775807}]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":0,\"sha256\":null,\"mime\":null,\"sha1\":null,\"chunks\":[]}",
            "{\"bucket\":\"b1\",\"filename\":\"f\",\"size\":0,\"sha256\":7,\"chunks\":[]}",
    })
    void aCommitBodyThatIsNoCommitRequestIs400(String body) {
        assertClientError(http.postRaw("/commit", "application/json", body), body);
        // The same as the one commit of a batch fails that commit alone, or the batch when it is no array.
        Http.Response batch = http.postRaw("/commits", "application/json", body.startsWith("[") ? body : "[" + body + "]");
        if (batch.status() == 200) {
            for (JsonNode outcome : batch.json()) {
                int code = outcome.get("error").get("code").asInt();
                assertThat(ErrorCode.byCode(code).orElseThrow().httpStatus()).as(batch.text()).isBetween(400, 499);
            }
        } else {
            assertClientError(batch, body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "1", "[[]]", "[1]", "[\"x\"]", "{\"a\":[]}"})
    void aBatchBodyThatIsNoArrayOfCommitsIs400(String body) {
        assertClientError(http.postRaw("/commits", "application/json", body), body);
    }

    @Test
    void aNullBodyNamesWhatIsWrong() {
        Http.Response r = http.postRaw("/commit", "application/json", "null");
        assertError(r, ErrorCode.BAD_BODY);
        assertThat(r.json().get("message").asString()).contains("null");
    }

    /** Bodies and queries that once reached code that did not expect them, thrown at every call. */
    @Test
    void noCallAnswersMalformedParametersWithA5xx() throws IOException {
        List<String> calls = List.of("POST /upload", "POST /commit", "POST /commits", "GET /get", "POST /del",
                "GET /list", "GET /ping", "GET /topology", "POST /admin/group", "POST /admin/volume",
                "GET /auth/key", "GET /auth/policies", "GET /auth/admin/keys", "GET /auth/admin/policy",
                "DELETE /auth/admin/keys", "PUT /auth/admin/policy",
                "GET /no-such-call");
        List<String> queries = List.of("%%%=&&=%ZZ", "bucket=%FF%FE&filename=%C0%AF", "bucket&filename&dir&limit",
                "bucket=b1&bucket=b2&filename=a&filename=b", "bucket=b1&filename=f&filesize=99999999999999999999",
                "bucket=b1&dir=&limit=-1", "bucket=b1&dir=&limit=2147483648&marker=%00",
                "gid=0x&count=1e9&stores=,,,", "bucket=b1&filename=" + "a/".repeat(600), "=&=&=", "a=%",
                "bucket=b1&filename=f&filesize=1&sha256=" + SHA256 + "&chunk=yes&exclude_group=99999999999");
        SoftAssertions softly = new SoftAssertions();
        // Sent as written: java.net.http refuses to send a target with a broken escape.
        try (KeepAliveClient client = new KeepAliveClient(Settings.of(Duration.ofSeconds(5), Duration.ofSeconds(30)))) {
            for (String call : calls) {
                String method = call.substring(0, call.indexOf(' '));
                String path = call.substring(call.indexOf(' ') + 1);
                for (String query : queries) {
                    byte[] sent = !method.equals("GET") ? query.getBytes(StandardCharsets.US_ASCII) : new byte[0];
                    Request request = new Request(method, "127.0.0.1:" + port, path + "?" + query,
                            List.of(new Request.Header(InternalSigner.HEADER, new InternalSigner(ClusterSecret.of(SECRET),
                                            InternalRole.OPERATOR, "test").sign(method, path + "?" + query, sent)),
                                    new Request.Header("Content-Type", "application/x-www-form-urlencoded")),
                            RequestBody.of(sent), null);
                    try (Response r = client.send(request)) {
                        String body = new String(r.bytes(), StandardCharsets.UTF_8);
                        softly.assertThat(r.status()).as(request.pathAndQuery() + " -> " + body).isLessThan(500);
                    }
                }
            }
        }
        softly.assertAll();
    }

    private static void assertClientError(Http.Response r, String sent) {
        assertThat(r.status()).as(sent + " -> " + r.text()).isBetween(400, 499);
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).as(r.text()).isBetween(1000, 1499);
        assertThat(body.get("message").asString()).isNotBlank();
    }

    private static void assertError(Http.Response r, ErrorCode code) {
        assertThat(r.status()).as(r.text()).isEqualTo(code.httpStatus());
        assertThat(r.json().get("code").asInt()).isEqualTo(code.code());
    }
}
