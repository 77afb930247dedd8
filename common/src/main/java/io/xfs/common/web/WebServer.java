package io.xfs.common.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.xfs.common.tls.Tls;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server on Netty (epoll where available) serving a {@link Router}: the API port of an xfs
 * service. Event loops decode and move bytes; every routed request runs on a virtual thread of its own.
 * Each request is timed ({@code xfs.http.requests}, tagged with the route, method, status and outcome) and
 * logged to {@code io.xfs.web.access} at INFO (off by default in the services). With a {@link Tls}, every
 * connection is TLS (HTTPS), from the same certificates as the service's other ports; a client that speaks
 * plain HTTP to it is disconnected. {@link #close()} stops accepting, waits up to
 * {@link WebOptions#shutdownGrace()} for requests in flight, then closes.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final Logger access = LoggerFactory.getLogger("io.xfs.web.access");

    private final String name;
    private final Router router;
    private final WebOptions options;
    private final @Nullable Authenticator authenticator;
    private final @Nullable MeterRegistry meters;
    private final @Nullable Tls tls;
    private final BodyBudget budget;
    private final AddressLimiter limiter;
    private volatile @Nullable ExecutorService handlers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private @Nullable EventLoopGroup group;
    private @Nullable Channel listener;
    private volatile boolean closing;

    /**
     * @param name          names the threads and the log lines ({@code "store"})
     * @param authenticator run before every routed handler; null: none
     * @param meters        where the per-route timers go; null: none
     */
    public WebServer(String name, Router router, WebOptions options, @Nullable Authenticator authenticator,
                     @Nullable MeterRegistry meters) {
        this(name, router, options, authenticator, meters, null);
    }

    /**
     * @param tls serves HTTPS with it; null: plain HTTP (docs/operations.md, "TLS")
     */
    public WebServer(String name, Router router, WebOptions options, @Nullable Authenticator authenticator,
                     @Nullable MeterRegistry meters, @Nullable Tls tls) {
        this.name = name;
        this.tls = tls;
        this.router = router;
        this.options = options;
        this.authenticator = authenticator;
        this.meters = meters;
        this.budget = new BodyBudget(options.inFlightBodyBudget());
        this.limiter = new AddressLimiter(options.maxConnectionsPerAddress() == 0 ? Integer.MAX_VALUE
                : options.maxConnectionsPerAddress());
    }

    /** Listens on {@code host:port} (host null: every address; port 0: any free port); answers the address. */
    public synchronized InetSocketAddress start(@Nullable String host, int port) throws InterruptedException {
        if (listener != null) {
            throw new IllegalStateException(name + " listens already");
        }
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(options.ioThreads(),
                Thread.ofPlatform().name(name + "-io-", 0).daemon().factory(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setMaxChunkSize(64 * 1024);
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        Connection connection = new Connection(WebServer.this, options);
                        channel.pipeline().addLast("limit", limiter);
                        if (tls != null) {
                            // A handshake that stalls is cut by the head timeout, counted from the opening.
                            SslHandler ssl = new SslHandler(tls.serverEngine());
                            ssl.setHandshakeTimeout(options.headTimeout().toMillis(), TimeUnit.MILLISECONDS);
                            channel.pipeline().addLast("tls", ssl);
                        }
                        channel.pipeline()
                                .addLast("bytes", new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        connection.rawBytes();
                                        ctx.fireChannelRead(msg);
                                    }
                                })
                                .addLast("codec", new HttpServerCodec(decoder))
                                .addLast("xfs", connection);
                    }
                });
        InetSocketAddress address = host == null || host.isBlank() ? new InetSocketAddress(port)
                : new InetSocketAddress(host, port);
        try {
            listener = bootstrap.bind(address).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        group = loops;
        handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-http-", 0).factory());
        closing = false;
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        log.info("{} serves {} on {} (Netty, {})", name, tls == null ? "HTTP" : "HTTPS", bound,
                epoll ? "epoll" : "nio");
        return bound;
    }

    /** True when this server speaks HTTPS. */
    public boolean secure() {
        return tls != null;
    }

    /** The port listened on, or -1 when not started. */
    public synchronized int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        Channel open;
        EventLoopGroup loops;
        ExecutorService running;
        synchronized (this) {
            open = listener;
            loops = group;
            running = handlers;
            listener = null;
            group = null;
        }
        if (open == null || loops == null || running == null) {
            return;
        }
        closing = true;
        open.close().awaitUninterruptibly();
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("{}: closing with {} requests in flight after {}", name, inFlight.get(), options.shutdownGrace());
        }
        channels.close().awaitUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        running.shutdown();
    }

    // -- for the connections

    Router router() {
        return router;
    }

    BodyBudget budget() {
        return budget;
    }

    @Nullable Authenticator authenticator() {
        return authenticator;
    }

    boolean closing() {
        return closing;
    }

    void execute(Runnable task) {
        ExecutorService running = handlers;
        if (running == null) {
            throw new IllegalStateException(name + " is closed");
        }
        running.execute(task);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** An exchange is over: answered (or cut), its body read or dropped. */
    void finished(Exchange exchange) {
        inFlight.decrementAndGet();
        long nanos = System.nanoTime() - exchange.startNanos();
        int status = exchange.status();
        String route = exchange.route() == null ? "UNKNOWN" : exchange.route();
        if (meters != null) {
            String outcome = status == 0 ? "ABORTED" : status < 400 ? "SUCCESS" : status < 500 ? "CLIENT_ERROR"
                    : "SERVER_ERROR";
            String key = route + ' ' + exchange.method() + ' ' + status;
            timers.computeIfAbsent(key, k -> Timer.builder("xfs.http.requests")
                    .description("HTTP requests on the API port, by route")
                    .tag("route", route).tag("method", exchange.method())
                    .tag("status", Integer.toString(status)).tag("outcome", outcome)
                    .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
        }
        if (access.isInfoEnabled()) {
            String query = exchange.rawQuery();
            access.info("{} \"{} {}{}\" {} {} {}ms", exchange.remoteAddress(), exchange.method(), exchange.path(),
                    query == null ? "" : "?" + query, status, exchange.bytesSent(),
                    Duration.ofNanos(nanos).toMillis());
        }
    }

    /** Requests taken and not yet over (answered, their body read or dropped). */
    public int requestsInFlight() {
        return inFlight.get();
    }

    /** Request body bytes received and not yet consumed, over all connections (for tests and metrics). */
    public long bodyBytesInFlight() {
        return budget.inFlight();
    }
}
