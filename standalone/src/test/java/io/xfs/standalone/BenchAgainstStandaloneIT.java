package io.xfs.standalone;

import static io.xfs.standalone.ProcessHarness.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the load tool ({@code xfs-bench.jar}) as a real process against {@code xfs-standalone.jar}, once
 * through the proxy and once straight to the store, and checks its JSON report: every write and every
 * SHA-1-verified read succeeded, and the rates and latency percentiles are plausible.
 */
class BenchAgainstStandaloneIT {
    private static final int FILES = 300;

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private int directory;
    private int proxy;

    @BeforeEach
    void startStandalone() throws Exception {
        int zk = ProcessHarness.freePort();
        directory = ProcessHarness.freePort();
        int store = ProcessHarness.freePortSpacedBy10(1);
        proxy = ProcessHarness.freePort();
        int sts = ProcessHarness.freePort();
        Process process = ProcessHarness.startStandalone(dir.resolve("data"), zk, directory, store, proxy, sts,
                "--xfs.store.durability=none");
        processes.add(process);
        Path log = dir.resolve("standalone.log");
        BlockingQueue<String> lines = ProcessHarness.pump(process, log);
        awaitLine(lines, "xfs standalone ready", Duration.ofSeconds(180), log);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        ProcessHarness.stopAll(processes);
    }

    @Test
    void benchThroughTheProxyWritesAndReadsBackEveryFile() throws Exception {
        JsonNode report = bench("proxy", "-target", "proxy", "-proxy", "http://127.0.0.1:" + proxy,
                "-credentials", credentials());
        assertThat(report.path("target").asString()).contains("proxy").contains("SigV4-signed");
        assertEveryPhaseSucceeded(report);
    }

    @Test
    void benchStraightToTheStoreWritesAndReadsBackEveryFile() throws Exception {
        // Through the proxy first with the same payload seed: the store run's commits then deduplicate onto
        // the proxy's needles, and its reads must follow the commit's answer to find the content.
        assertEveryPhaseSucceeded(bench("proxy-first", "-target", "proxy", "-proxy", "http://127.0.0.1:" + proxy,
                "-credentials", credentials()));
        JsonNode report = bench("store", "-target", "store", "-directory", "http://127.0.0.1:" + directory);
        assertThat(report.path("target").asString()).contains("store");
        assertEveryPhaseSucceeded(report);
    }

    @Test
    void helpIsNotAnError() throws Exception {
        Process help = new ProcessBuilder(ProcessHarness.java(), "-jar", benchJar().toString(), "--help")
                .redirectErrorStream(true).start();
        processes.add(help);
        String output = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).as(output).isZero();
        assertThat(output).contains("usage:").contains("-credentials");
    }

    /** The standalone's admin key file: the proxy has auth on (the default), so the load tool signs. */
    private String credentials() {
        return dir.resolve("data").resolve(AdminCredentials.FILE_NAME).toString();
    }

    private static Path benchJar() {
        Path jar = ProcessHarness.ROOT.resolve("bench/target/xfs-bench.jar");
        assertThat(jar).as("build the whole reactor first (./mvnw install -DskipTests)").exists();
        return jar;
    }

    /** Runs xfs-bench with {@code -n 300 -c 8 --json} and returns its parsed report. */
    private JsonNode bench(String label, String... targetArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHarness.java(), "-jar", benchJar().toString()));
        command.addAll(List.of(targetArgs));
        command.addAll(List.of("-n", String.valueOf(FILES), "-c", "8", "-durability", "none", "--json"));
        Path stdout = dir.resolve(label + ".json");
        Path stderr = dir.resolve(label + ".progress");
        Process bench = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        processes.add(bench);
        assertThat(bench.waitFor(180, TimeUnit.SECONDS)).as("xfs-bench %s finishes", label).isTrue();
        String output = Files.readString(stdout);
        assertThat(bench.exitValue()).as("xfs-bench %s exit code; report:%n%s%nstderr:%n%s", label, output,
                Files.readString(stderr)).isZero();
        return Json.mapper().readTree(output);
    }

    private static void assertEveryPhaseSucceeded(JsonNode report) {
        assertThat(report.path("files").asInt()).isEqualTo(FILES);
        assertThat(report.path("concurrency").asInt()).isEqualTo(8);
        assertThat(report.path("durability").asString()).isEqualTo("none");
        assertThat(report.path("errors").asLong()).as("total errors in %s", report).isZero();
        List<String> phases = new ArrayList<>();
        for (JsonNode phase : report.path("phases")) {
            String name = phase.path("phase").asString();
            phases.add(name);
            assertThat(phase.path("requests").asInt()).as(name).isEqualTo(FILES);
            assertThat(phase.path("ok").asInt()).as(name).isEqualTo(FILES);
            assertThat(phase.path("errors").isEmpty()).as("%s errors %s", name, phase.path("errors")).isTrue();
            assertThat(phase.path("bytes").asLong()).as(name).isGreaterThanOrEqualTo(FILES * 1024L);
            assertThat(phase.path("requestsPerSecond").asDouble()).as(name).isPositive();
            assertThat(phase.path("mbPerSecond").asDouble()).as(name).isPositive();
            JsonNode latency = phase.path("latencyMs");
            double p50 = latency.path("p50").asDouble();
            double p90 = latency.path("p90").asDouble();
            double p99 = latency.path("p99").asDouble();
            double p999 = latency.path("p99.9").asDouble();
            double max = latency.path("max").asDouble();
            assertThat(p50).as("%s p50", name).isPositive();
            assertThat(p50).as("%s p50 <= p90", name).isLessThanOrEqualTo(p90);
            assertThat(p90).as("%s p90 <= p99", name).isLessThanOrEqualTo(p99);
            assertThat(p99).as("%s p99 <= p99.9", name).isLessThanOrEqualTo(p999);
            assertThat(p999).as("%s p99.9 <= max", name).isLessThanOrEqualTo(max);
            // A request can take no longer than the whole phase did.
            assertThat(max).as("%s max", name).isLessThanOrEqualTo(phase.path("seconds").asDouble() * 1000 + 1);
        }
        assertThat(phases).containsExactly("write", "read");
    }
}
