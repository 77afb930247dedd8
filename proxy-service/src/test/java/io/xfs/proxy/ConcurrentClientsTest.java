package io.xfs.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * 32 clients write and read back files of log-uniform random sizes from 0 B to 9 MiB (most small, a few
 * large, many chunked) at the same time; every file must read back with its SHA-1. 300 files by default;
 * the {@code stress} Maven profile runs 2,000 ({@code -Dxfs.proxy.test.files}). Bodies are generated and
 * hashed as they stream, so memory stays flat whatever the count.
 */
@ExtendWith(ProxyClusterExtension.class)
class ConcurrentClientsTest {
    private static final int CLIENTS = 32;
    private static final int FILES = Integer.getInteger("xfs.proxy.test.files", 300);
    private static final long MAX_SIZE = 9L * 1024 * 1024;
    private static final List<String> TYPES = List.of("image/jpeg", "image/png", "application/pdf", "text/plain");

    private final ProxyClient client;

    ConcurrentClientsTest(ProxyCluster cluster) {
        this.client = new ProxyClient(cluster);
    }

    @Test
    void thirtyTwoClientsWriteAndReadBackFilesOfLogUniformSizes() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger chunked = new AtomicInteger();
        AtomicInteger empty = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < FILES; i = next.getAndIncrement()) {
                        long size = writeAndReadBack(i);
                        bytes.addAndGet(size);
                        if (size > ProxyCluster.CHUNK_SIZE) {
                            chunked.incrementAndGet();
                        }
                        if (size == 0) {
                            empty.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : clients) {
                future.get();
            }
        }
        // Everything once more after all writes settled: no file was disturbed by the others.
        for (int i = 0; i < FILES; i++) {
            assertThat(readSha1(path(i))).isEqualTo(sha1Of(i));
        }
        System.out.printf("%d files, %d bytes (%d chunked, %d empty) written and read by %d clients in %d ms%n",
                FILES, bytes.get(), chunked.get(), empty.get(), CLIENTS, (System.nanoTime() - start) / 1_000_000);
        assertThat(chunked.get()).isPositive();
    }

    private long writeAndReadBack(int i) throws Exception {
        long size = sizeOf(i);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        InputStream body = new DigestInputStream(new GeneratedStream(i, size), sha1);
        HttpRequest.BodyPublisher publisher;
        if (i % 2 == 1) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body); // chunked transfer, length unknown
        } else if (size == 0) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(new byte[0]);
        } else {
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size);
        }
        HttpResponse<byte[]> up = client.send(client.request(ProxyClient.at("file", path(i)))
                .header("Content-Type", TYPES.get(i % TYPES.size()))
                .POST(publisher).build());
        assertThat(up.statusCode()).as("upload of %s (%d bytes): %s", path(i), size, new String(up.body()))
                .isEqualTo(200);
        String expected = HexFormat.of().formatHex(sha1.digest());
        JsonNode answer = Json.read(up.body(), JsonNode.class);
        assertThat(answer.path("sha1").asString()).isEqualTo(expected);
        assertThat(answer.path("size").asLong()).isEqualTo(size);
        assertThat(readSha1(path(i))).as("read back %s", path(i)).isEqualTo(expected);
        return size;
    }

    private String readSha1(String path) throws Exception {
        HttpResponse<InputStream> get = client.http().send(client.request(ProxyClient.at("file", path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(get.statusCode()).isEqualTo(200);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        long length;
        try (InputStream in = new DigestInputStream(get.body(), sha1)) {
            length = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(length);
        String actual = HexFormat.of().formatHex(sha1.digest());
        assertThat(get.headers().firstValue("ETag")).contains("\"" + actual + "\"");
        return actual;
    }

    private static String sha1Of(int i) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        try (InputStream in = new DigestInputStream(new GeneratedStream(i, sizeOf(i)), sha1)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static String path(int i) {
        return "/xfs/load/c" + (i % CLIENTS) + "/file-" + i;
    }

    /** Log-uniform over [0, 9 MiB]: as many files of 1–10 B as of 1–10 KiB or of 1–9 MiB. */
    private static long sizeOf(int i) {
        double u = new SplittableRandom(31L * i + 7).nextDouble();
        return Math.min(MAX_SIZE, (long) Math.floor(Math.exp(u * Math.log(MAX_SIZE + 1.0))) - 1);
    }

    /** Deterministic pseudo-random bytes of file {@code i}. */
    private static final class GeneratedStream extends InputStream {
        private final SplittableRandom random;
        private long left;

        GeneratedStream(int i, long size) {
            this.random = new SplittableRandom(i);
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int k = 0; k < n; k++) {
                b[off + k] = (byte) random.nextInt(256);
            }
            left -= n;
            return n;
        }
    }
}
