package io.xfs.sts.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin on loopback (the JDK's server) whose routes a test sets up, counting the requests each
 * path received.
 */
public final class TestOrigin implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private record Route(int status, byte[] body, Duration delay, Map<String, String> headers, boolean chunked) {
    }

    private TestOrigin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestOrigin start() throws IOException {
        return new TestOrigin();
    }

    /** Serves {@code body} at {@code path} after {@code delay}, with a Content-Length. */
    public TestOrigin serve(String path, byte[] body, Duration delay) {
        routes.put(path, new Route(200, body, delay, Map.of(), false));
        return this;
    }

    /** Serves {@code body} at {@code path} with chunked transfer encoding. */
    public TestOrigin serveChunked(String path, byte[] body) {
        routes.put(path, new Route(200, body, Duration.ZERO, Map.of(), true));
        return this;
    }

    public TestOrigin fail(String path, int status) {
        routes.put(path, new Route(status, ("origin error " + status).getBytes(), Duration.ZERO, Map.of(), false));
        return this;
    }

    public TestOrigin redirect(String path, String location) {
        routes.put(path, new Route(302, new byte[0], Duration.ZERO, Map.of("Location", location), false));
        return this;
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Route route = routes.get(path);
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!route.delay().isZero()) {
                try {
                    Thread.sleep(route.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            route.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            long length = route.chunked() ? 0 : route.body().length == 0 ? -1 : route.body().length;
            exchange.sendResponseHeaders(route.status(), length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(route.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
