package io.xfs.store.http;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A channel over a servlet's output stream that hands buffers (direct ones too) straight to the container
 * ({@code ServletOutputStream.write(ByteBuffer)}, Servlet 6.1), where {@code Channels.newChannel} would copy
 * them through a byte array of its own. Not thread-safe, like the stream; one per response.
 */
final class ServletOutputChannel implements WritableByteChannel {
    private final ServletOutputStream out;
    private boolean open = true;

    ServletOutputChannel(ServletOutputStream out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        out.write(src); // Tomcat consumes the whole buffer (blocking mode) and advances its position
        return n - src.remaining();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Marks the channel closed; the response stays open (the container finishes it). */
    @Override
    public void close() {
        open = false;
    }
}
