package io.xfs.bench.floor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The least an HTTP/1.1 server can do: one platform thread per connection that reads a request with a
 * blocking {@code read}, answers with one {@code write}, and waits for the next. No poller, no hand-off
 * between threads, none of Tomcat's request objects. Understands only what xfs-bench sends (a request
 * line, headers, a {@code Content-Length} body); anything else closes the connection.
 */
final class BlockingHttpServer implements AutoCloseable {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    record Answer(int status, byte[] body) {
    }

    interface Handler {
        Answer answer(String method, String path, byte[] body);
    }

    private final ServerSocket listener;
    private final Handler handler;

    BlockingHttpServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Accepts until the listener is closed. */
    void run() throws IOException {
        while (!listener.isClosed()) {
            Socket socket = listener.accept();
            socket.setTcpNoDelay(true);
            Thread.ofPlatform().daemon().name("floor-" + socket.getPort()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            StringBuilder line = new StringBuilder(128);
            while (true) {
                String requestLine = readLine(in, line);
                if (requestLine == null) {
                    return; // the client closed its kept-alive connection
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) {
                    return;
                }
                long length = 0;
                for (String header = readLine(in, line); header != null && !header.isEmpty();
                        header = readLine(in, line)) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                if (length < 0 || length > MAX_BODY) {
                    return;
                }
                Answer answer = handler.answer(parts[0], parts[1], in.readNBytes((int) length));
                out.write(("HTTP/1.1 " + answer.status() + " \r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + answer.body().length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(answer.body());
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // a malformed request or a vanished client ends that connection only
        }
    }

    /** A line without its CRLF; null at the end of the stream before any byte of it. */
    private static String readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
