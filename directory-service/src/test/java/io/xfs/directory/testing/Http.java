package io.xfs.directory.testing;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
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
    private final @Nullable InternalSigner signer;

    public Http(String base, @Nullable InternalSigner signer) {
        this.base = base;
        this.signer = signer;
    }

    public static Http local(int port) {
        return new Http("http://127.0.0.1:" + port, null);
    }

    /** Signs every call as an operator with {@code newSecret} (docs/api.md, "Internal calls"); null: unsigned. */
    public Http withSecret(@Nullable String newSecret) {
        return withSecret(newSecret, InternalRole.OPERATOR);
    }

    /** Signs every call as {@code role} with {@code newSecret}; null: unsigned. */
    public Http withSecret(@Nullable String newSecret, InternalRole role) {
        return new Http(base, newSecret == null ? null
                : new InternalSigner(ClusterSecret.of(newSecret), role, "test-" + role.wireName()));
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
        return send(builder("GET", pathAndQuery, new byte[0]).GET().build());
    }

    public Response post(String pathAndQuery) {
        return send(builder("POST", pathAndQuery, new byte[0]).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response postJson(String path, Object body) {
        byte[] json = Json.write(body);
        return send(builder("POST", path, json).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    public Response postRaw(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(builder("POST", path, bytes).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private HttpRequest.Builder builder(String method, String pathAndQuery, byte[] body) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (signer != null) {
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            b.header(InternalSigner.HEADER, signer.sign(method, target, body));
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
