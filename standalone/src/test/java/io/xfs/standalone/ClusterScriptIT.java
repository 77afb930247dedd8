package io.xfs.standalone;

import static io.xfs.standalone.ProcessHarness.request;
import static io.xfs.standalone.ProcessHarness.send;
import static io.xfs.standalone.ProcessHarness.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.sigv4.CredentialsFile;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cluster.sh} end to end: up (ZooKeeper, directory, three stores on three racks with two
 * replicas, proxy, two sts as separate processes) with auth on and a generated admin key, write 200 signed
 * files, kill -9 one store, read all 200 back from the surviving replicas, down.
 */
class ClusterScriptIT {
    @TempDir
    Path dir;
    private Map<String, String> env;

    @AfterEach
    void down() throws Exception {
        if (env != null) {
            run("down", 120);
        }
    }

    private String run(String command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/cluster.sh", command)
                .directory(ProcessHarness.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("cluster.sh %s finished", command).isTrue();
        assertThat(process.exitValue()).as("cluster.sh %s failed:%n%s%n%s", command, output, logs()).isZero();
        return output;
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        Path logDir = dir.resolve("cluster/logs");
        if (Files.isDirectory(logDir)) {
            try (var files = Files.list(logDir)) {
                for (Path log : files.sorted().toList()) {
                    all.append("== ").append(log.getFileName()).append('\n').append(ProcessHarness.tail(log)).append('\n');
                }
            }
        }
        return all.toString();
    }

    @Test
    void clusterServesEveryFileAfterOneStoreIsKilled() throws Exception {
        int stores = ProcessHarness.freePortSpacedBy10(3);
        int proxy = ProcessHarness.freePort();
        env = Map.of(
                "XFS_CLUSTER_DIR", dir.resolve("cluster").toString(),
                "ZK_PORT", String.valueOf(ProcessHarness.freePort()),
                "DIRECTORY_PORT", String.valueOf(ProcessHarness.freePort()),
                "STORE_PORTS", stores + " " + (stores + 10) + " " + (stores + 20),
                "PROXY_PORT", String.valueOf(proxy),
                "STS_PORTS", ProcessHarness.freePort() + " " + ProcessHarness.freePort());
        String up = run("up", 900);
        assertThat(up).contains("proxy http://127.0.0.1:" + proxy);
        String base = "http://127.0.0.1:" + proxy + "/file?path=/xfs/cluster/f/";
        // Auth is on (the default): the admin key was generated into a file only its owner reads, the
        // proxy took it from its environment, not its command line, and unsigned requests are refused.
        Path keyFile = dir.resolve("cluster/data/" + AdminCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        CredentialsFile admin = ProcessHarness.adminKey(dir.resolve("cluster/data"));
        long proxyPid = Long.parseLong(Files.readString(dir.resolve("cluster/pids/proxy.pid")).trim());
        assertThat(Files.readString(Path.of("/proc/" + proxyPid + "/cmdline"))).contains("proxy-service.jar")
                .doesNotContain(admin.secretAccessKey());
        assertThat(send(request(base + "anonymous").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build()).statusCode()).isEqualTo(401);

        byte[][] files = new byte[200][];
        Random random = new Random(11);
        for (int i = 0; i < files.length; i++) {
            files[i] = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(files[i]);
            HttpResponse<byte[]> r = send(signed("POST", base + i, admin).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(files[i])).build());
            assertThat(r.statusCode()).as("write %d: %s", i, new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        }

        long storePid = Long.parseLong(Files.readString(dir.resolve("cluster/pids/store-1.pid")).trim());
        ProcessHandle.of(storePid).orElseThrow().destroyForcibly();
        assertThat(ProcessHandle.of(storePid).map(h -> h.onExit().join()).isPresent()).isTrue();

        for (int i = 0; i < files.length; i++) {
            HttpResponse<byte[]> r = send(signed("GET", base + i, admin).build());
            assertThat(r.statusCode()).as("read %d after kill -9 of store-1", i).isEqualTo(200);
            assertThat(r.body()).as("file %d", i).isEqualTo(files[i]);
        }
        assertThat(run("status", 30)).contains("store-1").contains("stopped");
    }
}
