package io.xfs.common.http.client;

import io.xfs.common.tls.Tls;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A blocking HTTP/1.1 client that keeps connections alive, one pool per {@code host:port}, for the calls
 * between xfs services. It replaced {@code java.net.http.HttpClient} on these paths: that client hands each
 * exchange between its selector thread and the caller, and under load the hand-offs, not the servers, set
 * the latency of a proxy write (docs/benchmarks.md). Here the calling (virtual) thread does the whole
 * exchange on its own socket; every socket read has a timeout, so a server that stalls half-way through a
 * body is noticed too.
 *
 * <p>A request on a pooled connection that fails before the server sent a single byte is sent once more on
 * a new connection when its body is in memory: that is a server closing an idle connection, which it may
 * do at any time, not a failed call.
 *
 * <p>With a {@link Tls}, every connection is TLS: the server must show a certificate from the trusted CA bundle
 * that names the host called (docs/operations.md, "TLS"); a server that does not is refused in the handshake,
 * before the request is sent. Thread-safe; share one per service.
 */
public final class KeepAliveClient implements AutoCloseable {

    /**
     * @param connectTimeout  the longest wait for a TCP connection
     * @param readTimeout     the longest wait for any one read of an answer, unless a request sets its own
     * @param maxIdlePerHost  idle connections kept per server; more are closed when released
     * @param maxIdleTime     an idle connection older than this is closed rather than reused (below the
     *                        servers' keep-alive timeout, so that reuse rarely meets a connection just closed)
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxIdlePerHost, Duration maxIdleTime) {
        public Settings {
            if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                    || readTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxIdlePerHost < 0) {
                throw new IllegalArgumentException("maxIdlePerHost must not be negative");
            }
        }

        public static Settings of(Duration connectTimeout, Duration readTimeout) {
            return new Settings(connectTimeout, readTimeout, 64, Duration.ofSeconds(15));
        }
    }

    private final Settings settings;
    private final @Nullable Tls tls;
    private final Map<String, ArrayDeque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A client of plain HTTP. */
    public KeepAliveClient(Settings settings) {
        this(settings, null);
    }

