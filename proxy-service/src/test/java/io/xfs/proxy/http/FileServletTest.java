package io.xfs.proxy.http;

import static io.xfs.proxy.ProxyClient.at;
import static io.xfs.proxy.ProxyClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.error.ErrorCode;
import io.xfs.proxy.ProxyClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What serving {@code /file} and {@code /files} outside Spring MVC must keep or add: Spring's answers to
 * other methods, the private bucket's filter in front, no path that only Tomcat's normalization maps to the
 * servlet, unlimited keep-alive, and metrics (the proxy's counters, the request timer of the other routes).
 */
@ExtendWith(ProxyClusterExtension.class)
class FileServletTest {
    private final ProxyCluster cluster;
    private final ProxyClient client;

    FileServletTest(ProxyCluster cluster) {
        this.cluster = cluster;
        this.client = new ProxyClient(cluster);
    }

    @Test
    void optionsListTheMethodsOfEachPathAndOthersAre405WithAJsonBody() {
        HttpResponse<byte[]> file = client.send("OPTIONS", at("file", "/xfs/servlet/x"), new byte[0]);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Allow")).contains("GET,HEAD,PUT,POST,DELETE,OPTIONS");
        HttpResponse<byte[]> files = client.send("OPTIONS", at("files", "/xfs/servlet/x"), new byte[0]);
        assertThat(files.headers().firstValue("Allow")).contains("POST,OPTIONS");

        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            HttpResponse<byte[]> refused = client.send(method, at("files", "/xfs/servlet/x"), new byte[0]);
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(json(refused).path("code").asInt()).isEqualTo(ErrorCode.BAD_ARGUMENT.code());
            assertThat(json(refused).path("message").asString())
                    .isEqualTo("Request method '" + method + "' is not supported");
        }
        HttpResponse<byte[]> patch = client.send("PATCH", at("file", "/xfs/servlet/x"), new byte[0]);
        assertThat(json(patch).path("message").asString()).isEqualTo("Request method 'PATCH' is not supported");
    }

    @Test
    void uploadAndDeleteAnswersKeepTheirJsonAndHeaders() {
        byte[] data = TestData.bytes(100, 21);
        HttpResponse<byte[]> created = client.send("POST", at("files", "/xfs/servlet/created.bin"), data,
                "Content-Type", "application/octet-stream");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(created.headers().firstValue("Location")).contains("/file?path=/xfs/servlet/created.bin");
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"path\":\"/xfs/servlet/created.bin\",\"size\":100,\"sha1\":\"" + TestData.sha1(data)
                        + "\",\"mime\":\"application/octet-stream\"}");
        HttpResponse<byte[]> deleted = client.send("DELETE", at("file", "/xfs/servlet/created.bin"), new byte[0]);
        assertThat(new String(deleted.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"path\":\"/xfs/servlet/created.bin\",\"deleted\":1}");
    }

    @Test
    void thePrivateBucketFilterStillGuardsTheServletAndNoUriOnlyNormalizationMapsIsServed() throws IOException {
        byte[] data = "secret bytes".getBytes(StandardCharsets.UTF_8);
        String name = TestData.sha256(data) + "/a.txt";
        cluster.files().store("mas", name, "text/plain", new ByteArrayInputStream(data), data.length);
        String query = "?path=/xfs/mas/" + name;

        assertThat(raw("GET /file" + query).status()).isEqualTo(403);
        // The filter lets /api/... through by its raw URI; Tomcat maps /api/../file to /file all the same.
        for (String uri : new String[] {"/api/../file", "/api/..;/file", "/api/%2e%2e/file"}) {
            Reply reply = raw("GET " + uri + query);
            assertThat(reply.status()).as(uri).isEqualTo(404);
            assertThat(reply.body()).as(uri).doesNotContain("secret bytes");
        }
        client.upload("/xfs/servlet/public.txt", data, "text/plain");
        assertThat(raw("GET /api/../file?path=/xfs/servlet/public.txt").status()).isEqualTo(404);
        assertThat(raw("GET /file;x=1?path=/xfs/servlet/public.txt").body()).isEqualTo("secret bytes");
    }

    @Test
    void aConnectionServesMoreThanTomcatsDefaultHundredRequests() throws IOException {
        client.upload("/xfs/servlet/keep-alive.txt", "k".getBytes(StandardCharsets.UTF_8), "text/plain");
        try (Socket socket = socket()) {
            for (int i = 0; i < 150; i++) {
                Reply reply = exchange(socket, "GET /file?path=/xfs/servlet/keep-alive.txt");
                assertThat(reply.status()).as("request %d", i).isEqualTo(200);
                assertThat(reply.headers().get("connection")).as("request %d", i).isNotEqualTo("close");
            }
        }
    }

    @Test
    void fileRequestsAreCountedByTheProxyCountersAndOnlyOtherRoutesTimed() {
        client.upload("/xfs/servlet/metrics.txt", "m".getBytes(StandardCharsets.UTF_8), "text/plain");
        double timedBefore = timedRequests(scrape());
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/xfs/servlet/metrics.txt").statusCode()).isEqualTo(200);
        }
        String afterFiles = scrape();
        assertThat(timedRequests(afterFiles)).isEqualTo(timedBefore);
        assertThat(afterFiles).containsPattern("(?m)^xfs_proxy_reads_total [1-9]")
                .containsPattern("(?m)^xfs_proxy_uploads_total [1-9]");

        assertThat(client.send("GET", at("fileinfo", "/xfs/servlet/metrics.txt"), new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(scrape()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/fileinfo\"");
    }

    private String scrape() {
        return new String(client.send("GET", "/actuator/prometheus", new byte[0]).body(), StandardCharsets.UTF_8);
    }

    /** Requests the {@code http.server.requests} timer has seen, scrapes aside. */
    private static double timedRequests(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> !line.contains("uri=\"/actuator/prometheus\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    record Reply(int status, Map<String, String> headers, String body) {
    }

    /** One request on a new connection, the URI sent exactly as given (no client normalizes it). */
    private Reply raw(String requestLine) throws IOException {
        try (Socket socket = socket()) {
            return exchange(socket, requestLine);
        }
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket(cluster.proxyUri().getHost(), cluster.proxyUri().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static Reply exchange(Socket socket, String requestLine) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        assertThat(headers).as("a length-delimited answer to %s", requestLine).containsKey("content-length");
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
