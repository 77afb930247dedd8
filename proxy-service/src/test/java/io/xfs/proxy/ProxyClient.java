package io.xfs.proxy;

import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A test client of the proxy's public API on {@code java.net.http}; every call returns the whole answer. */
public final class ProxyClient {
    private final HttpClient http;
    private final URI base;

    public ProxyClient(ProxyCluster cluster) {
        this(cluster.http(), cluster.proxyUri());
    }

    public ProxyClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    public HttpClient http() {
        return http;
    }

    /** {@code /<call>?path=<path>} with the path percent-encoded. */
    public static String at(String call, String path) {
        return "/" + call + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery));
    }

    public HttpResponse<byte[]> upload(String path, byte[] body, String contentType) {
        return send("POST", at("file", path), body, "Content-Type", contentType);
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", at("file", path), new byte[0], headers);
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        return Json.read(response.body(), JsonNode.class);
    }

    /**
     * A {@code multipart/form-data} body as {@code curl -F name=value -F field=@file;type=...} sends it:
     * text fields first, then the file part with its file name and content type.
     */
    public static Multipart multipart() {
        return new Multipart();
    }

    public static final class Multipart {
        private final String boundary = "------------------------" + Long.toHexString(System.nanoTime());
        private final List<byte[]> parts = new ArrayList<>();

        public Multipart field(String name, String value) {
            parts.add(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n"));
            return this;
        }

        public Multipart file(String field, String fileName, String contentType, byte[] content) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\n" + (contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(content);
            parts.add(ascii("\r\n"));
            return this;
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        public byte[] body() {
            List<byte[]> all = new ArrayList<>(parts);
            all.add(ascii("--" + boundary + "--\r\n"));
            int size = all.stream().mapToInt(b -> b.length).sum();
            byte[] body = new byte[size];
            int at = 0;
            for (byte[] part : all) {
                System.arraycopy(part, 0, body, at, part.length);
                at += part.length;
            }
            return body;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
