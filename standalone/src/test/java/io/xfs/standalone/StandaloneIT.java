package io.xfs.standalone;

import static io.xfs.standalone.ProcessHarness.awaitLine;
import static io.xfs.standalone.ProcessHarness.request;
import static io.xfs.standalone.ProcessHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.auth.sigv4.CredentialsFile;
import io.xfs.common.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Starts {@code xfs-standalone.jar} as a real process on free ports, runs the README's curl session
 * with a real HTTP client signing with the admin key (auth is on by default), stops it, starts it again on
 * the same data and reads the files back.
 */
class StandaloneIT {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private int zk;
    private int directory;
    private int store;
    private int proxy;
    private int sts;
    private CredentialsFile admin;
    private String curlLine;

    @AfterEach
    void stopAll() throws InterruptedException {
        ProcessHarness.stopAll(processes);
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + proxy;
    }

    private Process start(String logName) throws Exception {
        Process process = ProcessHarness.startStandalone(dir.resolve("data"), zk, directory, store, proxy, sts,
                "--xfs.max-file-size=1048576");
        processes.add(process);
        Path log = dir.resolve(logName);
        BlockingQueue<String> lines = ProcessHarness.pump(process, log);
        String proxyLine = awaitLine(lines, "proxy ", Duration.ofSeconds(180), log);
        assertThat(proxyLine).isEqualTo("proxy " + proxyUrl());
        curlLine = awaitLine(lines, "  curl --aws-sigv4 ", Duration.ofSeconds(30), log).strip();
        awaitLine(lines, "xfs standalone ready", Duration.ofSeconds(30), log);
        admin = ProcessHarness.adminKey(dir.resolve("data"));
        return process;
    }

    /** {@code request(url)} signed for {@code method} with the standalone's admin key. */
    private HttpRequest.Builder signed(String method, String url) {
        return ProcessHarness.signed(method, url, admin);
    }

    @Test
    void readmeSessionWorksAndFilesSurviveARestart() throws Exception {
        zk = ProcessHarness.freePort();
        directory = ProcessHarness.freePort();
        store = ProcessHarness.freePortSpacedBy10(1);
        proxy = ProcessHarness.freePort();
        sts = ProcessHarness.freePort();
        Process first = start("first.log");

        // curl -X POST -H 'Content-Type: text/plain' --data-binary 'hello, xfs' '.../file?path=/xfs/demo/docs/hello.txt'
        byte[] hello = "hello, xfs".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> posted = send(signed("POST", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(hello)).build());
        assertThat(posted.statusCode()).isEqualTo(200);
        JsonNode postedJson = Json.mapper().readTree(posted.body());
        assertThat(postedJson.path("size").asLong()).isEqualTo(hello.length);
        assertThat(postedJson.path("sha1").asString()).isEqualTo(sha1(hello));
        assertThat(posted.headers().firstValue("ETag")).hasValue("\"" + sha1(hello) + "\"");

        // curl -F upload_file=@cat.jpg '.../file?path=/xfs/demo/photos/'  (named <sha1>.jpg)
        byte[] photo = new byte[300_000];
        new Random(7).nextBytes(photo);
        String boundary = "xfs-boundary-42";
        byte[] multipart = multipart(boundary, "upload_file", "cat.jpg", "image/jpeg", photo);
        HttpResponse<byte[]> uploaded = send(signed("POST", proxyUrl() + "/file?path=/xfs/demo/photos/")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build());
        assertThat(uploaded.statusCode()).isEqualTo(200);
        String photoPath = Json.mapper().readTree(uploaded.body()).path("path").asString();
        assertThat(photoPath).isEqualTo("/xfs/demo/photos/" + sha1(photo) + ".jpg");

        // curl '.../file?path=/xfs/demo/docs/hello.txt' and a range of it
        HttpResponse<byte[]> got = send(signed("GET", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt").build());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(hello);
        assertThat(got.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        HttpResponse<byte[]> range = send(signed("GET", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt")
                .header("Range", "bytes=0-4").build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("hello");

        // Auth is on by default: unsigned is 401, and the printed curl line (real curl, key read from the
        // credentials file by the shell) is let in.
        assertThat(send(request(proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt").build()).statusCode())
                .isEqualTo(401);
        assertThat(ProcessHarness.shell(curlLine + " -s -o /dev/null -w '%{http_code}'")).isEqualTo("200");

        // curl '.../fileinfo?path=/xfs/demo/'
        HttpResponse<byte[]> listing = send(signed("GET", proxyUrl() + "/fileinfo?path=/xfs/demo/").build());
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode list = Json.mapper().readTree(listing.body());
        assertThat(names(list.path("subdirs"))).containsExactly("docs", "photos");
        assertThat(Json.mapper().readTree(send(signed("GET", proxyUrl() + "/fileinfo?path=/xfs/demo/docs/hello.txt")
                .build()).body()).path("filesize").asLong()).isEqualTo(hello.length);

        // curl -X DELETE '.../file?path=/xfs/demo/docs/hello.txt', then it is gone
        assertThat(send(signed("DELETE", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt").DELETE().build()).statusCode())
                .isEqualTo(200);
        assertThat(send(signed("GET", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt").build()).statusCode())
                .isEqualTo(404);

        // The pass-through --xfs.max-file-size reached the proxy.
        assertThat(send(signed("POST", proxyUrl() + "/file?path=/xfs/demo/big.bin").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1_100_000])).build()).statusCode()).isEqualTo(413);

        // Ctrl-C (SIGTERM) stops it cleanly; a restart on the same data serves the photo again.
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("standalone stops on SIGTERM").isTrue();
        start("second.log");
        HttpResponse<byte[]> again = send(signed("GET", proxyUrl() + "/file?path=" + photoPath).build());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(sha1(again.body())).isEqualTo(sha1(photo));
        assertThat(send(signed("GET", proxyUrl() + "/file?path=/xfs/demo/docs/hello.txt").build()).statusCode())
                .isEqualTo(404);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        // Subdirectories may be spelled with their trailing slash.
        array.forEach(n -> names.add(n.asString().replaceAll("/$", "")));
        return names;
    }

    static byte[] multipart(String boundary, String field, String filename, String type, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        System.arraycopy(t, 0, all, h.length + content.length, t.length);
        return all;
    }

    static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }
}
