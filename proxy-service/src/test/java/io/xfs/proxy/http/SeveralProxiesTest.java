package io.xfs.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.store.StoreClient;
import io.xfs.proxy.ProxyApplication;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.proxy.file.FileInfo;
import io.xfs.proxy.file.FileService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second proxy on the same cluster, with its own path prefixes: proxies share no state but the
 * directory, and a version cached by one proxy that another replaced is detected, not served broken.
 */
@ExtendWith(ProxyClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralProxiesTest {
    private final ProxyCluster cluster;
    private final ProxyClient first;
    private ConfigurableApplicationContext secondApp;
    private URI second;

    SeveralProxiesTest(ProxyCluster cluster) {
        this.cluster = cluster;
        this.first = new ProxyClient(cluster);
    }

    @BeforeAll
    void startSecondProxy() {
        secondApp = ProxyApplication.builder().properties(Map.of(
                "server.port", 0,
                "xfs.directory.url", cluster.directoryUri().toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET,
                "xfs.chunk-size", ProxyCluster.CHUNK_SIZE + "B",
                "xfs.path-prefixes", "img,xfs",
                // Unsigned requests, like the shared proxy's (ProxyCluster): auth is not what this tests.
                "xfs.auth.enabled", false)).run();
        second = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) secondApp).getWebServer().getPort());
    }

    @AfterAll
    void stopSecondProxy() {
        secondApp.close();
    }

    @Test
    void anyProxyServesWhatAnotherWroteUnderEachOfItsPrefixes() {
        byte[] data = TestData.bytes(ProxyCluster.CHUNK_SIZE + 77, 50);
        assertThat(first.upload("/xfs/shared/one.bin", data, "application/octet-stream").statusCode()).isEqualTo(200);
        assertThat(get("/img/shared/one.bin").body()).isEqualTo(data);
        assertThat(get("/xfs/shared/one.bin").body()).isEqualTo(data);
        assertThat(first.get("/img/shared/one.bin").statusCode()).as("prefix unknown to the first proxy").isEqualTo(400);
    }

    @Test
    void aVersionCachedHereAndReplacedElsewhereIsNeverServedBroken() {
        FileService here = cluster.files();
        StoreClient stores = ProxyCluster.storeClient();
        for (int round = 0; round < 3; round++) {
            byte[] v1 = TestData.bytes(2000, 60 + round);
            byte[] v2 = TestData.bytes(2100, 70 + round);
            String path = "/xfs/shared/replaced-" + round;
            first.upload(path, v1, "application/octet-stream");
            assertThat(first.get(path).body()).isEqualTo(v1); // cached by the first proxy now
            FileInfo old = here.open("shared", "replaced-" + round);
            assertThat(post(path, v2).statusCode()).isEqualTo(200); // replaced through the second proxy
            NeedleRef gone = old.chunks().getFirst();
            for (String store : gone.stores()) {
                ProxyCluster.await("old needle reaped", () -> stores.size(store, gone.vid(), gone.key(), gone.cookie()).isEmpty());
            }
            // Cached or not, the first proxy must now answer the new version.
            HttpResponse<byte[]> after = first.get(path);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(v2);
        }
    }

    private HttpResponse<byte[]> get(String path) {
        return first.send(HttpRequest.newBuilder(second.resolve(ProxyClient.at("file", path))).GET().build());
    }

    private HttpResponse<byte[]> post(String path, byte[] body) {
        return first.send(HttpRequest.newBuilder(second.resolve(ProxyClient.at("file", path)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
