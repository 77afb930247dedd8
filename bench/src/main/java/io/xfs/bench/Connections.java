package io.xfs.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** One worker's kept-alive connections, one per server it talks to. Not thread-safe. */
final class Connections implements AutoCloseable {
    private final Map<String, HttpConnection> byAuthority = new HashMap<>();
    private final int timeoutMillis;

    Connections(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    HttpConnection to(URI base) {
        return byAuthority.computeIfAbsent(base.getAuthority(), a -> new HttpConnection(base, timeoutMillis));
    }

    HttpConnection to(String hostPort) {
        return to(URI.create("http://" + hostPort));
    }

    @Override
    public void close() {
        byAuthority.values().forEach(HttpConnection::close);
        byAuthority.clear();
    }
}
