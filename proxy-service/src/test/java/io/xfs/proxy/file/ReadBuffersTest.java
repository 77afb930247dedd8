package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read buffer budget: needles above 64 KiB are held in buffers lent from it until verified; when it
 * stays taken for {@code xfs.proxy.read-buffer-wait}, a read answers 503 {@code PROXY_BUSY} with
 * {@code Retry-After} before any byte, and no read, failed or not, keeps any of it.
 */
@ExtendWith(ProxyClusterExtension.class)
class ReadBuffersTest {
    private static final int SIZE = 150_000;

    private final ProxyCluster cluster;
    private final ProxyClient client;

    ReadBuffersTest(ProxyCluster cluster) {
        this.cluster = cluster;
        this.client = new ProxyClient(cluster);
    }

    @Test
    void aBudgetLendsUpToItsBytesWaitsThenRefusesAndTakesBackEveryLeaseOnce() throws Exception {
        ReadBuffers buffers = new ReadBuffers(1000, Duration.ofMillis(200));
        ReadBuffers.Lease first = buffers.acquire(600);
        assertThat(first.buffer()).hasSize(600);
        assertThat(buffers.available()).isEqualTo(400);
        long started = System.nanoTime();
        assertThatThrownBy(() -> buffers.acquire(600)).isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.PROXY_BUSY);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));

        // A waiting read gets its bytes as soon as a lease is closed.
        CompletableFuture<ReadBuffers.Lease> waiting = CompletableFuture.supplyAsync(() -> buffers.acquire(600));
        Thread.sleep(50);
        first.close();
        first.close(); // a second close gives nothing back twice
        ReadBuffers.Lease second = waiting.get(5, TimeUnit.SECONDS);
        assertThat(buffers.available()).isEqualTo(400);
        second.close();
        assertThat(buffers.available()).isEqualTo(1000);

        // A needle larger than the whole budget is served alone rather than never.
        try (ReadBuffers.Lease huge = buffers.acquire(5000)) {
            assertThat(huge.buffer()).hasSize(5000);
            assertThat(buffers.available()).isZero();
        }
        assertThat(buffers.available()).isEqualTo(1000);
    }

    @Test
    void aProxyWhoseBudgetStaysTakenAnswers503ProxyBusyAndLeaksNothingAfterErrors() throws Exception {
        byte[] data = TestData.bytes(SIZE, 4242);
        String path = "/xfs/read-budget/held.bin";
        assertThat(client.upload(path, data, "application/octet-stream").statusCode()).isEqualTo(200);
        try (ConfigurableApplicationContext proxy = ProxyApplication.builder().properties(Map.of(
                "server.port", 0,
                "xfs.directory.url", cluster.directoryUri().toString(),
                "xfs.cluster-secret", ProxyCluster.SECRET,
                "xfs.chunk-size", ProxyCluster.CHUNK_SIZE + "B",
                "xfs.max-file-size", ProxyCluster.MAX_FILE_SIZE + "B",
                "xfs.proxy.read-buffer-budget", "200KB",
                "xfs.proxy.read-buffer-wait", "300ms",
                // Unsigned requests, like the shared proxy's (ProxyCluster): auth is not what this tests.
                "xfs.auth.enabled", false)).run()) {
            FileService files = proxy.getBean(FileService.class);
            URI uri = URI.create("http://127.0.0.1:" + proxy.getEnvironment().getProperty("local.server.port")
                    + ProxyClient.at("file", path));
            long budget = files.readBufferBytesFree();
            assertThat(budget).isEqualTo(200 * 1024);

            // A client that does not take its bytes holds the needle's buffer while the proxy writes it.
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
                try {
                    files.read("read-budget", "held.bin", 0, -1, new OutputStream() {
                        @Override
                        public void write(int b) {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            writing.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    });
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(files.readBufferBytesFree()).isLessThan(SIZE);

            HttpResponse<byte[]> busy = cluster.http().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(Json.mapper().readTree(busy.body()).path("code").asInt()).isEqualTo(ErrorCode.PROXY_BUSY.code());
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            // Small reads need no buffer from the budget: a 64 KiB range is served meanwhile.
            HttpResponse<byte[]> small = cluster.http().send(HttpRequest.newBuilder(uri)
                    .header("Range", "bytes=0-65535").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(small.statusCode()).isEqualTo(206);
            assertThat(small.body()).isEqualTo(TestData.slice(data, 0, 65536));

            release.countDown();
            slow.get(30, TimeUnit.SECONDS);
            assertThat(files.readBufferBytesFree()).isEqualTo(budget);

            // A client that goes away mid-answer gives its buffer back too.
            assertThatThrownBy(() -> files.read("read-budget", "held.bin", 0, -1, new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("client went away");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("client went away");
                }
            })).isInstanceOf(IOException.class);
            assertThat(files.readBufferBytesFree()).isEqualTo(budget);

            HttpResponse<byte[]> again = cluster.http().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(data);
            assertThat(files.readBufferBytesFree()).isEqualTo(budget);
        }
    }
}
