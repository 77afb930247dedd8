package io.xfs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The public API: {@code POST /file?path=/xfs/<bucket>/<name>} and {@code GET} of the same path. */
final class ProxyTarget implements Target {
    private static final Map<String, String> WRITE_HEADERS = Map.of("Content-Type", "application/octet-stream");
    private final URI proxy;
    private final String bucket;

    ProxyTarget(URI proxy, String bucket) {
        this.proxy = proxy;
        this.bucket = bucket;
    }

    @Override
    public String describe() {
        return "proxy " + proxy;
    }

    private String fileUrl(String name) {
        return "/file?path=" + URLEncoder.encode("/xfs/" + bucket + "/" + name, StandardCharsets.UTF_8);
    }

    @Override
    public FileEntry write(Connections connections, FileEntry file, byte[] body) throws IOException, BenchFailure {
        HttpConnection.Response response = connections.to(proxy).send("POST", fileUrl(file.name()), WRITE_HEADERS, body);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "POST /file");
        }
        return file.withLocation(file.name());
    }

    @Override
    public byte[] read(Connections connections, FileEntry file) throws IOException, BenchFailure {
        HttpConnection.Response response = connections.to(proxy).send("GET", fileUrl(file.location()), Map.of(), null);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "GET /file");
        }
        return response.body();
    }
}
