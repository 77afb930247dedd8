package io.xfs.proxy;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.DirectoryApplication;
import io.xfs.proxy.file.FileService;
import io.xfs.common.web.WebServer;
import io.xfs.store.StoreApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import io.xfs.common.json.Json;

/**
 * A whole xfs cluster in this JVM for the proxy's tests: an in-process ZooKeeper, one directory, four
 * stores in two groups of two replicas ({@code s1,s2} and {@code s3,s4}, each on its own rack) and a proxy,
 * all real Spring apps on free ports with their data in one temp directory. Started once per JVM by
 * {@link ProxyClusterExtension} and shared by every test class; tests that break a store restore it.
 * The chunk size is small (256 KiB) so that chunking is exercised with small files.
 */
public final class ProxyCluster implements AutoCloseable {
    public static final int CHUNK_SIZE = 256 * 1024;
    public static final long MAX_FILE_SIZE = 10L * 1024 * 1024;
    public static final String SECRET = "proxy-test-secret";
    /** The admin key of the test cluster's directory (a proxy with auth on signs its lookups with it). */
    public static final String ADMIN_ID = "XFSPROXYTESTADMIN";
    public static final String ADMIN_SECRET = "proxy-test-admin-secret-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final TestingServer zookeeper;
    private final ConfigurableApplicationContext directory;
    private final int directoryPort;
    private final List<StoreNode> stores = new ArrayList<>();
    private final ConfigurableApplicationContext proxy;
    private final @Nullable ClusterCerts certs;
    private final String scheme;
    private final HttpClient http;

    /** One store: its id, rack, port, data directory and running app (null while stopped). */
    public static final class StoreNode {
        final String id;
        final String rack;
        final int port;
        final Path dataDir;
        ConfigurableApplicationContext app;

        StoreNode(String id, String rack, int port, Path dataDir) {
            this.id = id;
            this.rack = rack;
            this.port = port;
            this.dataDir = dataDir;
        }

        /** A bean of the running store (its scrubber, say). */
        public <T> T bean(Class<T> type) {
            return app.getBean(type);
        }

        public String id() {
            return id;
        }

        public String address() {
            return "127.0.0.1:" + port;
        }

        public Path dataDir() {
            return dataDir;
        }
    }

    /** @param proxyProperties put over the test settings of the proxy (port, chunk size, ...) */
    ProxyCluster(Map<String, Object> proxyProperties) throws Exception {
        this(proxyProperties, false);
    }

    /**
     * @param proxyProperties put over the test settings of the proxy (port, chunk size, ...)
     * @param tls             every port over TLS, with certificates from a CA made for this cluster
     *                        ({@link #certs()}); this test's own calls show a certificate of that CA
     */
    public ProxyCluster(Map<String, Object> proxyProperties, boolean tls) throws Exception {
        root = Files.createTempDirectory("xfs-proxy-test");
        certs = tls ? new ClusterCerts(root.resolve("tls")) : null;
        scheme = tls ? "https://" : "http://";
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (certs != null) {
            client.sslContext(certs.clientContext("operator"));
        }
        http = client.build();
        zookeeper = new TestingServer(true);
        directoryPort = freePort();
        directory = DirectoryApplication.builder().properties(withTls("directory", true, map(
                "server.port", directoryPort,
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.data-dir", root.resolve("directory").toString(),
                "xfs.cluster-secret", SECRET,
                "xfs.auth.admin.access-key", ADMIN_ID,
                "xfs.auth.admin.secret-key", ADMIN_SECRET,
                "xfs.replicas", 2,
                "xfs.directory.auto-provision", false,
                "xfs.directory.space-unit", "1MB",
                "xfs.directory.refresh-interval", "1s",
                "xfs.directory.reaper.interval", "200ms",
                "xfs.directory.reaper.min-backoff", "200ms",
                "xfs.directory.reaper.max-backoff", "1s"))).run();
        for (int i = 1; i <= 4; i++) {
            StoreNode node = new StoreNode("s" + i, "r" + i, freePort(), root.resolve("store" + i));
            stores.add(node);
            startStore(node);
        }
        awaitStoresRegistered(4);
        int gid1 = createGroup("s1", "s2");
        int gid2 = createGroup("s3", "s4");
        addVolumes(gid1, 2);
        addVolumes(gid2, 2);
        awaitWritableGroups(2);
        Map<String, Object> properties = withTls("proxy", false, map(
                "server.port", 0,
                "xfs.directory.url", directoryUri().toString(),
                "xfs.cluster-secret", SECRET,
                "xfs.chunk-size", CHUNK_SIZE + "B",
                "xfs.max-file-size", MAX_FILE_SIZE + "B",
                "xfs.proxy.store-timeout", "5s",
                // Short, so that a test where every group is broken gets its 503 soon.
                "xfs.proxy.write-retry-budget", "2s",
                // The shared proxy serves the tests of files, chunks and faults, which send unsigned requests:
                // switched off explicitly here; RequestGuardTest runs a proxy with the default (on).
                "xfs.auth.enabled", false));
        properties.putAll(proxyProperties);
        proxy = ProxyApplication.builder().properties(properties).run();
    }

    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Adds a service's TLS settings to {@code properties} when the cluster runs over TLS. */
    private Map<String, Object> withTls(String service, boolean internal, Map<String, Object> properties) {
        if (certs != null) {
            properties.putAll(certs.properties(service, internal));
        }
        return properties;
    }