    /** @param tls every connection speaks TLS with it; null: plain HTTP */
    public KeepAliveClient(Settings settings, @Nullable Tls tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /** True when every connection of this client is TLS. */
    public boolean secure() {
        return tls != null;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Sends the request and reads the answer's head; the body follows as it is read from the answer.
     *
     * @throws ConnectException       the server could not be reached (refused, or the connect timed out)
     * @throws SocketTimeoutException the server did not answer within the read timeout
     * @throws IOException            the connection failed otherwise, or the answer is not HTTP
     */
    public Response send(Request request) throws IOException {
        Connection pooled = takeIdle(request.authority());
        if (pooled != null) {
            try {
                return exchange(pooled, request);
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || !pooled.receivedNothing() || !request.body().replayable()) {
                    throw e;
                }
                // The server had closed this idle connection: the request never reached it.
            }
        }
        return exchange(connect(request.authority()), request);
    }

    /** Number of idle connections kept for a server (for tests and metrics). */
    public int idleConnections(String authority) {
        ArrayDeque<Connection> deque = idle.get(authority);
        if (deque == null) {
            return 0;
        }
        synchronized (deque) {
            return deque.size();
        }
    }

    private Response exchange(Connection connection, Request request) throws IOException {
        try {
            Duration timeout = request.readTimeout() == null ? settings.readTimeout() : request.readTimeout();
            connection.startExchange(Math.toIntExact(Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()))));
            writeRequest(connection, request);
            return readResponse(connection, request);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void writeRequest(Connection connection, Request request) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(request.pathAndQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(request.authority()).append("\r\n");
        for (Request.Header header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        long length = request.body().length();
        if (length > 0 || request.method().equals("POST") || request.method().equals("PUT")) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("\r\n");
        connection.writeHead(head.toString());
        request.body().writeTo(connection.out);
        connection.out.flush();
    }

    private Response readResponse(Connection connection, Request request) throws IOException {
        int status;
        Map<String, String> headers;
        boolean http10;
        do {
            String statusLine = connection.readLine();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x answer from " + request.authority() + ": "
                        + statusLine.substring(0, Math.min(80, statusLine.length())));
            }
            http10 = statusLine.charAt(7) == '0';
            try {
                status = Integer.parseInt(statusLine, 9, 12, 10);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from " + request.authority() + ": " + statusLine, e);
            }
            headers = readHeaders(connection);
        } while (status >= 100 && status < 200); // interim answers (100 Continue) precede the real one

        String connectionHeader = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean reusable = http10 ? connectionHeader.contains("keep-alive") : !connectionHeader.contains("close");
        BodyStream body;
        String length = headers.get("content-length");
        if (request.expectsNoBody() || status == 204 || status == 304) {
            body = new FixedLengthBody(connection, reusable, 0);
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedBody(connection, reusable);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length from " + request.authority() + ": " + length, e);
            }
            if (n < 0) {
                throw new IOException("bad Content-Length from " + request.authority() + ": " + length);
            }
            body = new FixedLengthBody(connection, reusable, n);
        } else {
            body = new UntilCloseBody(connection);
        }
        return new Response(status, headers, body);
    }

    private static Map<String, String> readHeaders(Connection connection) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = connection.readLine(); !line.isEmpty(); line = connection.readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line in an answer: " + line.substring(0, Math.min(80, line.length())));
            }
            headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            if (headers.size() > 200) {
                throw new IOException("an answer with more than 200 headers");
            }
        }
        return headers;
    }

    private Connection connect(String authority) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        URI uri;
        try {
            uri = URI.create("http://" + authority);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad server address '" + authority + "'", e);
        }
        if (uri.getHost() == null) {
            throw new IOException("bad server address '" + authority + "'");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            int connectMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
            int port = uri.getPort() >= 0 ? uri.getPort() : tls == null ? 80 : 443;
            socket.connect(new InetSocketAddress(uri.getHost(), port), connectMillis);
            if (tls != null) {
                // The handshake is part of connecting: it gets the connect timeout.
                socket = tls.connect(socket, uri.getHost(), port, connectMillis);
            }
            return new Connection(authority, socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            ConnectException timedOut = new ConnectException("connecting to " + authority + " timed out after "
                    + settings.connectTimeout().toMillis() + " ms");
            timedOut.initCause(e);
            throw timedOut;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private Connection takeIdle(String authority) {
        ArrayDeque<Connection> deque = idle.get(authority);
        if (deque == null) {
            return null;
        }
        long now = System.nanoTime();
        while (true) {
            Connection connection;
            synchronized (deque) {
                // newest first: it is the least likely to have been closed by the server
                connection = deque.pollFirst();
            }
            if (connection == null) {
                return null;
            }
            if (now - connection.idleSinceNanos < settings.maxIdleTime().toNanos()) {
                return connection;
            }
            connection.close();
        }
    }

    private void release(Connection connection) {
        if (closed || settings.maxIdlePerHost() == 0) {
            connection.close();
            return;
        }
        connection.idleSinceNanos = System.nanoTime();
        ArrayDeque<Connection> deque = idle.computeIfAbsent(connection.authority, a -> new ArrayDeque<>());
        Connection surplus = null;
        synchronized (deque) {
            deque.offerFirst(connection);
            if (deque.size() > settings.maxIdlePerHost()) {
                surplus = deque.pollLast();
            }
        }
        if (surplus != null) {
            surplus.close();
        }
    }

    /** Closes the idle connections; answers still being read finish, then close their connections. */
    @Override
    public void close() {
        closed = true;
        for (ArrayDeque<Connection> deque : idle.values()) {
            synchronized (deque) {
                deque.forEach(Connection::close);
                deque.clear();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // never connected
        }
    }

    /** An answer's body; hands the connection back once the body was read to its end. */
    private abstract class BodyStream extends InputStream {
        final Connection connection;
        private final boolean reusable;
        private boolean released;

        BodyStream(Connection connection, boolean reusable) {
            this.connection = connection;
            this.reusable = reusable;
        }

        /** The body was read to its end: the connection may serve the next request. */
        final void finished() {
            if (!released) {
                released = true;
                if (reusable && !connection.hasUnreadBytes()) {
                    release(connection);
                } else {
                    connection.close();
                }
            }
        }

        final IOException broken(IOException e) {
            if (!released) {
                released = true;
                connection.close();
            }
            return e;
        }

        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            if (!released) {
                // Not read to the end: draining an unknown rest would cost more than a new connection.
                released = true;
                connection.close();
            }
        }
    }

    private final class FixedLengthBody extends BodyStream {
        private final long length;
        private long remaining;

        FixedLengthBody(Connection connection, boolean reusable, long length) {
            super(connection, reusable);
            this.length = length;
            this.remaining = length;
            if (length == 0) {
                finished();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = connection.read(b, off, (int) Math.min(len, remaining));
            } catch (IOException e) {
                throw broken(e);
            }
            if (n < 0) {
                throw broken(new EOFException("the answer ended after " + (length - remaining) + " of its "
                        + length + " bytes"));
            }
            remaining -= n;
            if (remaining == 0) {
                finished();
            }
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private final class ChunkedBody extends BodyStream {
        private long chunkRemaining;
        private boolean first = true;
        private boolean done;

        ChunkedBody(Connection connection, boolean reusable) {
            super(connection, reusable);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (chunkRemaining == 0) {
                    if (!first && !connection.readLine().isEmpty()) {
                        throw new IOException("a chunk of the answer does not end with CRLF");
                    }
                    first = false;
                    String sizeLine = connection.readLine();
                    int semicolon = sizeLine.indexOf(';');
                    try {
                        chunkRemaining = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon))
                                .trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad chunk size in an answer: " + sizeLine, e);
                    }
                    if (chunkRemaining < 0) {
                        throw new IOException("bad chunk size in an answer: " + sizeLine);
                    }
                    if (chunkRemaining == 0) {
                        readHeaders(connection); // trailers
                        done = true;
                        finished();
                        return -1;
                    }
                }
                int n = connection.read(b, off, (int) Math.min(len, chunkRemaining));
                if (n < 0) {
                    throw new EOFException("the answer ended inside a chunk");
                }
                chunkRemaining -= n;
                return n;
            } catch (IOException e) {
                throw broken(e);
            }
        }
    }

    /** A body without length or chunks ends when the server closes: the connection cannot be reused. */
    private final class UntilCloseBody extends BodyStream {
        UntilCloseBody(Connection connection) {
            super(connection, false);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = connection.read(b, off, len);
            } catch (IOException e) {
                throw broken(e);
            }
            if (n < 0) {
                finished();
            }
            return n;
        }
    }
}
