package io.xfs.sts.http;

import io.xfs.common.auth.internal.BodyHash;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.tls.Tls;
import io.xfs.sts.cluster.StsMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Passes a request on to the sts instance that owns its key and streams the answer back: same method, path
 * and query, the body for POST, the Range and Content-Type headers, plus the hop header so that the owner
 * serves it itself, signed as role sts when the cluster has a secret (a body goes {@code UNSIGNED}: bound by its
 * length, which must then be known). Thread-safe (one shared {@link HttpClient}).
 */
public final class Forwarder implements AutoCloseable {
    private static final List<String> REQUEST_HEADERS = List.of("Range", "If-Range", "Content-Type");
    private static final List<String> RESPONSE_HEADERS =
            List.of("Content-Type", "Content-Range", "Accept-Ranges");

    private final HttpClient client;
    private final String scheme;
    private final Duration timeout;
    private final @Nullable InternalSigner signer;

    /**
     * @param signer signs forwarded calls; null without a cluster secret
     * @param tls    forwards over TLS with it (members register host:port: TLS is cluster-wide, docs/operations.md,
     *               "TLS"); null: plain HTTP
     */
    public Forwarder(Duration connectTimeout, Duration timeout, @Nullable InternalSigner signer, @Nullable Tls tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            // Fixed at startup: a rotated certificate reaches forwarding at the next restart (the ports get it at once).
            builder.sslContext(tls.context()).sslParameters(tls.clientParameters());
        }
        this.client = builder.build();
        this.scheme = tls == null ? "http://" : "https://";
        this.timeout = timeout;
        this.signer = signer;
    }

    /** Thrown when the owner could not be reached at all; nothing of the request was sent. */
    static final class OwnerUnreachableException extends IOException {
        OwnerUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void forward(StsMember owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        URI target = URI.create(scheme + owner.address() + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header(XfsHeaders.HOP, "1");
        if (signer != null) {
            builder.header(InternalSigner.HEADER, sign(request.getMethod(), pathAndQuery, request.getContentLengthLong()));
        }
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        if ("POST".equals(request.getMethod())) {
            long length = request.getContentLengthLong();
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return request.getInputStream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            builder.POST(length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(body, length) : body);
        } else {
            builder.method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new OwnerUnreachableException("sts owner " + owner.address() + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + owner.address(), e);
        }
        response.setStatus(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
        }
        answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
        try (InputStream in = answer.body()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    /** The signature of a forwarded call: a body is passed on as it comes, so it is bound by its length only. */
    private String sign(String method, String pathAndQuery, long length) {
        if (!"POST".equals(method) || length == 0) {
            return signer.sign(method, pathAndQuery);
        }
        if (length < 0) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a write to another sts instance's key needs a "
                    + "Content-Length (the forwarded call is signed over it)");
        }
        return signer.sign(method, pathAndQuery, length, BodyHash.UNSIGNED);
    }

    @Override
    public void close() {
        client.close();
    }
}
