package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.proxy.ProxyApplication;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.token.LocalRedis;
import io.xfs.proxy.token.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.RedisClient;

/**
 * The mas API end to end (issue 9): two proxies sharing the machine's Redis and one test clock, in front of
 * the shared in-process cluster (ZooKeeper, directory, four stores). Contents are random per run, so state
 * left in Redis by earlier runs never meets these hashes.
 */
@ExtendWith(ProxyClusterExtension.class)
class MasFlowTest {
    private static final String SYSTEM_TOKEN = "flow-backend-token";
    private static final int MAX_CHUNK = 64 * 1024;
    private static final TestClock CLOCK = TestClock.atRealNow();
    private static Path spool;

    private static ProxyCluster cluster;
    private static ConfigurableApplicationContext proxyA;
    private static ConfigurableApplicationContext proxyB;
    private static MasClient a;
    private static MasClient b;
    private static RedisClient redis;

    @BeforeAll
    static void startProxies(ProxyCluster sharedCluster, @TempDir Path spoolDir) {
        LocalRedis.require();
        spool = spoolDir;
        cluster = sharedCluster;
        redis = LocalRedis.client();
        proxyA = startProxy();
        proxyB = startProxy();
        a = new MasClient(port(proxyA), SYSTEM_TOKEN);
        b = new MasClient(port(proxyB), SYSTEM_TOKEN);
    }

