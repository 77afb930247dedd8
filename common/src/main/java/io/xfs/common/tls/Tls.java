package io.xfs.common.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One service's TLS: its certificate chain and key (shown to clients, and to servers that ask for a client
 * certificate) and the CA bundle it trusts for calls between services, as one {@link SSLContext}. Servers take
 * an {@link SSLEngine} per connection from it; clients wrap their sockets with it and check the server's name
 * against its certificate. {@link #update} swaps the context when the PEM files change (rotation): new
 * connections use the new one, open ones keep theirs. Thread-safe.
 */
public final class Tls {

    /** Whether a server asks its clients for a certificate (signed by the trusted CA bundle). */
    public enum ClientAuth {
        /** None asked: the public ports, whose clients have no certificates. */
        NONE,
        /** Asked, not required. */
        WANT,
        /** Required: a client without a certificate from the trusted CA bundle is refused in the handshake. */
        NEED
    }

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private volatile SSLContext context;
    private final ClientAuth clientAuth;

    public Tls(SSLContext context, ClientAuth clientAuth) {
        this.context = Objects.requireNonNull(context, "context");
        this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
    }

    /**
     * The TLS to call a configured URL with: the URL's scheme decides ({@code https}: {@code tls}, which must
     * then be configured; {@code http}: none). Addresses without a scheme (stores and sts members, as
     * registered in ZooKeeper) are called with the service's own TLS, cluster-wide.
     *
     * @throws IllegalArgumentException not an http(s) URL, or https without TLS configured
     */
    public static @Nullable Tls forUrl(URI url, @Nullable Tls tls) {
        if ("http".equals(url.getScheme())) {
            return null;
        }
        if (!"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("not an http:// or https:// URL: " + url);
        }
        if (tls == null) {
            throw new IllegalArgumentException(url + " is https, but this service has no TLS configured: set "
                    + "server.ssl.bundle and its spring.ssl.bundle.pem.* (docs/operations.md, \"TLS\")");
        }
        return tls;
    }

    /** The certificates changed on disk: later connections use {@code newContext}. */
    public void update(SSLContext newContext) {
        this.context = Objects.requireNonNull(newContext, "newContext");
    }

    /** The current context (for clients built on {@code java.net.http.HttpClient}). */
    public SSLContext context() {
        return context;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The server's side of one new connection. */
    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS);
        switch (clientAuth) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            case NONE -> engine.setWantClientAuth(false);
        }
        return engine;
    }

    /**
     * Parameters of a client: TLS 1.2 or 1.3, and the server's certificate must name the host called
     * ({@code HTTPS} endpoint identification, IP addresses included), not only be signed by a trusted CA.
     */
    public SSLParameters clientParameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /**
     * Runs the client's handshake over a connected socket and answers the TLS socket to use instead.
     *
     * @param host the name (or address) the caller meant: the server's certificate must carry it
     * @throws IOException the handshake failed: the server is not trusted, names another host, or is not TLS
     */
    public SSLSocket connect(Socket connected, String host, int port, int handshakeTimeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        try {
            socket.setSSLParameters(clientParameters());
            int before = socket.getSoTimeout();
            socket.setSoTimeout(handshakeTimeoutMillis);
            socket.startHandshake();
            socket.setSoTimeout(before);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
