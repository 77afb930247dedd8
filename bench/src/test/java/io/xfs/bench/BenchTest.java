package io.xfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the tool's http target against a real in-process HTTP server that stores what is PUT. */
class BenchTest {
    private HttpServer server;
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final AtomicInteger corruptEvery = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/files/", exchange -> {
            String name = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PUT")) {
                stored.put(name, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(201, -1);
            } else {
                byte[] body = stored.get(name);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    int every = corruptEvery.get();
                    if (every > 0 && gets.incrementAndGet() % every == 0) {
                        body = body.clone();
                        body[0] ^= 1;
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files";
    }

    @Test
    void writesThenReadsBackEveryFileAndReportsNoErrors() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"-target", "http", "-url", url(), "-n", "300",
                "-c", "4", "-size", "1k", "-prefix", "t"});

        Map<String, Object> report = Bench.run(options, new PrintStream(new ByteArrayOutputStream()));

        assertThat(stored).hasSize(300);
        assertThat(stored.values()).allSatisfy(b -> assertThat(b.length).isBetween(1024, 1024 + 63));
        assertThat(report.get("errors")).isEqualTo(0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> phases = (List<Map<String, Object>>) report.get("phases");
        assertThat(phases).extracting(p -> p.get("phase")).containsExactly("write", "read");
        assertThat(phases).allSatisfy(p -> {
            assertThat(p.get("ok")).isEqualTo(300L);
            assertThat((Double) p.get("requestsPerSecond")).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> latency = (Map<String, Object>) p.get("latencyMs");
            assertThat((Double) latency.get("p50")).isLessThanOrEqualTo((Double) latency.get("p99"));
        });
        assertThat((String) report.get("text")).contains("write: 300 requests").contains("read: 300 requests");
    }

    @Test
    void readsThatComeBackWithOtherBytesAreCountedAsMismatches() throws Exception {
        corruptEvery.set(10);
        BenchOptions options = BenchOptions.parse(new String[] {"-target", "http", "-url", url(), "-n", "200",
                "-c", "2", "-prefix", "m"});

        Map<String, Object> report = Bench.run(options, new PrintStream(new ByteArrayOutputStream()));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> phases = (List<Map<String, Object>>) report.get("phases");
        @SuppressWarnings("unchecked")
        Map<String, Long> readErrors = (Map<String, Long>) phases.get(1).get("errors");
        assertThat(readErrors).containsEntry("sha1-mismatch", 20L);
        assertThat(report.get("errors")).isEqualTo(20L);
    }

    @Test
    void aReadOnlyRunUsesTheManifestOfAnEarlierWrite(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Bench.run(BenchOptions.parse(new String[] {"write", "-target", "http", "-url", url(), "-n", "50",
                "-manifest", manifest.toString()}), quiet);

        Map<String, Object> report = Bench.run(BenchOptions.parse(new String[] {"read", "-target", "http",
                "-url", url(), "-n", "80", "-manifest", manifest.toString()}), quiet);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> phases = (List<Map<String, Object>>) report.get("phases");
        assertThat(phases).singleElement().satisfies(p -> assertThat(p.get("ok")).isEqualTo(80L));
    }

    @Test
    void parsesHelpAndCredentials() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--help"}))
                .isInstanceOf(BenchOptions.HelpRequested.class);
        assertThat(BenchOptions.parse(new String[] {"-credentials", "/tmp/admin.credentials"}).credentials())
                .isEqualTo(Path.of("/tmp/admin.credentials"));
        assertThat(BenchOptions.parse(new String[0]).credentials()).isNull();
    }

    @Test
    void parsesSizesWithUnits() {
        assertThat(BenchOptions.parseSize("64k")).isEqualTo(65536);
        assertThat(BenchOptions.parseSize("1m")).isEqualTo(1 << 20);
        assertThat(BenchOptions.parseSize("1500")).isEqualTo(1500);
    }
}
