package io.xfs.directory.http;

import static io.xfs.directory.testing.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.zk.ZkPaths;
import io.xfs.directory.testing.Cluster;
import io.xfs.directory.testing.Http;
import io.xfs.directory.testing.Zk;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The directory's HTTP contract without stores: validation, errors, the cluster secret, empty answers. */
class DirectoryApiTest {
    private static final String SECRET = "directory-test-cluster-secret";
    private static final String SHA256 = "a".repeat(64);

    @TempDir
    static Path root;
    static Cluster cluster;
    static int port;
    static Http http;

    @BeforeAll
    static void start() {
        cluster = new Cluster(root);
        port = cluster.startDirectory("api", Map.of("xfs.cluster-secret", SECRET));
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
    void parameterErrorsNameTheParameter() throws IOException {
        assertMessage(http.post("/upload?filename=x&filesize=1&chunk=true"), "parameter 'bucket' is missing");
        assertMessage(http.post("/upload?bucket=b1&filename=x&filesize=abc&chunk=true"),
                "parameter 'filesize' has a bad value: abc");
        assertMessage(http.post("/upload?bucket=b1&filename=x&filesize=&chunk=true"),
                "parameter 'filesize' has a bad value: ");
        assertMessage(http.post("/upload?bucket=b1&filename=x&filesize=1&chunk=maybe"),
                "parameter 'chunk' has a bad value: maybe");
        assertMessage(http.post("/upload?bucket=b1&filename=x&filesize=1&chunk=true&exclude_group=one"),
                "parameter 'exclude_group' has a bad value: one");
        assertMessage(http.post("/upload?bucket=b1&filename=x&filesize=1&chunk="), "parameter 'sha256' is missing");
        assertMessage(http.get("/get?bucket=b1"), "parameter 'filename' is missing");
        // Escapes that are not one (which the client here refuses to send) or not UTF-8: 400, not 500.
        assertThat(raw("GET", "/get?bucket=b1&filename=a%ZZ")).startsWith("HTTP/1.1 400 ")
                .contains("malformed percent-escape");
        assertThat(raw("GET", "/get?bucket=b1&filename=a%FF")).startsWith("HTTP/1.1 400 ")
                .contains("percent-escapes do not form UTF-8 text");
    }

    @Test
    void uploadReadsRepeatedGroupsAndSpringStyleValuesButNoFormFields() {
        // No group exists, so a placement that gets past its parameters is a 503 naming the excluded groups.
        Http.Response excluded = http.post("/upload?bucket=b1&filename=x&filesize=%20%2B12&chunk=YES"
                + "&exclude_group=3&exclude_group=4,5");
        assertError(excluded, ErrorCode.NO_WRITABLE_GROUP);
        assertThat(excluded.json().get("message").asString()).contains("for 12 bytes outside groups")
                .contains("3").contains("4").contains("5");
        // Form fields are not read: the container parses them past the signature's body check
        // (docs/api.md, "Internal calls"), so a signed call carries its parameters in the query.
        assertMessage(http.postRaw("/upload?bucket=b1", "application/x-www-form-urlencoded; charset=UTF-8",
                "filename=x&filesize=0x10&chunk=true"), "internal calls carry their parameters in the query, "
                + "not in a form body");
    }

    @Test
    void hotCallsRefuseOtherMethodsWith405() throws IOException {
        for (Http.Response r : List.of(http.get("/upload?bucket=b1&filename=x&filesize=1"),
                http.post("/get?bucket=b1&filename=x"), http.get("/commit"))) {
            assertThat(r.status()).as(r.text()).isEqualTo(405);
            assertThat(r.json().get("code").asInt()).isEqualTo(ErrorCode.BAD_ARGUMENT.code());
            assertThat(r.json().get("message").asString()).endsWith("is not supported");
        }
        assertThat(raw("OPTIONS", "/upload")).startsWith("HTTP/1.1 200 ").contains("Allow: POST,OPTIONS");
        assertThat(raw("OPTIONS", "/get")).startsWith("HTTP/1.1 200 ").contains("Allow: GET,HEAD,OPTIONS");
    }

    @Test
    void commitBodiesThatAreNotACommitRequestAre400BadBody() {
        assertMessage(http.postRaw("/commit", "text/plain", "{}"), "Content-Type 'text/plain;charset=UTF-8' is not supported");
        assertMessage(http.postRaw("/commit", "application/json", ""),
                "the request body is not valid JSON for this call: Required request body is missing");
        assertError(http.postRaw("/commit", "application/json", "[]"), ErrorCode.BAD_BODY);
        assertError(http.postRaw("/commit", "application/json", "{\"bucket\":\"b1\"}"), ErrorCode.BAD_BODY);
        assertError(http.postRaw("/commit", "application/vnd.xfs+json", "{"), ErrorCode.BAD_BODY);
    }

    @Test
    void aCommitBodyOverTheLimitIs413AndIsNotBuffered() {
        String huge = "{\"bucket\":\"" + "b".repeat(PlacementCalls.MAX_COMMIT_BODY) + "\"}";
        Http.Response r = http.postRaw("/commit", "application/json", huge);
        assertError(r, ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(r.json().get("message").asString()).contains("larger than the limit of " + PlacementCalls.MAX_COMMIT_BODY);
    }

    @Test
    void hotCallsAreCountedOutsideTheRequestObservation() {
        http.get("/get?bucket=b1&filename=counted");
        http.get("/ping");
        String metrics = http.get("/actuator/prometheus").text();
        assertThat(metrics).contains("xfs_directory_requests_total{call=\"get\",status=\"404\"}");
        // Spring MVC's calls are still observed; the servlets (which it would tag UNKNOWN) are not.
        List<String> observed = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
        assertThat(observed).anyMatch(l -> l.contains("uri=\"/ping\"")).noneMatch(l -> l.contains("UNKNOWN"));
    }

    @Test
    void oneConnectionServesMoreThanTomcatsDefaultHundredRequests() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 150; i++) {
                out.write(("GET /get?bucket=b1&filename=x HTTP/1.1\r\nHost: localhost\r\n"
                        + signature("GET", "/get?bucket=b1&filename=x") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertThat(head).as("response %d", i).startsWith("HTTP/1.1 404")
                        .doesNotContainIgnoringCase("connection: close");
                Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
                assertThat(length.find()).as(head).isTrue();
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
        }
    }

    /** Status line, headers and body of a request sent as written. */
    private static String raw(String method, String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                    + signature(method, pathAndQuery) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code X-Xfs-Auth} header line of an operator's call. */
    private static String signature(String method, String pathAndQuery) {
        return InternalSigner.HEADER + ": " + new InternalSigner(ClusterSecret.of(SECRET), InternalRole.OPERATOR, "test")
                .sign(method, pathAndQuery) + "\r\n";
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void assertMessage(Http.Response r, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).isEqualTo(message);
    }

    @Test
    void commitOfAnUnknownPlacementIs409() {
        CommitRequest request = new CommitRequest("b1", "f.txt", 3, "text/plain", "b".repeat(40), SHA256, false,
                List.of(new io.xfs.common.directory.NeedleRef(1, 12345, 7, 3)));
        assertError(http.postJson("/commit", request), ErrorCode.PLACEMENT_EXPIRED);
    }

    @Test
    void batchedCommitsAnswerEachCallInPlaceWithTheErrorItAloneWouldGet() {
        CommitRequest unknownPlacement = new CommitRequest("b1", "f.txt", 3, "text/plain", "b".repeat(40), SHA256,
                false, List.of(new io.xfs.common.directory.NeedleRef(1, 12345, 7, 3)));
        CommitRequest badBucket = new CommitRequest("Bad Bucket", "f.txt", 3, "text/plain", "b".repeat(40), SHA256,
                false, List.of(new io.xfs.common.directory.NeedleRef(1, 12346, 7, 3)));
        Http.Response r = http.postJson("/commits", List.of(unknownPlacement, badBucket, unknownPlacement));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(3);
        assertThat(r.json().get(0).get("error").get("code").asInt()).isEqualTo(ErrorCode.PLACEMENT_EXPIRED.code());
        assertThat(r.json().get(1).get("error").get("code").asInt()).isEqualTo(ErrorCode.INVALID_BUCKET.code());
        assertThat(r.json().get(2).get("error").get("code").asInt()).isEqualTo(ErrorCode.PLACEMENT_EXPIRED.code());
        assertThat(r.json().get(0).has("file")).isFalse();
    }

    @Test
    void aBatchThatIsNotAnArrayOrTooLongFailsAsAWhole() {
        CommitRequest unknownPlacement = new CommitRequest("b1", "f.txt", 3, "text/plain", "b".repeat(40), SHA256,
                false, List.of(new io.xfs.common.directory.NeedleRef(1, 12345, 7, 3)));
        assertError(http.postJson("/commits", unknownPlacement), ErrorCode.BAD_BODY);
        List<CommitRequest> tooMany = java.util.Collections.nCopies(PlacementCalls.MAX_BATCH + 1, unknownPlacement);
        Http.Response r = http.postJson("/commits", tooMany);
        assertError(r, ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(r.json().get("message").asString()).contains("limit of " + PlacementCalls.MAX_BATCH);
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
    void everyCallButPingAndHealthMustBeSigned() {
        Http none = http.withSecret(null);
        Http wrong = http.withSecret("a-guessed-cluster-secret");
        String upload = "/upload?bucket=b1&filename=x&filesize=1&sha256=" + SHA256;
        assertError(none.post(upload), ErrorCode.UNAUTHORIZED);
        assertError(wrong.post(upload), ErrorCode.UNAUTHORIZED);
        assertError(none.postRaw("/commit", "application/json", "{}"), ErrorCode.UNAUTHORIZED);
        assertError(wrong.postRaw("/commit", "application/json", "{}"), ErrorCode.UNAUTHORIZED);
        assertError(none.post("/del?bucket=b1&filename=x"), ErrorCode.UNAUTHORIZED);
        assertError(none.post("/admin/group?stores=a,b"), ErrorCode.UNAUTHORIZED);
        assertError(wrong.post("/admin/backup?dir=/tmp/x"), ErrorCode.UNAUTHORIZED);
        // reads too: the private bucket mas is not listed to anyone without the secret
        assertError(none.get("/list?bucket=mas&dir="), ErrorCode.UNAUTHORIZED);
        assertError(none.get("/get?bucket=mas&filename=x"), ErrorCode.UNAUTHORIZED);
        assertError(none.get("/topology"), ErrorCode.UNAUTHORIZED);
        assertThat(none.get("/ping").status()).isEqualTo(200);
        assertThat(none.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/list?bucket=mas&dir=").status()).isEqualTo(200);
    }

    @Test
    void aStoreOrAProxyMayNotCallAdminCalls() {
        for (InternalRole role : new InternalRole[]{InternalRole.STORE, InternalRole.PROXY}) {
            Http caller = http.withSecret(SECRET, role);
            assertError(caller.post("/admin/backup?dir=" + q(root.resolve("by-" + role).toString())), ErrorCode.FORBIDDEN);
            assertThat(caller.get("/topology").status()).isEqualTo(200);
        }
        assertError(http.withSecret(SECRET, InternalRole.STORE).get("/list?bucket=mas&dir="), ErrorCode.FORBIDDEN);
    }

    @Test
    void aSignedBodyChangedOnTheWayIsRefused() {
        Http proxy = http.withSecret(SECRET, InternalRole.PROXY);
        // the body the signature covers is "{}"; a form body is refused outright
        assertError(proxy.postRaw("/commit", "application/x-www-form-urlencoded", "a=b"), ErrorCode.BAD_ARGUMENT);
        Http.Response commit = proxy.postRaw("/commit", "application/json", "{}");
        assertThat(commit.status()).isNotIn(401, 403);
    }

    @Test
    void adminGroupOfUnknownStoresIs404() {
        assertError(http.post("/admin/group?stores=ghost1,ghost2"), ErrorCode.STORE_NOT_FOUND);
        assertError(http.post("/admin/group?stores=ghost1,ghost1"), ErrorCode.BAD_ARGUMENT);
        assertError(http.post("/admin/volume?gid=99"), ErrorCode.GROUP_NOT_FOUND);
    }

    @Test
    void backupWritesACheckpointOnceUnderTheBackupDirectoryAndRefusesAnExistingTarget() {
        // xfs.backup.dir is unset: <xfs.data-dir>/backups; a relative name lands there.
        Path target = root.resolve("directory-api/backups/backup-1");
        Http.Response r = http.post("/admin/backup?dir=backup-1");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("dir").asString()).isEqualTo(target.toAbsolutePath().toString());
        assertThat(target.resolve("CURRENT")).exists();
        assertError(http.post("/admin/backup?dir=backup-1"), ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void backupOutsideTheBackupDirectoryIs400() {
        for (String dir : List.of("../escape", "/proc/x", root.resolve("elsewhere").toString(), "")) {
            Http.Response r = http.post("/admin/backup?dir=" + q(dir));
            assertError(r, ErrorCode.BAD_ARGUMENT);
        }
        assertThat(root.resolve("elsewhere")).doesNotExist();
        assertThat(root.resolve("directory-api/escape")).doesNotExist();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void adminCallsLeaveOneAuditLineWithTheirCaller(CapturedOutput output) {
        http.post("/admin/volume?gid=4242");
        http.withSecret(null).post("/admin/delete_bucket?bucket=audited");
        http.post("/del?bucket=b1&filename=not-admin.txt");
        assertThat(output.getOut()).containsPattern(
                "xfs\\.audit\\s*: directory POST /admin/volume\\?gid=4242 -> 404 by internal:operator/test-operator from 127\\.0\\.0\\.1");
        assertThat(output.getOut()).containsPattern(
                "xfs\\.audit\\s*: directory POST /admin/delete_bucket\\?bucket=audited -> 401 by anonymous from ");
        assertThat(output.getOut()).doesNotContain("not-admin.txt").doesNotContain(SECRET);
    }

    @Test
    void itsZnodesRefuseAZooKeeperClientWithoutTheClusterSecret() throws Exception {
        Zk.await("a keygen worker id", java.time.Duration.ofSeconds(20),
                () -> http.get("/topology").json().path("keyWorker").isNumber());
        try (CuratorFramework outsider = Zk.client(cluster.connect())) {
            // ZooKeeper 3.9 checks READ on exists too: even the tree's shape stays hidden.
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> outsider.checkExists().forPath(ZkPaths.KEYGEN_WORKERS))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> outsider.create().forPath(ZkPaths.keygenWorker(999)))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> outsider.getChildren().forPath(ZkPaths.KEYGEN_WORKERS))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void theDataDirectoryAndTheMetadataAreOwnerOnly() throws IOException {
        for (Path dir : List.of(root.resolve("directory-api"), root.resolve("directory-api/metadata"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(dir))).as(dir.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void anEmptyFilenameNeverDeletesABucket() {
        Http.Response r = http.post("/del?bucket=b1&filename=");
        assertError(r, ErrorCode.BAD_ARGUMENT);
        assertThat(r.json().get("message").asString()).contains("/admin/delete_bucket");
    }

    @Test
    void deleteBucketIsAnAdminCall() {
        assertError(http.withSecret(null).post("/admin/delete_bucket?bucket=b9"), ErrorCode.UNAUTHORIZED);
        assertError(http.post("/admin/delete_bucket?bucket=Bad!"), ErrorCode.INVALID_BUCKET);
        Http.Response r = http.post("/admin/delete_bucket?bucket=b9");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("deleted").asLong()).isZero();
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
