package io.xfs.sts.fetch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 client for GET that connects to an address chosen by the caller (the one the SSRF guard
 * checked) rather than resolving the host again, which {@code java.net.http} cannot do. The request still names
 * the original host (Host header; for https the SNI name and the certificate's hostname check). One connection
 * per request ({@code Connection: close}); connect and read timeouts on the socket. Thread-safe (stateless).
 */
public final class OriginClient {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tlsFactory;

    public OriginClient(Duration connectTimeout, Duration readTimeout, SSLSocketFactory tlsFactory) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tlsFactory = tlsFactory;
    }

    /** Sends {@code GET uri} to {@code address} and reads the status line and headers. */
    public OriginResponse get(URI uri, InetAddress address) throws IOException {
        int port = FetchUri.port(uri);
        String host = bareHost(uri);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            if (FetchUri.isHttps(uri)) {
                socket = startTls(socket, host, port);
            }
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(uri).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status;
            Map<String, String> headers;
            do {
                status = parseStatus(readLine(in));
                headers = readHeaders(in);
            } while (status >= 100 && status < 200);
            return new OriginResponse(status, headers, body(in, headers), socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket startTls(Socket plain, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) tlsFactory.createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        // Verify the certificate against the host the uri names, not the address we connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static String requestHead(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = uri.getHost();
        if (uri.getPort() > 0) {
            hostHeader += ":" + uri.getPort();
        }
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: xfs-sts\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
    }

    private static InputStream body(InputStream in, Map<String, String> headers) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
                throw new IOException("origin used an unsupported transfer encoding: " + transferEncoding);
            }
            return new ChunkedInputStream(in);
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            try {
                return new BoundedInputStream(in, Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                throw new IOException("origin sent a bad Content-Length: " + contentLength);
            }
        }
        return in; // until the origin closes the connection
    }

    private static int parseStatus(String line) throws IOException {
        // HTTP/1.1 200 OK
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("origin sent no HTTP/1.x status line: " + abbreviate(line));
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("origin sent a bad status line: " + abbreviate(line));
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i <= MAX_HEADERS; i++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("origin sent a bad header line: " + abbreviate(line));
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        throw new IOException("origin sent more than " + MAX_HEADERS + " headers");
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, without its terminator. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("origin closed the connection in the middle of a line");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("origin sent a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    private static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** A body stream that reads in blocks; a single-byte read is a block of one. */
    private abstract static class BodyInputStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** The body of a response with a Content-Length: ends there, and fails if the origin closes early. */
    private static final class BoundedInputStream extends BodyInputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("origin closed the connection with " + remaining + " bytes still to send");
            }
            remaining -= n;
            return n;
        }
    }

    /** The body of a chunked response (RFC 9112 §7.1); trailers are read and ignored. */
    private static final class ChunkedInputStream extends BodyInputStream {
        private final InputStream in;
        private long chunkRemaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkRemaining == 0) {
                String sizeLine = readLine(in);
                int semicolon = sizeLine.indexOf(';');
                String size = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                try {
                    chunkRemaining = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("origin sent a bad chunk size: " + abbreviate(sizeLine));
                }
                if (chunkRemaining < 0) {
                    throw new IOException("origin sent a negative chunk size");
                }
                if (chunkRemaining == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailer fields
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkRemaining));
            if (n < 0) {
                throw new EOFException("origin closed the connection inside a chunk");
            }
            chunkRemaining -= n;
            if (chunkRemaining == 0 && !readLine(in).isEmpty()) {
                throw new IOException("origin sent no CRLF after a chunk");
            }
            return n;
        }
    }
}
