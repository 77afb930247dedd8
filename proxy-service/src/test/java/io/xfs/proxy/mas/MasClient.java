package io.xfs.proxy.mas;

import io.xfs.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A browser's and a backend's view of one proxy's mas API, over real HTTP. */
final class MasClient {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String systemToken;

    MasClient(int port, String systemToken) {
        this.base = "http://127.0.0.1:" + port;
        this.systemToken = systemToken;
    }

    /** An answer: status, headers, raw body and, when it is JSON, the envelope. */
    record Reply(int status, HttpResponse<byte[]> response) {
        byte[] body() {
            return response.body();
        }

        JsonNode json() {
            return Json.mapper().readTree(response.body());
        }

        int code() {
            return json().get("code").asInt();
        }

        JsonNode data() {
            return json().get("data");
        }

        @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(body(), StandardCharsets.UTF_8);
        }
    }

    Reply uploadToken(String hash) {
        return send(get("/api/token/upload?hash=" + hash).header("systemToken", systemToken));
    }

    Reply downloadToken(String hash) {
        return send(get("/api/token/download?hash=" + hash).header("systemToken", systemToken));
    }

    String issueUploadToken(String hash) {
        return textOf(uploadToken(hash));
    }

    String issueDownloadToken(String hash) {
        return textOf(downloadToken(hash));
    }

    Reply info(String hash) {
        return send(get("/api/file/info?hash=" + hash).header("systemToken", systemToken));
    }

    Reply single(String token, byte[] content, String fileName, String contentType) {
        Multipart body = Multipart.of(content, fileName, contentType);
        return send(HttpRequest.newBuilder(uri("/api/file/upload/single")).header("token", token)
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    Reply init(String token, String name, long size) {
        return send(get("/api/file/upload/init?name=" + name + "&size=" + size).header("token", token));
    }

    /** Sends a chunk as multipart {@code file}, at {@code /chunk?chunk=n} or, seed-style, {@code /chuck?chuck=n}. */
    Reply chunk(String token, int number, byte[] content, boolean seedSpelling) {
        String path = seedSpelling ? "/api/file/upload/chuck?chuck=" : "/api/file/upload/chunk?chunk=";
        Multipart body = Multipart.of(content, "blob", "application/octet-stream");
        return send(HttpRequest.newBuilder(uri(path + number)).header("token", token)
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    Reply finish(String token) {
        return send(get("/api/file/upload/finish").header("token", token).header("systemToken", systemToken));
    }

    Reply download(String path, Map<String, String> headers) {
        HttpRequest.Builder request = get(path);
        headers.forEach(request::header);
        return send(request);
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("token not issued: " + reply);
        }
        return reply.data().get("token").asString();
    }

    /** A {@code multipart/form-data} body with one file part {@code file}, as a browser's FormData sends it. */
    record Multipart(String contentType, byte[] bytes) {
        static Multipart of(byte[] content, String fileName, String partType) {
            String boundary = "----xfs" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }
    }
}
