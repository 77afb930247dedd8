package io.xfs.common.http.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An answer whose body is still on the wire. Read the {@link #body()} to its end (or use {@link #bytes()})
 * and the connection goes back to the pool; {@link #close() closing} it before the end drops the
 * connection instead of draining a possibly large rest. A body cut short by the server fails with an
 * {@link IOException} rather than ending early: a store aborts a needle whose CRC does not match.
 */
public final class Response implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    Response(int status, Map<String, String> headers, InputStream body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The first value of a header (names are case-insensitive), or null. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public OptionalLong contentLength() {
        String value = header("content-length");
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public InputStream body() {
        return body;
    }

    /** The whole body, at most {@code max} bytes of it; the answer is closed afterwards. */
    public byte[] bytes(int max) throws IOException {
        try (this) {
            byte[] bytes = body.readNBytes(max);
            if (bytes.length == max && body.read() >= 0) {
                throw new IOException("the answer's body is larger than " + max + " bytes");
            }
            return bytes;
        }
    }

    /** The whole body (up to 64 MiB); the answer is closed afterwards. */
    public byte[] bytes() throws IOException {
        return bytes(64 * 1024 * 1024);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
