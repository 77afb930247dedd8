package io.xfs.directory.testing;

import io.xfs.common.http.XfsHeaders;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A small blocking HTTP client for calling a service under test. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final @Nullable String secret;

    public Http(String base, @Nullable String secret) {
        this.base = base;
        this.secret = secret;
    }

    public static Http local(int port) {
        return new Http("http://127.0.0.1:" + port, null);
    }

    public Http withSecret(@Nullable String newSecret) {
        return new Http(base, newSecret);
    }

    public record Response(int status, byte[] body) {
        public JsonNode json() {
            return Json.mapper().readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public <T> T as(Class<T> type) {
            return Json.read(body, type);
        }
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public Response get(String pathAndQuery) {
        return send(builder(pathAndQuery).GET().build());
    }

    public Response post(String pathAndQuery) {
        return send(builder(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response postJson(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))).build());
    }

    public Response postRaw(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder builder(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (secret != null) {
            b.header(XfsHeaders.CLUSTER_SECRET, secret);
        }
        return b;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
