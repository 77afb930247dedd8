package io.xfs.common.http.client;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One socket to one server, used by one request at a time. Reads go through this class's own buffer (not
 * a {@code BufferedInputStream}: its per-byte reads take a lock each) so that the head is parsed byte by
 * byte cheaply and the body continues from the same buffer. Not thread-safe.
 */
final class Connection {
    private static final int MAX_LINE = 16 * 1024;

    final String authority;
    private final Socket socket;
    private final InputStream in;
    final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** Bytes of the current answer received so far; 0 means the server said nothing yet. */
    private long received;
    long idleSinceNanos;

    Connection(String authority, Socket socket) throws IOException {
        this.authority = authority;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    void startExchange(int readTimeoutMillis) throws IOException {
        socket.setSoTimeout(readTimeoutMillis);
        received = 0;
    }

    boolean receivedNothing() {
        return received == 0;
    }

    /** A line of the head without its CRLF; fails on end of stream or an over-long line. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && fill() < 0) {
                throw new EOFException(received == 0 ? "the server closed the connection without answering"
                        : "the server closed the connection inside the answer's head");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a header line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    /** Up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
        if (length >= buffer.length) {
            // large reads bypass the buffer
            int n = in.read(target, offset, length);
            if (n > 0) {
                received += n;
            }
            return n;
        }
        if (fill() < 0) {
            return -1;
        }
        return read(target, offset, length);
    }

    private int fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n > 0) {
            position = 0;
            limit = n;
            received += n;
        }
        return n;
    }

    void writeHead(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** True when bytes of a next answer arrived unasked: the connection is out of step and must go. */
    boolean hasUnreadBytes() {
        return position < limit;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a broken socket: nothing left to release
        }
    }

    @Override
    public String toString() {
        return "Connection[" + authority + " " + socket.getLocalPort() + "]";
    }
}
