package io.xfs.standalone;

import io.xfs.common.auth.sigv4.CredentialsFile;
import io.xfs.common.auth.sigv4.SigV4;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Helpers for the end-to-end tests that run xfs as real processes: ports, JDK, output, HTTP. */
final class ProcessHarness {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProcessHarness() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port p such that p + 10 and p + 20 are free too (stores listen 10 apart). */
    static int freePortSpacedBy10(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + (int) (Math.random() * 30000);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                try (ServerSocket socket = new ServerSocket(base + 10 * i)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    /** Starts {@code xfs-standalone.jar} as a process on the given ports, its output merged into stdout. */
    static Process startStandalone(Path dataDir, int zk, int directory, int store, int proxy, int sts,
                                   String... extraArgs) throws IOException {
        Path jar = ROOT.resolve("standalone/target/xfs-standalone.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the standalone module first");
        }
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-Xmx768m",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                "--data-dir=" + dataDir,
                "--zookeeper-port=" + zk, "--directory-port=" + directory, "--store-port=" + store,
                "--proxy-port=" + proxy, "--sts-port=" + sts));
        command.addAll(List.of(extraArgs));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Stops the processes (SIGTERM, then SIGKILL after 30 s). */
    static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Collects a process's output lines so a test can wait for one and show the rest on failure. */
    static BlockingQueue<String> pump(Process process, Path log) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return lines;
    }

    static String awaitLine(BlockingQueue<String> lines, String prefix, Duration timeout, Path log)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; output:\n"
                + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    /**
     * {@link #request(String)} signed for {@code method} with {@code key} (SigV4 header, payload
     * {@code UNSIGNED-PAYLOAD}), as clients of a proxy with auth on (the default) send it.
     */
    static HttpRequest.Builder signed(String method, String url, CredentialsFile key) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = request(url);
        key.signer("us-east-1").sign(method, uri.getRawPath(), uri.getRawQuery(),
                Map.of("host", uri.getRawAuthority()), SigV4.UNSIGNED_PAYLOAD, Instant.now()).forEach(request::header);
        return request;
    }

    /** The output of {@code bash -c command}, which must exit 0. */
    static String shell(String command) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (bash.waitFor() != 0) {
            throw new AssertionError("bash -c " + command + " failed: " + output);
        }
        return output;
    }

    /** The admin key a standalone keeps in {@code <dataDir>/admin.credentials}. */
    static CredentialsFile adminKey(Path dataDir) throws IOException {
        return CredentialsFile.read(dataDir.resolve(AdminCredentials.FILE_NAME));
    }
}
