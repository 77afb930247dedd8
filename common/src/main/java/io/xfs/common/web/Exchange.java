package io.xfs.common.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One request and its answer, as a handler sees them: method, path, raw query, headers and the body as a
 * stream; the answer either whole ({@link #send}) or streamed ({@link #stream}). Used by one handler thread
 * at a time. An answer is sent once; {@link #abort} cuts the connection when an answer that has started
 * cannot be finished honestly (a needle found corrupt mid-stream).
 */
public final class Exchange {
    static final String JSON = "application/json";
    /** Chunks of a streamed answer: large enough that a 1 MiB needle is 16 writes, small enough to stay cheap. */
    private static final int CHUNK = 64 * 1024;

    private final Connection connection;
    private final HttpRequest request;
    private final String path;
    private final @Nullable String rawQuery;
    private final BodyInput body;
    private final HttpHeaders responseHeaders = new DefaultHttpHeaders(false);
    private final long startNanos = System.nanoTime();
    private @Nullable QueryString query;
    /** The body as handlers read it: {@link #body} itself, or passed through {@link #filterBody}. */
    private @Nullable InputStream bodyView;
    private volatile boolean committed;
    private int status;
    private long bytesSent;
    private @Nullable String route;
    /** A streamed answer whose head may not have gone out yet (until then an error can still replace it). */
    private @Nullable Output output;

    Exchange(Connection connection, HttpRequest request, BodyInput body) {
        this.connection = connection;
        this.request = request;
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? null : uri.substring(q + 1);
        this.body = body;
    }

    public String method() {
        return request.method().name();
    }

    /** True for {@code HEAD}: the layer sends the headers of the answer and drops its body. */
    public boolean isHead() {
        return "HEAD".equals(request.method().name());
    }

    /** The path, not decoded. */
    public String path() {
        return path;
    }

    /** The query string as sent, or null. Parameters come from here only, never from a form body. */
    public @Nullable String rawQuery() {
        return rawQuery;
    }

    /** The query string parsed leniently (a broken escape elsewhere does not fail the request). */
    public QueryString query() {
        QueryString parsed = query;
        if (parsed == null) {
            parsed = QueryString.parseLenient(rawQuery);
            query = parsed;
        }
        return parsed;
    }

    public @Nullable String header(CharSequence name) {
        return request.headers().get(name);
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    /** The declared body length, or -1 when unknown (chunked). */
    public long contentLength() {
        return HttpUtil.getContentLength(request, -1L);
    }

    public @Nullable String contentType() {
        return request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    }

    public @Nullable InetSocketAddress remoteAddress() {
        SocketAddress address = connection.channel().remoteAddress();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /**
     * The request body. Reading it first sends {@code 100 Continue} to a client that waits for it; a handler
     * that answers without reading makes such a client never send the body.
     */
    public InputStream body() {
        InputStream view = bodyView;
        return view != null ? view : body;
    }

    /**
     * Reads of the body go through {@code filter} from now on: the credential check passes a signed body
     * through its hash check this way, before the handler reads any of it.
     */
    public void filterBody(UnaryOperator<InputStream> filter) {
        bodyView = filter.apply(body());
    }

    /** Sets a header of the answer (before it is sent). */
    public Exchange responseHeader(CharSequence name, Object value) {
        responseHeaders.set(name, value);
        return this;
    }

    /** True once anything of the answer went out: an error can then no longer be answered, only {@link #abort}ed. */
    public boolean committed() {
        return committed;
    }

    /** Sends a whole answer. */
    public void send(int status, @Nullable String contentType, byte[] content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(content), responseHeaders, trailers());
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setContentLength(response, content.length);
        commit(status, content.length);
        finishWith(response);
    }

    /** Sends {@code value} as JSON. */
    public void sendJson(int status, Object value) {
        send(status, JSON, value instanceof byte[] bytes ? bytes : Json.write(value));
    }

    /** Sends the error answer of {@code e}: its status and {@code {"code":N,"message":"..."}}. */
    public void sendError(XfsException e) {
        sendError(e.errorCode().httpStatus(), e.body());
    }

    /** Sends an error answer with a status of its own (405 and 431 have no {@link ErrorCode} of their own). */
    public void sendError(int status, ErrorCode code, String message) {
        sendError(status, ErrorBody.of(code, message));
    }

    private void sendError(int status, ErrorBody error) {
        if (committed) {
            throw new IllegalStateException("the answer has started; abort() instead");
        }
        Output started = output;
        if (started != null) {
            started.discard();
            output = null;
        }
        responseHeaders.remove(HttpHeaderNames.CONTENT_LENGTH);
        responseHeaders.remove(HttpHeaderNames.TRANSFER_ENCODING);
        send(status, JSON, Json.write(error));
    }

    /**
     * Starts a streamed answer of {@code contentLength} bytes (-1: chunked): write the body to the channel
     * and close it. Headers set so far go with it. For {@code HEAD} only the headers are sent.
     */
    public WritableByteChannel stream(int status, @Nullable String contentType, long contentLength) {
        if (committed || output != null) {
            throw new IllegalStateException("the answer was sent already");
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                responseHeaders);
        if (contentType != null) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (contentLength >= 0) {
            HttpUtil.setContentLength(head, contentLength);
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        this.status = status;
        Output stream = new Output(head);
        output = stream;
        return stream;
    }

    /** Cuts the connection: the answer (if it started) ends short, which the client sees as a failed transfer. */
    public void abort() {
        committed = true;
        connection.abort(this);
    }

    private void commit(int status, long length) {
        if (committed) {
            throw new IllegalStateException("the answer was sent already");
        }
        committed = true;
        this.status = status;
        this.bytesSent = length;
    }

    private static HttpHeaders trailers() {
        return new DefaultHttpHeaders(false);
    }

    /** Writes the last part of the answer; the connection continues (or closes) once it is out. */
    private void finishWith(Object last) {
        boolean keepAlive = connection.keepAliveAfter(this);
        if (last instanceof HttpResponse head) {
            HttpUtil.setKeepAlive(head.headers(), request.protocolVersion(), keepAlive);
        }
        ChannelFuture written = connection.channel().writeAndFlush(last);
        written.addListener(f -> connection.answered(this, f.isSuccess() && keepAlive));
    }

    // -- what the connection, the metrics and the access log read

    HttpRequest request() {
        return request;
    }

    BodyInput bodyInput() {
        return body;
    }

    int status() {
        return status;
    }

    long bytesSent() {
        return bytesSent;
    }

    long startNanos() {
        return startNanos;
    }

    @Nullable String route() {
        return route;
    }

    void route(@Nullable String pattern) {
        this.route = pattern;
    }

    /**
     * A streamed answer: bytes collect in a pooled buffer sent every {@link #CHUNK}; an answer that fits one
     * chunk goes out as one full response with its head. Waits while the socket's buffer is full, so a slow
     * reader holds back the writer and never the heap.
     */
    private final class Output extends OutputStream implements WritableByteChannel {
        private final HttpResponse head;
        private @Nullable ByteBuf buffer;
        private boolean headSent;
        private boolean open = true;

        Output(HttpResponse head) {
            this.head = head;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            while (src.hasRemaining()) {
                ByteBuf into = buffer();
                int take = Math.min(src.remaining(), into.writableBytes());
                ByteBuffer slice = src.slice(src.position(), take);
                into.writeBytes(slice);
                src.position(src.position() + take);
                if (!into.isWritable()) {
                    flushChunk();
                }
            }
            return n;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            write(ByteBuffer.wrap(b, off, len));
        }

        private ByteBuf buffer() throws IOException {
            if (!open) {
                throw new IOException("the answer is closed");
            }
            if (buffer == null) {
                buffer = connection.channel().alloc().buffer(CHUNK, CHUNK);
            }
            return buffer;
        }

        private void flushChunk() throws IOException {
            Channel channel = connection.channel();
            ByteBuf chunk = buffer;
            buffer = null;
            if (isHead()) {
                if (chunk != null) {
                    chunk.release();
                }
                return;
            }
            if (!headSent) {
                headSent = true;
                committed = true;
                HttpUtil.setKeepAlive(head.headers(), request.protocolVersion(), connection.keepAliveAfter(Exchange.this));
                channel.write(head);
            }
            if (chunk != null) {
                bytesSent += chunk.readableBytes();
                channel.writeAndFlush(new DefaultHttpContent(chunk));
            }
            connection.awaitWritable();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        /** Drops what was written: an error answer replaces this one (its head never went out). */
        void discard() {
            open = false;
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
        }

        /** Ends the answer. */
        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            committed = true;
            ByteBuf rest = buffer;
            buffer = null;
            if (!connection.channel().isActive()) {
                if (rest != null) {
                    rest.release();
                }
                return;
            }
            if (isHead()) {
                if (rest != null) {
                    rest.release();
                }
                finishWith(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(), Unpooled.EMPTY_BUFFER,
                        head.headers(), trailers()));
                return;
            }
            ByteBuf last = rest == null ? Unpooled.EMPTY_BUFFER : rest;
            bytesSent += last.readableBytes();
            if (!headSent) {
                headSent = true;
                if (!HttpUtil.isTransferEncodingChunked(head)) {
                    finishWith(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(), last, head.headers(),
                            trailers()));
                    return;
                }
                HttpUtil.setKeepAlive(head.headers(), request.protocolVersion(), connection.keepAliveAfter(Exchange.this));
                connection.channel().write(head);
            }
            finishWith(new DefaultLastHttpContent(last));
        }
    }
}