    @AfterAll
    static void stopProxies() {
        for (ConfigurableApplicationContext proxy : new ConfigurableApplicationContext[] {proxyA, proxyB}) {
            if (proxy != null) {
                proxy.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    static ConfigurableApplicationContext startProxy() {
        return ProxyApplication.builder()
                .initializers(context -> context.getBeanFactory().registerSingleton("testClock", (Clock) CLOCK))
                .run("--server.port=0",
                        "--xfs.directory.url=" + cluster.directoryUri(),
                        "--xfs.cluster-secret=" + ProxyCluster.SECRET,
                        "--xfs.chunk-size=" + ProxyCluster.CHUNK_SIZE + "B",
                        "--xfs.max-file-size=" + ProxyCluster.MAX_FILE_SIZE + "B",
                        "--xfs.redis.url=" + LocalRedis.URL,
                        "--xfs.tokens.system=" + SYSTEM_TOKEN,
                        "--xfs.tokens.signing-key=flow test key shared by the proxies",
                        "--xfs.tokens.max-chunk-size=" + MAX_CHUNK + "B",
                        "--xfs.tokens.spool-dir=" + spool,
                        // Auth on (the default) with the admin key: the token API works beside it, and the
                        // path API still refuses the mas bucket without a download token.
                        "--xfs.auth.admin.access-key=" + ProxyCluster.ADMIN_ID,
                        "--xfs.auth.admin.secret-key=" + ProxyCluster.ADMIN_SECRET);
    }

    @Test
    void browserUploadsOneFileAndDownloadsItWholeFromASeekAndByRange() throws Exception {
        byte[] photo = randomContent(300_000); // more than the cluster's chunk size: stored as two needles
        String hash = TestData.sha256(photo);

        String uploadToken = a.issueUploadToken(hash);
        MasClient.Reply uploaded = a.single(uploadToken, photo, "holiday/photo.jpg", "image/jpeg");

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.json().get("status").asBoolean()).isTrue();
        assertThat(uploaded.data().get("size").asLong()).isEqualTo(photo.length);
        assertThat(uploaded.data().get("name").asString()).isEqualTo("photo.jpg");
        assertThat(uploaded.data().get("hash").asString()).isEqualTo(hash);
        assertThat(uploaded.data().get("persistence").asBoolean()).isTrue();
        assertThat(uploaded.data().has("server_ip")).isTrue();

        String downloadToken = b.issueDownloadToken(hash);
        MasClient.Reply whole = b.download("/api/file/download?token=" + downloadToken, Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(photo);
        assertThat(whole.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(whole.header("Content-Disposition")).startsWith("attachment").contains("photo.jpg");
        assertThat(whole.header("ETag")).isEqualTo("\"" + TestData.sha1(photo) + "\"");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");

        MasClient.Reply resumed = a.download("/api/file/upload/download?seek=123456&token=" + downloadToken, Map.of());
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(photo, 123_456, photo.length));

        MasClient.Reply range = b.download("/api/file/download",
                Map.of("token", downloadToken, "Range", "bytes=262000-262199"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 262000-262199/" + photo.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(photo, 262_000, 262_200));

        MasClient.Reply pastEnd = a.download("/api/file/download",
                Map.of("token", downloadToken, "Range", "bytes=" + photo.length + "-"));
        assertThat(pastEnd.status()).isEqualTo(416);
        assertThat(pastEnd.header("Content-Range")).isEqualTo("bytes */" + photo.length);
        assertThat(a.download("/api/file/download?seek=" + (photo.length + 1) + "&token=" + downloadToken, Map.of())
                .status()).isEqualTo(416);

        try (var left = java.nio.file.Files.list(spool)) {
            assertThat(left).as("spool files left behind").isEmpty();
        }

        MasClient.Reply info = b.info(hash);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.data().get("persistence").asBoolean()).isTrue();
        assertThat(info.data().get("name").asString()).isEqualTo("photo.jpg");
    }

    @Test
    void pathApiServesAPrivateFileOnlyWithADownloadTokenForItsContent() {
        byte[] content = randomContent(5000);
        String hash = TestData.sha256(content);
        assertThat(a.single(a.issueUploadToken(hash), content, "doc.pdf", "application/pdf").status()).isEqualTo(200);
        String path = "/file?path=/xfs/mas/" + hash + "/doc.pdf";

        assertThat(a.download(path, Map.of()).status()).isEqualTo(403);
        MasClient.Reply withToken = b.download(path + "&token=" + b.issueDownloadToken(hash), Map.of());
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.body()).isEqualTo(content);

        byte[] other = randomContent(10);
        assertThat(a.single(a.issueUploadToken(TestData.sha256(other)), other, "x", "text/plain").status()).isEqualTo(200);
        assertThat(b.download(path + "&token=" + b.issueDownloadToken(TestData.sha256(other)), Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void uploadWhoseContentIsNotTheTokensHashIs400AndStoresNothing() {
        byte[] promised = randomContent(1000);
        byte[] sent = randomContent(1000);
        String hash = TestData.sha256(promised);

        MasClient.Reply reply = a.single(a.issueUploadToken(hash), sent, "a.bin", "application/octet-stream");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(1005);
        assertThat(a.info(hash).status()).isEqualTo(404);
        assertThat(a.info(TestData.sha256(sent)).status()).isEqualTo(404);
        assertThat(files().list("mas", hash + "/", 10, null).files()).isEmpty();
        assertThat(a.downloadToken(hash).status()).isEqualTo(404);
    }

    @Test
    void uploadOfStoredContentReturnsAtOnceWithoutStoringAgain() {
        byte[] content = randomContent(20_000);
        String hash = TestData.sha256(content);
        MasClient.Reply first = a.single(a.issueUploadToken(hash), content, "first.bin", "application/octet-stream");
        assertThat(first.status()).isEqualTo(200);

        String token = b.issueUploadToken(hash);
        MasClient.Reply init = b.init(token, "second.bin", content.length);
        // The body is not even read: the content is known to be stored.
        MasClient.Reply again = b.single(token, "whatever".getBytes(StandardCharsets.UTF_8), "second.bin", "text/plain");
        MasClient.Reply finish = b.finish(token);

        for (MasClient.Reply reply : new MasClient.Reply[] {init, again, finish}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.data().get("persistence").asBoolean()).isTrue();
            assertThat(reply.data().get("name").asString()).isEqualTo("first.bin");
            assertThat(reply.data().get("create_time").asLong()).isEqualTo(first.data().get("create_time").asLong());
        }
        assertThat(init.data().has("chunks")).isFalse();
        assertThat(files().list("mas", hash + "/", 10, null).files()).containsExactly("first.bin");
    }

    @Test
    void chunkedUploadTakesChunksOutOfOrderThroughEitherProxyAndAcceptsARepeat() {
        byte[] video = randomContent(150_000);
        String hash = TestData.sha256(video);
        byte[] c1 = Arrays.copyOfRange(video, 0, 60_000);
        byte[] c2 = Arrays.copyOfRange(video, 60_000, 120_000);
        byte[] c3 = Arrays.copyOfRange(video, 120_000, 150_000);
        String token = a.issueUploadToken(hash);

        MasClient.Reply init = a.init(token, "clip.mp4", video.length);
        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        assertThat(init.data().get("persistence").asBoolean()).isFalse();
        assertThat(init.data().get("chunks").size()).isZero();

        assertThat(b.chunk(token, 3, c3, true).data().get("speed").asInt()).isEqualTo(1);
        assertThat(a.chunk(token, 1, c1, false).data().get("speed").asInt()).isEqualTo(2);
        MasClient.Reply repeat = b.chunk(token, 1, c1, true);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.data().get("speed").asInt()).isEqualTo(2);

        MasClient.Reply resumed = b.init(token, "clip.mp4", video.length);
        assertThat(resumed.data().get("chunks").toString()).isEqualTo("[1,3]");

        MasClient.Reply early = a.finish(token);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.code()).isEqualTo(1007);
        assertThat(early.data().get("missing").toString()).isEqualTo("[2]");
        assertThat(b.info(hash).data().get("persistence").asBoolean()).isFalse();

        assertThat(a.chunk(token, 2, c2, false).status()).isEqualTo(200);
        MasClient.Reply conflict = b.chunk(token, 2, c3, false);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo(1304);

        MasClient.Reply finished = b.finish(token);
        assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
        assertThat(finished.data().get("persistence").asBoolean()).isTrue();
        assertThat(finished.data().get("size").asLong()).isEqualTo(video.length);
        assertThat(finished.data().get("name").asString()).isEqualTo("clip.mp4");

        MasClient.Reply download = a.download("/api/file/download?token=" + a.issueDownloadToken(hash), Map.of());
        assertThat(download.body()).isEqualTo(video);
        assertThat(download.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(redis.exists(RedisUploadStateStore.KEY_PREFIX + hash)).isFalse();
        assertThat(files().list("mas", MasStorageLayout.chunkDir(hash), 10, null).files()).isEmpty();
    }

    @Test
    void chunkErrorsAre400WithTheirCode() {
        byte[] content = randomContent(200_000);
        String hash = TestData.sha256(content);
        String token = a.issueUploadToken(hash);

        MasClient.Reply beforeInit = a.chunk(token, 1, randomContent(10), false);
        assertThat(beforeInit.status()).isEqualTo(400);
        assertThat(beforeInit.code()).isEqualTo(1000);

        MasClient.Reply tooLargeFile = a.init(token, "big", ProxyCluster.MAX_FILE_SIZE + 1);
        assertThat(tooLargeFile.status()).isEqualTo(413);

        assertThat(a.init(token, "big.bin", content.length).status()).isEqualTo(200);
        MasClient.Reply oversize = b.chunk(token, 1, randomContent(MAX_CHUNK + 1), false);
        assertThat(oversize.status()).isEqualTo(400);
        assertThat(oversize.code()).isEqualTo(1008);
        MasClient.Reply zero = b.chunk(token, 0, randomContent(10), false);
        assertThat(zero.status()).isEqualTo(400);
        MasClient.Reply noNumber = b.send(b.get("/api/file/upload/chunk").header("token", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[5])));
        assertThat(noNumber.status()).isEqualTo(400);
        assertThat(noNumber.code()).isEqualTo(1000);

        MasClient.Reply nothing = a.finish(token);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.code()).isEqualTo(1007);
        assertThat(nothing.data().get("received").asLong()).isZero();
        assertThat(files().list("mas", MasStorageLayout.chunkDir(hash), 10, null).files()).isEmpty();
    }

    @Test
    void finishWithChunksThatDoNotHashToTheTokenDiscardsTheUpload() {
        byte[] promised = randomContent(100_000);
        byte[] sent = randomContent(100_000);
        String hash = TestData.sha256(promised);
        String token = a.issueUploadToken(hash);
        a.init(token, "x.bin", sent.length);
        assertThat(a.chunk(token, 1, Arrays.copyOfRange(sent, 0, 50_000), false).status()).isEqualTo(200);
        assertThat(b.chunk(token, 2, Arrays.copyOfRange(sent, 50_000, 100_000), false).status()).isEqualTo(200);

        MasClient.Reply finish = b.finish(token);

        assertThat(finish.status()).isEqualTo(400);
        assertThat(finish.code()).isEqualTo(1005);
        assertThat(a.info(hash).status()).isEqualTo(404);
        assertThat(files().list("mas", hash + "/", 10, null).files()).isEmpty();
        assertThat(files().list("mas", MasStorageLayout.chunkDir(hash), 10, null).files()).isEmpty();
    }

    @Test
    void tokenDiesUnusedAt120SecondsAndLivesWhileUsedEvery5SecondsOnEitherProxy() {
        String hash = TestData.sha256(randomContent(100));
        String unused = a.issueUploadToken(hash);
        String used = a.issueUploadToken(hash);

        for (int second = 5; second <= 200; second += 5) {
            CLOCK.advance(Duration.ofSeconds(5));
            MasClient proxy = second % 10 == 0 ? a : b;
            MasClient.Reply reply = proxy.init(used, "n", 100);
            assertThat(reply.status()).as("use at %d s: %s", second, reply).isEqualTo(200);
            if (second == 115) {
                assertThat(b.init(unused, "n", 100).status()).as("unused token at 115 s").isEqualTo(200);
            }
        }
        // "unused" was used once, at 115 s: its deadline is 130 s, long past.
        MasClient.Reply expired = b.init(unused, "n", 100);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.json().get("msg").asString()).contains("expired");

        String fresh = b.issueUploadToken(hash);
        CLOCK.advance(Duration.ofSeconds(120));
        assertThat(a.init(fresh, "n", 100).status()).isEqualTo(403);
    }

    @Test
    void uploadStateSurvivesTheProxyThatStartedIt() {
        byte[] content = randomContent(90_000);
        String hash = TestData.sha256(content);
        ConfigurableApplicationContext doomed = startProxy();
        MasClient c = new MasClient(port(doomed), SYSTEM_TOKEN);
        String token = c.issueUploadToken(hash);
        c.init(token, "resume.bin", content.length);
        assertThat(c.chunk(token, 1, Arrays.copyOfRange(content, 0, 45_000), false).status()).isEqualTo(200);
        doomed.close();

        MasClient.Reply resumed = a.init(token, "resume.bin", content.length);
        assertThat(resumed.data().get("chunks").toString()).isEqualTo("[1]");
        assertThat(a.chunk(token, 2, Arrays.copyOfRange(content, 45_000, 90_000), false).status()).isEqualTo(200);
        assertThat(b.finish(token).status()).isEqualTo(200);
        assertThat(b.download("/api/file/download?token=" + b.issueDownloadToken(hash), Map.of()).body())
                .isEqualTo(content);
    }

    @Test
    void abandonedUploadsAndStrayChunkFilesAreCleanedUp() throws Exception {
        byte[] content = randomContent(80_000);
        String hash = TestData.sha256(content);
        String token = a.issueUploadToken(hash);
        a.init(token, "left.bin", content.length);
        a.chunk(token, 1, Arrays.copyOfRange(content, 0, 40_000), false);
        String strayHash = TestData.sha256(randomContent(10));
        String stray = MasStorageLayout.newChunkFile(strayHash, 1);
        files().store("mas", stray, "application/octet-stream", new ByteArrayInputStream(new byte[7]), 7);

        proxyB.getBean(MasCleaner.class).runOnce();
        assertThat(redis.exists(RedisUploadStateStore.KEY_PREFIX + hash)).as("still fresh").isTrue();

        CLOCK.advance(Duration.ofHours(25));
        proxyB.getBean(MasCleaner.class).runOnce();

        assertThat(redis.exists(RedisUploadStateStore.KEY_PREFIX + hash)).isFalse();
        assertThat(files().list("mas", MasStorageLayout.chunkDir(hash), 10, null).files()).isEmpty();
        assertThat(files().exists("mas", stray)).isFalse();
        MasClient.Reply gone = a.chunk(a.issueUploadToken(hash), 2, Arrays.copyOfRange(content, 40_000, 80_000), false);
        assertThat(gone.status()).isEqualTo(400);
    }

    private static FileService files() {
        return proxyA.getBean(FileService.class);
    }

    private static byte[] randomContent(int size) {
        return TestData.bytes(size, ThreadLocalRandom.current().nextLong());
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
