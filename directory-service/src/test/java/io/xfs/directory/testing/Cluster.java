package io.xfs.directory.testing;

import io.xfs.directory.DirectoryApplication;
import io.xfs.store.StoreApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real cluster in this JVM for tests: an in-process ZooKeeper, store-service and directory-service
 * applications on random ports with their data in a temporary directory, and a 2 s ZooKeeper session.
 */
public final class Cluster implements AutoCloseable {
    private final TestingServer zookeeper;
    private final Path root;
    private final Map<String, ConfigurableApplicationContext> stores = new LinkedHashMap<>();
    private final Map<String, Integer> storePorts = new HashMap<>();
    private final Map<String, TcpProxy> storeLinks = new HashMap<>();
    private final Map<String, ConfigurableApplicationContext> directories = new LinkedHashMap<>();

    public Cluster(Path root) {
        this.root = root;
        try {
            this.zookeeper = new TestingServer();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper", e);
        }
    }

    public TestingServer zookeeper() {
        return zookeeper;
    }

    public String connect() {
        return zookeeper.getConnectString();
    }

    /** Starts store {@code id} on {@code rack}; a store started again keeps its port and data. */
    public int startStore(String id, String rack, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", storePorts.getOrDefault(id, 0));
        props.put("xfs.management.port", 0);
        props.put("xfs.store.id", id);
        props.put("xfs.store.rack", rack);
        props.put("xfs.data-dir", dir("store-" + id).toString());
        TcpProxy link = storeLinks.computeIfAbsent(id, k -> new TcpProxy(zookeeper.getPort()));
        props.put("xfs.zookeeper.connect", link.address());
        props.put("xfs.zookeeper.session-timeout", "2s");
        props.put("xfs.zookeeper.connection-timeout", "1s");
        props.put("xfs.store.advertised-host", "127.0.0.1");
        props.put("xfs.store.refresh-interval", "300ms");
        props.put("xfs.store.durability", "none");
        props.put("xfs.store.max-needle-size", "1MB");
        props.put("xfs.store.max-batch-size", "4MB");
        props.put("xfs.store.volume-max-size", "64MB");
        props.putAll(extra);
        ConfigurableApplicationContext ctx = StoreApplication.builder().properties(props).run();
        int port = ctx.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        stores.put(id, ctx);
        storePorts.put(id, port);
        return port;
    }

    public int startStore(String id, String rack) {
        return startStore(id, rack, Map.of());
    }

    /** Stops store {@code id} as a crash would look from ZooKeeper (its session ends, its node goes). */
    public void stopStore(String id) {
        ConfigurableApplicationContext ctx = stores.remove(id);
        if (ctx != null) {
            ctx.close();
        }
    }

    /** Cuts store {@code id} off ZooKeeper as a crash would: its session expires after the timeout. */
    public void cutStore(String id) {
        storeLinks.get(id).cut();
    }

    /** Lets store {@code id} reach ZooKeeper again; it registers anew. */
    public void restoreStore(String id) {
        storeLinks.get(id).restore();
    }

    public String storeApi(String id) {
        return "127.0.0.1:" + storePorts.get(id);
    }

    /** {@code host:port} of store {@code id}'s management port (admin calls); the store must be running. */
    public String storeAdmin(String id) {
        return "127.0.0.1:" + stores.get(id).getEnvironment().getRequiredProperty("local.management.port");
    }

    /** Starts a directory with its own data directory; returns its port. */
    public int startDirectory(String name, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("xfs.data-dir", dir("directory-" + name).toString());
        props.put("xfs.zookeeper.connect", connect());
        props.put("xfs.zookeeper.session-timeout", "2s");
        props.put("xfs.zookeeper.connection-timeout", "1s");
        props.put("xfs.directory.zookeeper-wait", "2s");
        props.put("xfs.directory.refresh-interval", "1s");
        props.put("xfs.directory.space-unit", "1MB");
        props.put("xfs.directory.reaper.interval", "200ms");
        props.put("xfs.directory.reaper.min-backoff", "100ms");
        props.put("xfs.directory.reaper.max-backoff", "500ms");
        props.put("xfs.directory.provision.interval", "300ms");
        props.put("xfs.directory.provision.settle", "500ms");
        props.put("xfs.directory.replication.grace", "1s");
        props.put("xfs.directory.replication.interval", "200ms");
        props.putAll(extra);
        ConfigurableApplicationContext ctx = DirectoryApplication.builder().properties(props).run();
        directories.put(name, ctx);
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    /** Stops the directory started as {@code name} (its ZooKeeper session and leadership end with it). */
    public void stopDirectory(String name) {
        ConfigurableApplicationContext ctx = directories.remove(name);
        if (ctx != null) {
            ctx.close();
        }
    }

    private Path dir(String name) {
        Path d = root.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    @Override
    public void close() {
        directories.values().forEach(ConfigurableApplicationContext::close);
        stores.values().forEach(ConfigurableApplicationContext::close);
        storeLinks.values().forEach(TcpProxy::close);
        try {
            zookeeper.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
