package io.xfs.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Any plain HTTP server that takes {@code PUT <url>/<name>} and serves {@code GET <url>/<name>}: the
 * baseline (nginx with WebDAV PUT and sendfile), measured with the same client as xfs.
 */
final class HttpTarget implements Target {
    private static final Map<String, String> WRITE_HEADERS = Map.of("Content-Type", "application/octet-stream");
    private final URI base;

    HttpTarget(URI base) {
        this.base = base;
    }

    @Override
    public String describe() {
        return "http " + base;
    }

    private String path(String name) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        return (prefix.endsWith("/") ? prefix : prefix + "/") + name;
    }

    @Override
    public FileEntry write(Connections connections, FileEntry file, byte[] body) throws IOException, BenchFailure {
        HttpConnection.Response response = connections.to(base).send("PUT", path(file.name()), WRITE_HEADERS, body);
        if (response.status() / 100 != 2) {
            throw BenchFailure.status(response, "PUT");
        }
        return file.withLocation(file.name());
    }

    @Override
    public byte[] read(Connections connections, FileEntry file) throws IOException, BenchFailure {
        HttpConnection.Response response = connections.to(base).send("GET", path(file.location()), Map.of(), null);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "GET");
        }
        return response.body();
    }
}
