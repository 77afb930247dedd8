package io.xfs.sts.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An origin's answer: status, headers (names lower-cased; a repeated header keeps its last value) and the
 * body, already de-chunked and bounded by Content-Length. Closing it closes the connection. Not thread-safe.
 */
public final class OriginResponse implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final Socket socket;

    OriginResponse(int status, Map<String, String> headers, InputStream body, Socket socket) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.socket = socket;
    }

    public int status() {
        return status;
    }

    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The Content-Length the origin announced, or -1 (chunked or read until close). */
    public long contentLength() {
        String value = header("content-length");
        if (value == null || header("transfer-encoding") != null) {
            return -1;
        }
        return Long.parseLong(value.trim());
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