    /** The PEM files of a cluster over TLS; null for plain HTTP. */
    public @Nullable ClusterCerts certs() {
        return certs;
    }

    private void startStore(StoreNode node) {
        node.app = StoreApplication.builder().properties(withTls(node.id, true, map(
                "server.port", node.port,
                "xfs.management.port", 0,
                "xfs.zookeeper.connect", zookeeper.getConnectString(),
                "xfs.zookeeper.session-timeout", "2s",
                "xfs.data-dir", node.dataDir.toString(),
                "xfs.store.id", node.id,
                "xfs.store.rack", node.rack,
                "xfs.store.advertised-host", "127.0.0.1",
                "xfs.store.refresh-interval", "1s",
                // Scrub passes every 2 s, so that a test sees the scrubber find and repair a damaged needle.
                "xfs.store.scrub.pause", "2s",
                "xfs.store.scrub.bytes-per-second", "16MB",
                "xfs.cluster-secret", SECRET))).run();
    }

    public URI proxyUri() {
        return URI.create(scheme + "127.0.0.1:" + port(proxy));
    }

    public URI directoryUri() {
        return URI.create(scheme + "127.0.0.1:" + directoryPort);
    }

    /** The proxy's facade, as the token API uses it. */
    public FileService files() {
        return proxy.getBean(FileService.class);
    }

    public List<StoreNode> stores() {
        return List.copyOf(stores);
    }

    public StoreNode store(String id) {
        return stores.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }

    public HttpClient http() {
        return http;
    }

    /** Closes a store's API port while it stays registered in ZooKeeper: the directory still places writes there. */
    public void pauseStore(String id) {
        store(id).app.getBean(WebServer.class).close();
    }

    /** Opens a paused store's port again; a running or stopped store is left as it is. */
    public void resumeStore(String id) {
        StoreNode node = store(id);
        if (node.app != null && node.app.getBean(WebServer.class).port() < 0) {
            try {
                node.app.getBean(WebServer.class).start(null, node.port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops a store completely: it leaves ZooKeeper, and the directory stops naming it. */
    public void stopStore(String id) {
        StoreNode node = store(id);
        node.app.close();
        node.app = null;
        await(id + " gone from the topology", () -> !registered(id));
    }

    /** Starts a stopped store again on its port and data, and waits until both groups take writes. */
    public void startStore(String id) {
        StoreNode node = store(id);
        if (node.app == null) {
            startStore(node);
        }
        awaitStoresRegistered(4);
        awaitWritableGroups(2);
    }

    private boolean registered(String id) {
        for (JsonNode store : topology().path("stores")) {
            if (store.path("id").asString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The running applications: directory, proxy and every store that is up. */
    public List<ConfigurableApplicationContext> applications() {
        List<ConfigurableApplicationContext> apps = new ArrayList<>(List.of(directory, proxy));
        for (StoreNode store : stores) {
            if (store.app != null) {
                apps.add(store.app);
            }
        }
        return apps;
    }

    public static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private int createGroup(String... storeIds) {
        JsonNode answer = directoryPost("/admin/group?stores=" + String.join(",", storeIds));
        return answer.path("gid").asInt();
    }

    private void addVolumes(int gid, int count) {
        directoryPost("/admin/volume?gid=" + gid + "&count=" + count);
    }

    /** The directory's {@code /topology}. */
    public JsonNode topology() {
        return directoryGet("/topology");
    }

    private void awaitStoresRegistered(int count) {
        await("stores registered", () -> topology().path("stores").size() >= count);
    }

    private void awaitWritableGroups(int count) {
        await("writable groups", () -> topology().path("writable").size() >= count);
    }

    public static void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, WAIT, condition, () -> "");
    }

    /** Waits up to {@code wait} for {@code condition}; a timeout's message ends with {@code detail}. */
    public static void await(String what, Duration wait, java.util.function.BooleanSupplier condition,
                             java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not ready yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + detail.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private JsonNode directoryGet(String pathAndQuery) {
        return call(HttpRequest.newBuilder(directoryUri().resolve(pathAndQuery))
                .header(InternalSigner.HEADER, signer(InternalRole.OPERATOR).sign("GET", pathAndQuery)).GET().build());
    }

    private JsonNode directoryPost(String pathAndQuery) {
        return call(HttpRequest.newBuilder(directoryUri().resolve(pathAndQuery))
                .header(InternalSigner.HEADER, signer(InternalRole.OPERATOR).sign("POST", pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Signs internal calls of the test cluster as {@code role} ({@link #SECRET}). */
    public static InternalSigner signer(InternalRole role) {
        return new InternalSigner(ClusterSecret.of(SECRET), role, "test-" + role.wireName());
    }

    /** A store client signing as an operator. */
    public static StoreClient storeClient() {
        return StoreClient.create(signer(InternalRole.OPERATOR));
    }

    private JsonNode call(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            return Json.read(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        for (StoreNode node : stores) {
            if (node.app != null) {
                node.app.close();
            }
        }
        directory.close();
        zookeeper.close();
        FileSystemUtils.deleteRecursively(root);
    }
}
