package io.xfs.bench;

import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The public API: {@code POST /file?path=/xfs/<bucket>/<name>} and {@code GET} of the same path, signed with
 * SigV4 when a key is given (the proxy's default, docs/api.md "Authentication"). Bodies are signed as
 * {@code UNSIGNED-PAYLOAD}, as S3 clients over TLS do: the signature covers method, path, query, host and
 * time, and the load tool hashes no body.
 */
final class ProxyTarget implements Target {
    private static final Map<String, String> WRITE_HEADERS = Map.of("Content-Type", "application/octet-stream");
    private final URI proxy;
    private final String bucket;
    private final @Nullable SigV4Signer signer;
    private final Map<String, String> host;

    ProxyTarget(URI proxy, String bucket, @Nullable SigV4Signer signer) {
        this.proxy = proxy;
        this.bucket = bucket;
        this.signer = signer;
        // The Host header as HttpConnection sends it: the signature covers it.
        this.host = Map.of("host", proxy.getHost() + ":" + (proxy.getPort() > 0 ? proxy.getPort() : 80));
    }

    @Override
    public String describe() {
        return "proxy " + proxy + (signer == null ? "" : " (SigV4-signed)");
    }

    private static String query(String bucket, String name) {
        return "path=" + URLEncoder.encode("/xfs/" + bucket + "/" + name, StandardCharsets.UTF_8);
    }

    private Map<String, String> headers(String method, String query, Map<String, String> headers) {
        if (signer == null) {
            return headers;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(signer.sign(method, "/file", query, host, SigV4.UNSIGNED_PAYLOAD, Instant.now()));
        return all;
    }

    @Override
    public FileEntry write(Connections connections, FileEntry file, byte[] body) throws IOException, BenchFailure {
        String query = query(bucket, file.name());
        HttpConnection.Response response = connections.to(proxy).send("POST", "/file?" + query,
                headers("POST", query, WRITE_HEADERS), body);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "POST /file");
        }
        return file.withLocation(file.name());
    }

    @Override
    public byte[] read(Connections connections, FileEntry file) throws IOException, BenchFailure {
        String query = query(bucket, file.location());
        HttpConnection.Response response = connections.to(proxy).send("GET", "/file?" + query,
                headers("GET", query, Map.of()), null);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "GET /file");
        }
        return response.body();
    }
}
