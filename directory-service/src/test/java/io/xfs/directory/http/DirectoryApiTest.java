package io.xfs.directory.http;

import static io.xfs.directory.testing.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.error.ErrorCode;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Http;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The directory's HTTP contract without stores: validation, errors, the cluster secret, empty answers. */
class DirectoryApiTest {
    private static final String SECRET = "s3cret";
    private static final String SHA256 = "a".repeat(64);

    @TempDir
    static Path root;
    static Cluster cluster;
    static Http http;

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        int port = cluster.startDirectory("api", Map.of("xfs.cluster-secret", SECRET));
        http = Http.local(port).withSecret(SECRET);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void assertError(Http.Response r, ErrorCode code) {
        assertThat(r.status()).as(r.text()).isEqualTo(code.httpStatus());
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).isEqualTo(code.code());
        assertThat(body.get("message").asString()).isNotBlank();
    }

    @Test
    void pingAnswersCodeZero() {
        Http.Response r = http.get("/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("code").asInt()).isZero();
    }

    @Test
    void getOfAnAbsentFileIs404() {
        assertError(http.get("/get?bucket=b1&filename=nope.jpg"), ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void badArgumentsAre400WithTheirCode() {
        assertError(http.get("/get?bucket=Bad!&filename=x"), ErrorCode.INVALID_BUCKET);
        assertError(http.get("/get?bucket=b1&filename=" + q("a/../x")), ErrorCode.INVALID_PATH);
        assertError(http.get("/get?bucket=b1&filename=" + q("dir/")), ErrorCode.INVALID_PATH);
        assertError(http.get("/get?bucket=b1"), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/upload?bucket=b1&filename=x&sha256=" + SHA256), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/upload?bucket=b1&filename=x&filesize=-1&sha256=" + SHA256), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/upload?bucket=b1&filename=x&filesize=abc&sha256=" + SHA256), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/upload?bucket=b1&filename=x&filesize=1&sha256=xyz"), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/upload?bucket=b1&filename=x&filesize=1"), ErrorCode.BAD_ARGUMENT);
        assertError(http.get("/list?bucket=b1&dir=nodir"), ErrorCode.INVALID_PATH);
        assertError(http.get("/list?bucket=b1&limit=0"), ErrorCode.BAD_ARGUMENT);
        assertError(http.postRaw("/commit", "application/json", "{not json"), ErrorCode.BAD_BODY);
        assertError(http.postRaw("/admin/volume?gid=1&count=0", "text/plain", ""), ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void commitOfAnUnknownPlacementIs409() {
        CommitRequest request = new CommitRequest("b1", "f.txt", 3, "text/plain", "b".repeat(40), SHA256, false,
                List.of(new io.xfs.common.directory.NeedleRef(1, 12345, 7, 3)));
        assertError(http.postJson("/commit", request), ErrorCode.PLACEMENT_EXPIRED);
    }

    @Test
    void uploadWithoutAnyGroupIs503() {
        assertError(http.post("/upload?bucket=b1&filename=x.bin&filesize=10&sha1=" + "c".repeat(40)
                + "&sha256=" + SHA256 + "&mime=application/octet-stream"), ErrorCode.NO_WRITABLE_GROUP);
    }

    @Test
    void deleteOfNothingIs404() {
        assertError(http.post("/del?bucket=b1&filename=none.txt"), ErrorCode.FILE_NOT_FOUND);
        assertError(http.post("/del?bucket=b1&filename=" + q("nodir/")), ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void listOfAnEmptyDirectoryHasNoEntriesAndNoMarker() {
        Http.Response r = http.get("/list?bucket=b1&dir=" + q("a/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("files").size()).isZero();
        assertThat(r.json().get("subdirs").size()).isZero();
        assertThat(r.json().has("next_marker")).isFalse();
    }

    @Test
    void writeAndAdminCallsNeedTheClusterSecret() {
        Http none = http.withSecret(null);
        Http wrong = http.withSecret("guess");
        String upload = "/upload?bucket=b1&filename=x&filesize=1&sha256=" + SHA256;
        assertError(none.post(upload), ErrorCode.UNAUTHORIZED);
        assertError(wrong.post(upload), ErrorCode.FORBIDDEN);
        assertError(none.post("/del?bucket=b1&filename=x"), ErrorCode.UNAUTHORIZED);
        assertError(none.post("/admin/group?stores=a,b"), ErrorCode.UNAUTHORIZED);
        assertError(wrong.post("/admin/backup?dir=/tmp/x"), ErrorCode.FORBIDDEN);
        // reads need no secret
        assertThat(none.get("/ping").status()).isEqualTo(200);
        assertError(none.get("/get?bucket=b1&filename=x"), ErrorCode.FILE_NOT_FOUND);
        assertThat(none.get("/topology").status()).isEqualTo(200);
    }

    @Test
    void adminGroupOfUnknownStoresIs404() {
        assertError(http.post("/admin/group?stores=ghost1,ghost2"), ErrorCode.STORE_NOT_FOUND);
        assertError(http.post("/admin/group?stores=ghost1,ghost1"), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/admin/volume?gid=99"), ErrorCode.GROUP_NOT_FOUND);
    }

    @Test
    void backupWritesACheckpointOnceAndRefusesAnExistingTarget() {
        Path target = root.resolve("backup-1");
        Http.Response r = http.post("/admin/backup?dir=" + q(target.toString()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(target.resolve("CURRENT")).exists();
        assertError(http.post("/admin/backup?dir=" + q(target.toString())), ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void healthShowsZookeeper() {
        Http.Response r = http.get("/actuator/health/zookeeper");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void topologyReportsConnectionLeadershipAndKeyWorker() {
        JsonNode t = http.get("/topology").json();
        assertThat(t.get("zookeeper").asBoolean()).isTrue();
        assertThat(t.get("keyWorker").isNumber()).isTrue();
        assertThat(t.get("stores").isArray()).isTrue();
        assertThat(t.get("writable").size()).isZero();
    }
}
