package io.xfs.proxy.http;

import static io.xfs.proxy.ProxyClient.at;
import static io.xfs.proxy.ProxyClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.store.StoreClient;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.proxy.file.FileInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Every call of the public API (SPEC §3) and its errors, through a real cluster. */
@ExtendWith(ProxyClusterExtension.class)
class FileApiTest {
    private static final int CHUNK = ProxyCluster.CHUNK_SIZE;

    private final ProxyCluster cluster;
    private final ProxyClient client;

    FileApiTest(ProxyCluster cluster) {
        this.cluster = cluster;
        this.client = new ProxyClient(cluster);
    }

    @Test
    void rawUploadAnswersLocationEtagAndJsonAndReadsBackWithEveryHeader() {
        byte[] data = "hello, xfs\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> up = client.upload("/xfs/api/a/b/hello.txt", data, "text/plain");
        assertThat(up.statusCode()).isEqualTo(200);
        String sha1 = TestData.sha1(data);
        assertThat(up.headers().firstValue("ETag")).contains("\"" + sha1 + "\"");
        assertThat(up.headers().firstValue("Location")).contains("/file?path=/xfs/api/a/b/hello.txt");
        JsonNode answer = json(up);
        assertThat(answer.path("path").asString()).isEqualTo("/xfs/api/a/b/hello.txt");
        assertThat(answer.path("size").asLong()).isEqualTo(data.length);
        assertThat(answer.path("sha1").asString()).isEqualTo(sha1);
        assertThat(answer.path("mime").asString()).isEqualTo("text/plain");

        HttpResponse<byte[]> get = client.get("/xfs/api/a/b/hello.txt");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(get.headers().firstValue("ETag")).contains("\"" + sha1 + "\"");
        assertThat(get.headers().firstValue("Last-Modified")).isPresent();
        assertThat(get.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(get.headers().firstValue("Server")).contains("xfs");

        HttpResponse<byte[]> head = client.send("HEAD", at("file", "/xfs/api/a/b/hello.txt"), new byte[0]);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(head.headers().firstValue("ETag")).contains("\"" + sha1 + "\"");
    }

    @Test
    void putReplacesAndPostFilesAnswersCreated() {
        String path = "/xfs/api/put/replace.bin";
        assertThat(client.send("PUT", at("file", path), TestData.bytes(100, 1), "Content-Type", "application/octet-stream")
                .statusCode()).isEqualTo(200);
        byte[] second = TestData.bytes(150, 2);
        assertThat(client.send("PUT", at("file", path), second, "Content-Type", "application/octet-stream")
                .statusCode()).isEqualTo(200);
        assertThat(client.get(path).body()).isEqualTo(second);

        byte[] third = TestData.bytes(10, 3);
        HttpResponse<byte[]> created = client.send("POST", at("files", "/xfs/api/put/created.bin"), third,
                "Content-Type", "application/octet-stream");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(client.get("/xfs/api/put/created.bin").body()).isEqualTo(third);
    }

    @Test
    void pathWithoutLeadingSlashAndUtf8NamesAreAccepted() {
        byte[] data = TestData.bytes(64, 4);
        assertThat(client.upload("xfs/api/中文/文件 1.bin", data, "application/octet-stream").statusCode())
                .isEqualTo(200);
        assertThat(client.get("/xfs/api/中文/文件 1.bin").body()).isEqualTo(data);
    }

    @Test
    void emptyNameAndDirectoryNameAreCompletedWithSha1AndExtension() {
        byte[] jpeg = TestData.bytes(300, 5);
        JsonNode root = json(client.upload("/xfs/api/", jpeg, "image/jpeg"));
        assertThat(root.path("path").asString()).isEqualTo("/xfs/api/" + TestData.sha1(jpeg) + ".jpg");

        byte[] png = TestData.bytes(CHUNK * 2 + 5, 6); // chunked: the name is known only at the end
        HttpResponse<byte[]> up = client.upload("/xfs/api/photos/", png, "image/png");
        String expected = "/xfs/api/photos/" + TestData.sha1(png) + ".png";
        assertThat(json(up).path("path").asString()).isEqualTo(expected);
        assertThat(URLDecoder.decode(up.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("/file?path=" + expected);
        assertThat(client.get(expected).body()).isEqualTo(png);
    }

    @Test
    void multipartUploadsLikeCurlFormAreStoredFromEitherField() {
        byte[] first = TestData.bytes(CHUNK + 1000, 7);
        ProxyClient.Multipart form = ProxyClient.multipart()
                .field("comment", "ignored")
                .file("upload_file", "photo.jpg", "image/jpeg", first);
        HttpResponse<byte[]> up = client.send("POST", at("file", "/xfs/api/form/photo.jpg"), form.body(),
                "Content-Type", form.contentType());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up).path("mime").asString()).isEqualTo("image/jpeg");
        HttpResponse<byte[]> get = client.get("/xfs/api/form/photo.jpg");
        assertThat(get.body()).isEqualTo(first);
        assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");

        byte[] second = TestData.bytes(500, 8);
        ProxyClient.Multipart put = ProxyClient.multipart().file("file", "notes.txt", "", second);
        HttpResponse<byte[]> created = client.send("POST", at("files", "/xfs/api/form/"), put.body(),
                "Content-Type", put.contentType());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = json(created);
        assertThat(answer.path("mime").asString()).isEqualTo("text/plain"); // guessed from the part's file name
        assertThat(answer.path("path").asString()).isEqualTo("/xfs/api/form/" + TestData.sha1(second) + ".txt");
    }

    @Test
    void multipartWithoutAFilePartIsBadBody() {
        ProxyClient.Multipart form = ProxyClient.multipart().field("other", "x");
        HttpResponse<byte[]> up = client.send("POST", at("file", "/xfs/api/form/none"), form.body(),
                "Content-Type", form.contentType());
        assertError(up, 400, ErrorCode.BAD_BODY);
        assertError(client.get("/xfs/api/form/none"), 404, ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void formEncodedBodyIsStoredAsBytesNotParsedAsParameters() {
        byte[] body = "path=/xfs/api/elsewhere&a=b".getBytes(StandardCharsets.US_ASCII);
        for (String method : List.of("POST", "PUT")) {
            String path = "/xfs/api/form-encoded/" + method;
            HttpResponse<byte[]> up = client.send(method, at("file", path), body,
                    "Content-Type", "application/x-www-form-urlencoded");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(client.get(path).body()).isEqualTo(body);
        }
        assertThat(client.get("/xfs/api/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void rawUploadWithoutContentTypeIsBadRequest() {
        HttpResponse<byte[]> up = client.send(client.request(at("file", "/xfs/api/no-type"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
        assertError(up, 400, ErrorCode.MISSING_CONTENT_TYPE);
    }

    @Test
    void contentLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        long tooLarge = ProxyCluster.MAX_FILE_SIZE + 1;
        try (Socket socket = new Socket(cluster.proxyUri().getHost(), cluster.proxyUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // The headers alone: a proxy that waited for the body would never answer.
            out.write(("POST " + at("file", "/xfs/api/too-large") + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + tooLarge + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
        assertThat(client.get("/xfs/api/too-large").statusCode()).isEqualTo(404);
    }

    @Test
    void streamedBodyOverTheLimitIsTooLargeAndNotVisible() {
        long size = ProxyCluster.MAX_FILE_SIZE + 1;
        Supplier<InputStream> body = () -> new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        HttpResponse<byte[]> up = client.send(client.request(at("file", "/xfs/api/streamed-too-large"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build()); // chunked: no Content-Length
        assertError(up, 413, ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(client.get("/xfs/api/streamed-too-large").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidPathsAndBucketsAreBadRequests() {
        byte[] data = new byte[1];
        assertError(client.upload("/xfs/api/a/../b", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/api/a/./b", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/api/a//b", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/api/a\u0001b", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/api/" + "n".repeat(1100), data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/Api/x", data, "text/plain"), 400, ErrorCode.INVALID_BUCKET);
        assertError(client.upload("/other/api/x", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.upload("/xfs/api", data, "text/plain"), 400, ErrorCode.INVALID_PATH);
        assertError(client.send("POST", "/file?path=%E4%B8", data, "Content-Type", "text/plain"), 400,
                ErrorCode.INVALID_PATH);
        assertError(client.send("POST", "/file", data, "Content-Type", "text/plain"), 400, ErrorCode.BAD_ARGUMENT);
        assertError(client.get("/xfs/api/a/../b"), 400, ErrorCode.INVALID_PATH);
        assertError(client.get("/xfs/api/some/dir/"), 400, ErrorCode.INVALID_PATH);
    }

    @Test
    void absentFilesAreNotFoundWithJsonBody() {
        assertError(client.get("/xfs/api/absent"), 404, ErrorCode.FILE_NOT_FOUND);
        assertError(client.send("HEAD", at("file", "/xfs/api/absent"), new byte[0]), 404, null);
        assertError(client.send("DELETE", at("file", "/xfs/api/absent"), new byte[0]), 404, ErrorCode.FILE_NOT_FOUND);
        assertError(client.send("GET", at("fileinfo", "/xfs/api/absent"), new byte[0]), 404, ErrorCode.FILE_NOT_FOUND);
        assertError(client.send("GET", at("fileinfo", "/xfs/api/absent-dir/"), new byte[0]), 404,
                ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void unknownRoutesAndMethodsAnswerJsonErrors() {
        HttpResponse<byte[]> unknown = client.send("GET", "/nothing-here", new byte[0]);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").isMissingNode()).isFalse();
        HttpResponse<byte[]> wrongMethod = client.send("PATCH", at("file", "/xfs/api/x"), new byte[0]);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).path("code").asInt()).isEqualTo(ErrorCode.BAD_ARGUMENT.code());
    }

    @Test
    void rangesAcrossChunkBoundariesReturnExactlyTheRequestedBytes() {
        byte[] data = TestData.bytes(CHUNK * 3 + CHUNK / 2, 9);
        String path = "/xfs/api/range/big.bin";
        assertThat(client.upload(path, data, "application/octet-stream").statusCode()).isEqualTo(200);
        long[][] ranges = {
                {0, 9}, {CHUNK - 10, CHUNK + 9}, {CHUNK - 1, 2L * CHUNK}, {CHUNK, 2L * CHUNK - 1},
                {10, 3L * CHUNK + 10}, {data.length - 1, data.length - 1}, {2L * CHUNK - 1, 2L * CHUNK}};
        for (long[] range : ranges) {
            HttpResponse<byte[]> part = client.get(path, "Range", "bytes=" + range[0] + "-" + range[1]);
            assertThat(part.statusCode()).as("range %s-%s", range[0], range[1]).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range"))
                    .contains("bytes " + range[0] + "-" + range[1] + "/" + data.length);
            assertThat(part.body()).isEqualTo(TestData.slice(data, range[0], range[1] + 1));
        }
        HttpResponse<byte[]> suffix = client.get(path, "Range", "bytes=-" + (CHUNK + 3));
        assertThat(suffix.body()).isEqualTo(TestData.slice(data, data.length - CHUNK - 3, data.length));
        HttpResponse<byte[]> open = client.get(path, "Range", "bytes=" + (2 * CHUNK + 7) + "-");
        assertThat(open.body()).isEqualTo(TestData.slice(data, 2L * CHUNK + 7, data.length));
        HttpResponse<byte[]> whole = client.get(path);
        assertThat(whole.body()).isEqualTo(data);

        HttpResponse<byte[]> beyond = client.get(path, "Range", "bytes=" + data.length + "-");
        assertError(beyond, 416, ErrorCode.RANGE_NOT_SATISFIABLE);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + data.length);
        assertThat(client.get(path, "Range", "bytes=0-1,5-6").statusCode()).isEqualTo(200);
    }

    @Test
    void conditionalRequestsAnswerNotModifiedAndIfRangeFallsBackToTheWholeFile() {
        byte[] data = TestData.bytes(1000, 10);
        String path = "/xfs/api/cond/file.bin";
        String etag = client.upload(path, data, "application/octet-stream").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> same = client.get(path, "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).contains(etag);
        assertThat(client.get(path, "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(client.get(path, "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(client.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(3600).atZone(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().minusSeconds(3600).atZone(ZoneOffset.UTC));
        assertThat(client.get(path, "If-Modified-Since", future).statusCode()).isEqualTo(304);
        assertThat(client.get(path, "If-Modified-Since", past).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> ranged = client.get(path, "Range", "bytes=0-9", "If-Range", etag);
        assertThat(ranged.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> changed = client.get(path, "Range", "bytes=0-9", "If-Range", "\"stale\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(data);
    }

    @Test
    void deletingAFileAndADirectoryRecursively() {
        for (String name : List.of("a/b/c/x", "a/b/y", "a/z", "keep")) {
            client.upload("/xfs/del/" + name, name.getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        HttpResponse<byte[]> deleted = client.send("DELETE", at("file", "/xfs/del/a/z"), new byte[0]);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).path("deleted").asInt()).isEqualTo(1);
        assertThat(client.get("/xfs/del/a/z").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> tree = client.send("DELETE", at("file", "/xfs/del/a/"), new byte[0]);
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(json(tree).path("deleted").asInt()).isEqualTo(2);
        assertThat(client.get("/xfs/del/a/b/c/x").statusCode()).isEqualTo(404);
        assertThat(client.get("/xfs/del/a/b/y").statusCode()).isEqualTo(404);
        assertThat(client.send("GET", at("fileinfo", "/xfs/del/a/"), new byte[0]).statusCode()).isEqualTo(404);
        assertThat(client.get("/xfs/del/keep").statusCode()).isEqualTo(200);
        assertError(client.send("DELETE", at("file", "/xfs/del/"), new byte[0]), 400, ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void fileinfoOfTheRootPagesThroughTheBucketsThatHoldFiles() {
        for (String bucket : List.of("root-a", "root-b", "root-c")) {
            client.upload("/xfs/" + bucket + "/d/f", new byte[] {1}, "application/octet-stream");
        }
        // Auth is off in this harness: every bucket is listed.
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            JsonNode page = json(client.send("GET", at("fileinfo", "/xfs/") + "&limit=2"
                    + (marker == null ? "" : "&marker=" + marker), new byte[0]));
            assertThat(page.path("dir").asString()).isEqualTo("/");
            assertThat(page.path("buckets").size()).isLessThanOrEqualTo(2);
            page.path("buckets").forEach(b -> seen.add(b.asString()));
            marker = page.has("next_marker") ? page.path("next_marker").asString() : null;
        } while (marker != null);
        assertThat(seen).contains("root-a", "root-b", "root-c").isSorted().doesNotHaveDuplicates();
        assertError(client.send("GET", at("fileinfo", "/nope/"), new byte[0]), 400, ErrorCode.INVALID_PATH);
    }

    @Test
    void fileinfoAnswersSizesAndPagesThroughADirectory() {
        byte[] data = TestData.bytes(1234, 11);
        client.upload("/xfs/info/d/file.bin", data, "application/octet-stream");
        HttpResponse<byte[]> info = client.send("GET", at("fileinfo", "/xfs/info/d/file.bin"), new byte[0]);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).path("filesize").asLong()).isEqualTo(1234);
        HttpResponse<byte[]> head = client.send("HEAD", at("fileinfo", "/xfs/info/d/file.bin"), new byte[0]);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Xfs-Filesize")).contains("1234");
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(head.body()).isEmpty();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            client.upload("/xfs/info/p/f" + i, new byte[] {(byte) i}, "application/octet-stream");
            expected.add("f" + i);
        }
        for (int i = 0; i < 2; i++) {
            client.upload("/xfs/info/p/sub" + i + "/x", new byte[] {(byte) i}, "application/octet-stream");
            expected.add("sub" + i + "/");
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String query = at("fileinfo", "/xfs/info/p/") + "&limit=3"
                    + (marker == null ? "" : "&marker=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8));
            JsonNode page = json(client.send("GET", query, new byte[0]));
            assertThat(page.path("dir").asString()).isEqualTo("/p/");
            page.path("files").forEach(f -> seen.add(f.asString()));
            page.path("subdirs").forEach(d -> seen.add(d.asString().endsWith("/") ? d.asString() : d.asString() + "/"));
            marker = page.has("next_marker") ? page.path("next_marker").asString() : null;
            pages++;
        } while (marker != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(client.send("HEAD", at("fileinfo", "/xfs/info/p/"), new byte[0]).statusCode()).isEqualTo(200);
        assertError(client.send("GET", at("fileinfo", "/xfs/info/p/") + "&limit=0", new byte[0]), 400,
                ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void seed001DirectoryExampleListsEveryLevel() {
        client.upload("/xfs/seed/dir1/dir2/dir3/dir4/file", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(names(json(client.send("GET", at("fileinfo", "/xfs/seed/dir1/dir2/dir3/dir4/"), new byte[0])), "files"))
                .containsExactly("file");
        assertThat(names(json(client.send("GET", at("fileinfo", "/xfs/seed/dir1/dir2/dir3/"), new byte[0])), "subdirs"))
                .containsExactly("dir4");
        assertThat(names(json(client.send("GET", at("fileinfo", "/xfs/seed/dir1/dir2/"), new byte[0])), "subdirs"))
                .containsExactly("dir3");
        assertThat(names(json(client.send("GET", at("fileinfo", "/xfs/seed/dir1/"), new byte[0])), "subdirs"))
                .containsExactly("dir2");
        assertThat(names(json(client.send("GET", at("fileinfo", "/xfs/seed/"), new byte[0])), "subdirs"))
                .containsExactly("dir1");
        client.send("DELETE", at("file", "/xfs/seed/dir1/dir2/dir3/dir4/file"), new byte[0]);
        assertThat(client.send("GET", at("fileinfo", "/xfs/seed/dir1/"), new byte[0]).statusCode()).isEqualTo(404);
    }

    @Test
    void statusShowsTheClusterAndPingAnswers() {
        HttpResponse<byte[]> ping = client.send("GET", "/ping", new byte[0]);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(json(ping).path("code").asInt()).isZero();
        client.upload("/xfs/api/status-probe", new byte[] {1}, "application/octet-stream");
        JsonNode status = json(client.send("GET", "/status", new byte[0]));
        assertThat(status.path("proxy").path("counters").path("uploads").asLong()).isPositive();
        assertThat(status.path("proxy").path("chunk_size").asInt()).isEqualTo(CHUNK);
        assertThat(status.path("cluster").path("stores").size()).isEqualTo(4);
        assertThat(status.path("replication").path("volumes").asInt()).isPositive();
        assertThat(status.path("replication").path("underReplicated").isArray()).isTrue();
    }

    @Test
    void identicalContentIsStoredOnceAndSurvivesDeletingOneName() {
        byte[] data = TestData.bytes(CHUNK / 2, 12);
        client.upload("/xfs/dedup/one.bin", data, "application/octet-stream");
        HttpResponse<byte[]> second = client.upload("/xfs/dedup/two.bin", data, "application/octet-stream");
        assertThat(second.statusCode()).isEqualTo(200);
        FileInfo one = cluster.files().open("dedup", "one.bin");
        FileInfo two = cluster.files().open("dedup", "two.bin");
        assertThat(two.chunks().stream().map(NeedleRef::withoutStores).toList())
                .isEqualTo(one.chunks().stream().map(NeedleRef::withoutStores).toList());
        assertThat(cluster.files().counters().snapshot().get("deduplicated")).isPositive();

        client.send("DELETE", at("file", "/xfs/dedup/one.bin"), new byte[0]);
        assertThat(client.get("/xfs/dedup/one.bin").statusCode()).isEqualTo(404);
        assertThat(client.get("/xfs/dedup/two.bin").body()).isEqualTo(data);
    }

    @Test
    void overwriteServesTheNewBytesAndFreesTheOldNeedles() {
        String path = "/xfs/overwrite/file.bin";
        byte[] v1 = TestData.bytes(CHUNK * 2 + 100, 13);
        client.upload(path, v1, "application/octet-stream");
        FileInfo old = cluster.files().open("overwrite", "file.bin");
        assertThat(old.chunks()).hasSize(3);
        byte[] v2 = TestData.bytes(CHUNK + 7, 14);
        client.upload(path, v2, "application/octet-stream");
        assertThat(client.get(path).body()).isEqualTo(v2);

        StoreClient stores = ProxyCluster.storeClient();
        for (NeedleRef needle : old.chunks()) {
            assertThat(needle.stores()).hasSize(2);
            for (String store : needle.stores()) {
                ProxyCluster.await("old needle " + needle + " freed on " + store,
                        () -> stores.size(store, needle.vid(), needle.key(), needle.cookie()).isEmpty());
            }
        }
        assertThat(client.get(path).body()).isEqualTo(v2);
    }

    private static List<String> names(JsonNode page, String field) {
        List<String> names = new ArrayList<>();
        page.path(field).forEach(n -> names.add(n.asString().endsWith("/")
                ? n.asString().substring(0, n.asString().length() - 1) : n.asString()));
        return names;
    }

    private static void assertError(HttpResponse<byte[]> response, int status, ErrorCode code) {
        assertThat(response.statusCode()).isEqualTo(status);
        if (code != null) {
            JsonNode body = json(response);
            assertThat(body.path("code").asInt()).as("error body %s", new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(code.code());
            assertThat(body.path("message").asString()).isNotBlank();
        }
    }
}
