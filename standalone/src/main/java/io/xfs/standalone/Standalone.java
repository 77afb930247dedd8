package io.xfs.standalone;

import io.xfs.common.datadir.DataDirLock;
import io.xfs.common.fs.PrivateFiles;
import io.xfs.directory.DirectoryApplication;
import io.xfs.proxy.ProxyApplication;
import io.xfs.store.StoreApplication;
import io.xfs.sts.StsApplication;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole xfs cluster in one JVM: an embedded ZooKeeper, the directory (embedded RocksDB), N stores,
 * the proxy and one sts, each a separate Spring application context on its own port with its own data
 * directory {@code <data-dir>/<service>} (whatever {@code XFS_DATA_DIR} or {@code --xfs.data-dir} say: services
 * sharing one would share their files). The standalone locks {@code <data-dir>} itself, each service its folder. It prints one line per service URL once everything is up and a
 * group is provisioned, and stops every service in reverse order on Ctrl-C.
 */
public final class Standalone implements AutoCloseable {
    private final StandaloneOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private @org.jspecify.annotations.Nullable AdminCredentials admin;

    Standalone(StandaloneOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (KeysCommand.handles(args)) {
            System.exit(KeysCommand.run(args, System.getenv(), System.out, System.err));
            return;
        }
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("xfs-standalone: " + e.getMessage());
            }
            System.err.print(StandaloneOptions.USAGE);
            System.exit(2);
            return;
        }
        Standalone standalone = new Standalone(options);
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::closeQuietly, "xfs-standalone-stop"));
        try {
            standalone.start();
        } catch (Exception e) {
            System.err.println("xfs-standalone: failed to start: " + e);
            standalone.closeQuietly();
            System.exit(1);
        }
        standalone.printUrls(System.out);
        // Service threads keep the JVM alive; the embedded ZooKeeper alone might not, so wait for Ctrl-C.
        Thread.currentThread().join();
    }

    void start() throws Exception {
        // Everything below is the standalone user's only (docs/operations.md, "File modes").
        PrivateFiles.createDirectories(options.dataDir());
        running.push(DataDirLock.acquire(options.dataDir(), "standalone"));
        EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(options.dataDir().resolve("zookeeper"),
                options.zookeeperHost(), options.zookeeperPort());
        running.push(zookeeper);
        urls.put("zookeeper", options.zookeeperConnect());
        if (options.zookeeperOnly()) {
            return;
        }
        String host = options.host();
        String zk = options.zookeeperConnect();
        admin = AdminCredentials.load(options.dataDir(), System.getenv());

        start("directory", DirectoryApplication.builder(), options.directoryPort(), Map.of(
                "xfs.zookeeper.connect", zk,
                "xfs.replicas", options.replicas(),
                "xfs.directory.auto-provision", true,
                // In-process properties, so the admin secret is on no command line.
                "xfs.auth.admin.access-key", admin.accessKeyId(),
                "xfs.auth.admin.secret-key", admin.secretAccessKey(),
                // Small disks in a standalone: score free space in GiB, not 32 GiB units (SPEC §4).
                "xfs.directory.space-unit", "1GB"));
        for (int i = 0; i < options.stores(); i++) {
            start("store-" + i, StoreApplication.builder(), options.storePort(i), Map.of(
                    "xfs.zookeeper.connect", zk,
                    "xfs.store.id", "store-" + i,
                    "xfs.store.rack", "rack-" + i));
        }
        String directoryUrl = "http://" + host + ":" + options.directoryPort();
        start("proxy", ProxyApplication.builder(), options.proxyPort(), Map.of(
                "xfs.directory.url", directoryUrl,
                "xfs.auth.admin.access-key", admin.accessKeyId(),
                "xfs.auth.admin.secret-key", admin.secretAccessKey()));
        start("sts", StsApplication.builder(), options.stsPort(), Map.of(
                "xfs.zookeeper.connect", zk));
        ReadinessProbe.awaitWritable(directoryUrl, options.stores());
    }

    private void start(String name, SpringApplicationBuilder builder, int port, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", port);
        all.put("server.address", options.host());
        all.put("spring.main.banner-mode", "off");
        // One logging system serves every context of this JVM: a per-service name would be wrong for all but one.
        all.put("logging.include-application-name", false);
        List<String> args = new ArrayList<>(options.passThrough());
        // A command-line argument, so that no XFS_DATA_DIR in the environment can point services at one folder.
        args.add("--xfs.data-dir=" + options.serviceDir(name));
        ConfigurableApplicationContext context = builder
                .properties(all)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        running.push(context);
        int actualPort = ReadinessProbe.localPort(context, port);
        urls.put(name, "http://" + options.host() + ":" + actualPort);
        Integer management = context.getEnvironment().getProperty("local.management.port", Integer.class);
        if (management != null) {
            urls.put(name + "-admin", "http://" + options.host() + ":" + management);
        }
    }

    void printUrls(PrintStream out) {
        urls.forEach((name, url) -> out.println(name + " " + url));
        if (admin != null) {
            admin.printAccess(out, urls.getOrDefault("proxy", ""));
        }
        out.println("xfs standalone ready; data in " + options.dataDir() + " (a folder per service); Ctrl-C stops it");
        out.flush();
    }

    Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("xfs-standalone: error while stopping: " + e);
        }
    }

    /** Stops services in reverse start order: the proxy first, ZooKeeper last. */
    @Override
    public synchronized void close() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }
}
