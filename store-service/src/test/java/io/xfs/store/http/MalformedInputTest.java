package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests to every call of a store, on its API port and its management port, are answered
 * with a 4xx and never a 5xx (docs/api.md "Errors"): broken escapes in queries and form bodies, repeated
 * or missing values, numbers that overflow, bad {@code Range} headers, broken multipart and chunked bodies.
 * Requests go out as written over a socket, since HTTP clients refuse to send most of them.
 */
class MalformedInputTest {
    private static final int VID = 1;
    private static final long KEY = 77;
    private static final int COOKIE = 5;
    private static final String NEEDLE = "vid=" + VID + "&key=" + KEY + "&cookie=" + COOKIE;
    private static final List<String> QUERIES = List.of("%%%=&&=%ZZ", "vid=%FF%FE&key=%C0%AF&cookie=%",
            "vid&key&cookie", "vid=1&vid=2&key=a&key=b&cookie=1", "vid=99999999999999999999&key=1&cookie=1",
            "vid=-1&key=-1&cookie=-1", "vid=1&key=1&cookie=4294967296", "vid=0x1&key=1e3&cookie=+1",
            "vid=2147483648&key=9223372036854775808&cookie=1", "=&=&=", "a=%", NEEDLE + "&" + "x=".repeat(3000));

    @TempDir
    static Path dataDir;
    static TestingServer zookeeper;
    static RunningStore store;

    @BeforeAll
    static void startStore() throws Exception {
        zookeeper = new TestingServer(true);
        store = RunningStore.start(dataDir, Map.of(
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.store.compaction.check-interval", "0s"));
        StoreClient client = StoreClient.create(null);
        client.addVolume(store.adminAddress(), VID);
        client.upload(store.address(), VID, KEY, COOKIE, "hello".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void stopStore() throws Exception {
        store.close();
        zookeeper.close();
    }

    @Test
    void theIssuesFormBodyToDelIs400() throws IOException {
        assertThat(status(store.port(), "POST /del HTTP/1.1", "Content-Type: application/x-www-form-urlencoded",
                "%%%=&&=%ZZ")).isEqualTo(400);
    }

    @Test
    void noCallOnTheApiPortAnswersMalformedParametersWithA5xx() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String call : List.of("GET /get", "HEAD /get", "POST /upload", "POST /uploads", "POST /del",
                "GET /info", "GET /ping", "GET /nothing", "DELETE /get")) {
            for (String query : QUERIES) {
                String line = call + "?" + query + " HTTP/1.1";
                softly.assertThat(status(store.port(), line, "Content-Type: application/x-www-form-urlencoded", query))
                        .as(line).isLessThan(500);
                softly.assertThat(status(store.port(), line, "Content-Type: application/octet-stream", "x"))
                        .as(line).isLessThan(500);
            }
        }
        softly.assertAll();
    }

    @Test
    void noAdminCallAnswersMalformedParametersWithA5xx() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        List<String> adminQueries = List.of("%%%=&&=%ZZ", "vid=%FF", "vid=abc", "vid=99999999999999999999",
                "vid=-1", "vid=1&vid=x", "vid=1&source=%ZZ&key=x&cookie=y", "vid=1&source=::::&after=-5&limit=0x",
                "vid=1&needles=a,b,,", "=&=", "source=127.0.0.1:1&vid=77&key=1&cookie=1");
        // Not /admin/drain: it takes no parameter, so it would succeed and stop this store's writes.
        for (String call : List.of("POST /admin/add_volume", "POST /admin/compact_volume", "GET /admin/probe", "POST /admin/volume_state", "POST /admin/volume_needles",
                "POST /admin/copy_volume", "POST /admin/repair_needle")) {
            for (String query : adminQueries) {
                String line = call + "?" + query + " HTTP/1.1";
                softly.assertThat(status(store.adminPort(), line, "Content-Type: application/x-www-form-urlencoded",
                        query)).as(line).isLessThan(500);
            }
        }
        softly.assertAll();
    }

    @Test
    void badRangesAreAnsweredWithoutA5xx() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String range : List.of("bytes=", "bytes=-", "bytes=5-1", "bytes=99999999999999999999-",
                "bytes=-99999999999999999999", "bytes=0-1,2-3", "bytes=a-b", "items=0-1", "bytes=-0", "bytes=1",
                "bytes= 0 - 1 ", "bytes=0-9223372036854775807", "bytes=9223372036854775807-", ",,,", "bytes=--1")) {
            int status = status(store.port(), "GET /get?" + NEEDLE + " HTTP/1.1", "Range: " + range, "");
            softly.assertThat(status).as(range).isIn(200, 206, 400, 416);
        }
        softly.assertAll();
    }

    @Test
    void brokenMultipartBodiesAre4xx() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        String part = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nxyz\r\n";
        for (String[] sent : List.of(
                new String[] {"multipart/form-data", part + "--b--\r\n"},
                new String[] {"multipart/form-data; boundary=", part},
                new String[] {"multipart/form-data; boundary=b", part},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\n\r\n\r\n--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "garbage"},
                new String[] {"multipart/form-data; boundary=b", "--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"vid\""
                        + "\r\n\r\n%ZZ\r\n" + part + "--b--\r\n"},
                new String[] {"multipart/mixed; boundary=\"b", part + "--b--\r\n"})) {
            for (String path : List.of("/upload?" + NEEDLE, "/uploads", "/upload")) {
                String line = "POST " + path + " HTTP/1.1";
                softly.assertThat(status(store.port(), line, "Content-Type: " + sent[0], sent[1]))
                        .as(line + " " + sent[0] + " " + sent[1]).isBetween(400, 499);
            }
        }
        softly.assertAll();
    }

    @Test
    void brokenChunkedBodiesAre4xx() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String body : List.of("zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
                "ffffffffffffffffffff\r\nabc\r\n", "-1\r\n\r\n", "3;ext=\"\r\nabc\r\n0\r\n\r\n")) {
            int status = rawStatus(store.port(), ("POST /upload?vid=" + VID + "&key=" + (KEY + 1) + "&cookie=1 HTTP/1.1"
                    + "\r\nHost: x\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked"
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            // -1: the store closed the connection without an answer, which a truncated body deserves.
            softly.assertThat(status).as(body).isIn(-1, 400, 413);
        }
        softly.assertAll();
    }

    /** Sends one request with {@code body} (its length given) and answers the status, -1 if none came. */
    private static int status(int port, String requestLine, String header, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return rawStatus(port, (requestLine + "\r\nHost: x\r\n" + header + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static int rawStatus(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        }
    }
}
