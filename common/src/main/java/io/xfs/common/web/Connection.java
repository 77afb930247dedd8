package io.xfs.common.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection, after Netty's codec: takes requests one at a time (pipelined ones wait, with
 * reading paused), routes each, runs its handler on a virtual thread and feeds it the body, and enforces the
 * slow-client defences of {@link WebOptions}. Everything but the methods named "handler thread" runs on the
 * channel's event loop.
 *
 * <p>An answer sent before the whole body arrived (a 413 from {@code Content-Length}, a 401) keeps the
 * connection only when the rest can be drained cheaply: not when the client waits for {@code 100 Continue}
 * that never came (it will not send the body, or send it late), and not when more than
 * {@link WebOptions#drainLimit()} bytes are left; then the answer says {@code Connection: close}.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebServer server;
    private final WebOptions options;
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    private final ReentrantLock writable = new ReentrantLock();
    private final Condition writableChanged = writable.newCondition();
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable Exchange current;
    private boolean answered;
    private long drained;
    private @Nullable ScheduledFuture<?> timer;
    private boolean headStarted;
    private @Nullable ScheduledFuture<?> rateCheck;
    private long receivedAtCheck;
    private boolean pausedInWindow;
    private volatile boolean pausedForBody;
    private boolean pausedForPipeline;

    Connection(WebServer server, WebOptions options) {
        this.server = server;
        this.options = options;
    }

    Channel channel() {
        return ctx().channel();
    }

    private ChannelHandlerContext ctx() {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            throw new IllegalStateException("not attached");
        }
        return context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        // A new connection must send its request head in time, like one that started sending it.
        arm(options.headTimeout().toNanos(), true);
        super.channelActive(context);
    }

    /** The raw bytes of a connection, before the codec: the first byte of a head starts its deadline. */
    void rawBytes() {
        if (current == null && !headStarted && pipelined.isEmpty()) {
            headStarted = true;
            arm(options.headTimeout().toNanos(), true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (current != null || !pipelined.isEmpty()) {
            if (msg instanceof HttpRequest || !pipelined.isEmpty()) {
                pipelined.add(msg);
                pauseForPipeline(true);
                return;
            }
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            begin(request);
        }
        if (msg instanceof HttpContent content) {
            Exchange exchange = current;
            if (exchange == null) {
                content.release();
                return;
            }
            DecoderResult result = content.decoderResult();
            if (result.isFailure()) {
                // A malformed chunk: the codec reads nothing more from this connection, so it closes after
                // the answer, and the handler must not take the bytes before it for the whole body.
                content.release();
                stopRateCheck();
                HttpUtil.setKeepAlive(exchange.request(), false);
                exchange.bodyInput().malformed("malformed request body: " + result.cause().getMessage());
                if (answered) {
                    finish(exchange, false);
                    channel().close();
                }
                return;
            }
            boolean last = content instanceof LastHttpContent;
            long queued = exchange.bodyInput().offer(content.content(), last);
            if (answered) {
                drained += content.content().readableBytes();
                if (drained > options.drainLimit() && !last) {
                    log.debug("Closing {}: more than {} bytes left of a body already answered", channel(),
                            options.drainLimit());
                    channel().close();
                    return;
                }
            } else if (queued > BodyInput.HIGH_WATER || server.budget().spent()) {
                pauseForBody();
                // The handler may have read the queue down before it could see the flag: look again.
                resume();
            }
            if (last) {
                stopRateCheck();
                if (answered) {
                    finish(exchange, true);
                }
            }
        }
    }

    private void begin(HttpRequest request) {
        cancelTimer();
        headStarted = false;
        answered = false;
        drained = 0;
        BodyInput body = new BodyInput(this, server.budget(), HttpUtil.is100ContinueExpected(request));
        Exchange exchange = new Exchange(this, request, body);
        current = exchange;
        server.started();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            int status = cause instanceof TooLongHttpHeaderException ? 431
                    : cause instanceof TooLongHttpLineException ? 414 : 400;
            body.fail(new IOException("undecodable request"));
            HttpUtil.setKeepAlive(request, false); // the codec reads nothing more from this connection
            exchange.sendError(status, ErrorCode.BAD_ARGUMENT, status == 431
                    ? "the request head is over " + options.maxHeaderSize() + " bytes"
                    : status == 414 ? "the request line is over " + options.maxInitialLineLength() + " bytes"
                    : "malformed request: " + cause.getMessage());
            return;
        }
        if (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0) {
            startRateCheck(body);
        }
        Router.Match match = server.router().match(request.method().name(), exchange.path());
        exchange.route(match.pattern());
        Handler handler = match.handler();
        if (handler != null) {
            server.execute(() -> run(exchange, handler));
        } else if (match.pattern() == null) {
            exchange.sendError(404, ErrorCode.FILE_NOT_FOUND, "no such call: " + exchange.path());
        } else if ("OPTIONS".equals(exchange.method())) {
            exchange.responseHeader(HttpHeaderNames.ALLOW, match.allow());
            exchange.send(200, null, new byte[0]);
        } else {
            exchange.responseHeader(HttpHeaderNames.ALLOW, match.allow());
            exchange.sendError(405, ErrorCode.BAD_ARGUMENT, "method " + exchange.method() + " is not supported by "
                    + exchange.path() + " (allowed: " + match.allow() + ")");
        }
    }

    /** Handler thread: runs the credential check and the handler, and turns what they throw into the answer. */
    private void run(Exchange exchange, Handler handler) {
        try {
            Authenticator authenticator = server.authenticator();
            if (authenticator != null) {
                authenticator.authenticate(exchange);
            }
            handler.handle(exchange);
            if (!exchange.committed()) {
                throw new IllegalStateException("the handler of " + exchange.path() + " sent no answer");
            }
        } catch (XfsException e) {
            if (e.errorCode().httpStatus() >= 500) {
                log.warn("{} {}: {}: {}", exchange.method(), exchange.path(), e.errorCode(), e.getMessage());
            }
            if (exchange.committed()) {
                exchange.abort();
            } else {
                exchange.sendError(e);
            }
        } catch (IOException e) {
            // Mostly a client that went away or was cut for being too slow.
            log.debug("{} {}: {}", exchange.method(), exchange.path(), e.toString());
            exchange.abort();
        } catch (Exception | Error e) {
            log.error("{} {} failed", exchange.method(), exchange.path(), e);
            if (exchange.committed()) {
                exchange.abort();
            } else {
                exchange.sendError(500, ErrorCode.INTERNAL, e.toString());
            }
        }
    }

    /**
     * Handler thread or event loop, as the answer's head goes out: whether the connection stays open after it
     * (see the class comment).
     */
    boolean keepAliveAfter(Exchange exchange) {
        if (!HttpUtil.isKeepAlive(exchange.request()) || server.closing()) {
            return false;
        }
        BodyInput body = exchange.bodyInput();
        if (body.ended()) {
            return true;
        }
        if (HttpUtil.is100ContinueExpected(exchange.request()) && !body.started()) {
            return false;
        }
        long declared = exchange.contentLength();
        return declared < 0 || declared - body.received() <= options.drainLimit();
    }

    /** Any thread: the answer's last write completed. */
    void answered(Exchange exchange, boolean keepAlive) {
        ctx().executor().execute(() -> {
            if (!keepAlive) {
                finish(exchange, false);
                channel().close();
                return;
            }
            answered = true;
            BodyInput body = exchange.bodyInput();
            body.discard();
            if (body.ended()) {
                finish(exchange, true);
            } else {
                resume();
            }
        });
    }

    /** Any thread: cut the connection. */
    void abort(Exchange exchange) {
        ctx().executor().execute(() -> {
            finish(exchange, false);
            channel().close();
        });
    }

    /** Event loop: the exchange is over (answered and its body read or dropped); the next request may start. */
    private void finish(Exchange exchange, boolean keepAlive) {
        if (current != exchange) {
            return;
        }
        current = null;
        stopRateCheck();
        server.finished(exchange);
        if (!keepAlive) {
            return;
        }
        arm(options.idleTimeout().toNanos(), false);
        pausedForBody = false;
        // Replay what a pipelining client sent meanwhile: the next request and its body, up to the one after.
        while (!pipelined.isEmpty() && !(current != null && pipelined.peek() instanceof HttpRequest)) {
            dispatch(pipelined.poll());
        }
        pausedForPipeline = !pipelined.isEmpty();
        updateAutoRead();
    }

    // -- backpressure

    /** Handler thread: the handler read the body down to the low-water mark. */
    void bodyDrained() {
        if (pausedForBody) {
            ctx().executor().execute(this::resume);
        }
    }

    /** Handler thread: the handler asked for a body the client holds back until {@code 100 Continue}. */
    void sendContinue() {
        channel().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }

    /** Any thread: the budget has room again. */
    void budgetFreed() {
        ctx().executor().execute(this::resume);
    }

    private void pauseForBody() {
        pausedForBody = true;
        pausedInWindow = true;
        updateAutoRead();
        if (server.budget().spent()) {
            server.budget().await(this);
        }
    }

    private void resume() {
        Exchange exchange = current;
        long queued = exchange == null ? 0 : exchange.bodyInput().queued();
        if (!pausedForBody || (queued >= BodyInput.LOW_WATER && !answered)) {
            return;
        }
        if (server.budget().spent() && !answered) {
            server.budget().await(this);
            return;
        }
        pausedForBody = false;
        updateAutoRead();
    }

    private void pauseForPipeline(boolean pause) {
        if (pausedForPipeline != pause) {
            pausedForPipeline = pause;
            updateAutoRead();
        }
    }

    private void updateAutoRead() {
        boolean read = !pausedForBody && !pausedForPipeline;
        if (channel().config().isAutoRead() != read) {
            channel().config().setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        signalWritable();
        super.channelWritabilityChanged(context);
    }

    private void signalWritable() {
        writable.lock();
        try {
            writableChanged.signalAll();
        } finally {
            writable.unlock();
        }
    }

    /** Handler thread: waits while the socket's send buffer is full; fails once the client stops reading. */
    void awaitWritable() throws IOException {
        Channel channel = channel();
        long deadline = System.nanoTime() + options.idleTimeout().toNanos();
        writable.lock();
        try {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new ClosedChannelException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    channel.close();
                    throw new IOException("the client read nothing for " + options.idleTimeout());
                }
                writableChanged.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } finally {
            writable.unlock();
        }
    }

    // -- deadlines

    private void arm(long nanos, boolean head) {
        cancelTimer();
        timer = ctx().executor().schedule(() -> expire(head), nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(boolean head) {
        timer = null;
        if (current != null) {
            return;
        }
        if (head && headStarted) {
            log.debug("Closing {}: no complete request head within {}", channel(), options.headTimeout());
            byte[] body = Json.write(ErrorBody.of(ErrorCode.BAD_ARGUMENT,
                    "the request head did not arrive within " + options.headTimeout()));
            DefaultFullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
            timeout.headers().set(HttpHeaderNames.CONTENT_TYPE, Exchange.JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel().writeAndFlush(timeout).addListener(f -> channel().close());
            return;
        }
        channel().close();
    }

    private void startRateCheck(BodyInput body) {
        if (options.minBodyRate() <= 0) {
            return;
        }
        receivedAtCheck = 0;
        pausedInWindow = false;
        long window = options.rateWindow().toNanos();
        rateCheck = ctx().executor().scheduleAtFixedRate(() -> checkRate(body), window, window,
                TimeUnit.NANOSECONDS);
    }

    private void checkRate(BodyInput body) {
        Exchange exchange = current;
        if (exchange == null || exchange.bodyInput() != body || body.ended()) {
            stopRateCheck();
            return;
        }
        long received = body.received();
        // In milliseconds: whole seconds made a window under one second expect nothing, so nothing was cut.
        long expected = options.minBodyRate() * options.rateWindow().toMillis() / 1000;
        boolean waitingForContinue = HttpUtil.is100ContinueExpected(exchange.request()) && !body.started();
        if (!pausedInWindow && !pausedForBody && !waitingForContinue && received - receivedAtCheck < expected) {
            log.info("Closing a connection from {}: {} body bytes in {}, under the minimum of {} B/s",
                    channel().remoteAddress(), received - receivedAtCheck, options.rateWindow(),
                    options.minBodyRate());
            body.fail(new IOException("the request body arrived slower than " + options.minBodyRate() + " B/s"));
            channel().close();
            return;
        }
        receivedAtCheck = received;
        pausedInWindow = pausedForBody;
    }

    private void stopRateCheck() {
        if (rateCheck != null) {
            rateCheck.cancel(false);
            rateCheck = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        cancelTimer();
        stopRateCheck();
        Exchange exchange = current;
        if (exchange != null) {
            exchange.bodyInput().fail(new ClosedChannelException());
            if (exchange.committed()) {
                finish(exchange, false);
            } else {
                // The handler still runs; it finds the body and the socket gone and ends.
                current = null;
                server.finished(exchange);
            }
        }
        for (Object msg = pipelined.poll(); msg != null; msg = pipelined.poll()) {
            ReferenceCountUtil.release(msg);
        }
        signalWritable();
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("Connection {} failed: {}", context.channel(), cause.toString());
        context.close();
    }
}
