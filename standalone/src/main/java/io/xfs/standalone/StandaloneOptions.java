package io.xfs.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standalone's command line. Its own flags choose ports, the number of stores and the data
 * directory; every {@code --xfs.*} argument is handed unchanged to every service it runs, except
 * {@code --xfs.data-dir}: each service gets a folder of its own under the data directory.
 */
record StandaloneOptions(
        boolean zookeeperOnly,
        int stores,
        int replicas,
        Path dataDir,
        String host,
        String zookeeperHost,
        int zookeeperPort,
        int directoryPort,
        int storePort,
        int proxyPort,
        int stsPort,
        List<String> passThrough) {

    static final String USAGE = """
            usage: java -jar xfs-standalone.jar [zookeeper] [options] [--xfs.<property>=<value> ...]
              --stores=N          stores to run (default 1); store i listens on store-port + 10*i
                                  (its management port, admin calls and actuator, on the next port)
              --replicas=R        replicas per group (default: as many as stores, at most 3)
              --data-dir=DIR      where everything is kept, one folder per service (default
                                  $XFS_DATA_DIR, else ./data)
              --host=HOST         address to bind and advertise (default 127.0.0.1)
              --zookeeper-host=H  address the embedded ZooKeeper binds (default 127.0.0.1)
              --zookeeper-port=P  embedded ZooKeeper (default 2181)
              --directory-port=P  directory (default 6065)
              --store-port=P      first store (default 6062)
              --proxy-port=P      proxy (default 2232)
              --sts-port=P        sts (default 6070)
              zookeeper           run only the embedded ZooKeeper (for scripts/cluster.sh)
            Any --xfs.* argument reaches every service, e.g. --xfs.max-file-size=1048576.
            """;
    private static final String DATA_DIR_PROPERTY = "--xfs.data-dir=";

    /** The data directory: {@code --data-dir}, else {@code --xfs.data-dir}, else {@code XFS_DATA_DIR}, else ./data. */
    static StandaloneOptions parse(String[] args, Map<String, String> env) {
        boolean zookeeperOnly = false;
        int stores = 1;
        Integer replicas = null;
        Path dataDir = null;
        Path xfsDataDir = null;
        String host = "127.0.0.1";
        // ZooKeeper stays on loopback even when --host serves the APIs elsewhere: only this JVM needs it.
        String zkHost = "127.0.0.1";
        int zk = 2181;
        int directory = 6065;
        int store = 6062;
        int proxy = 2232;
        int sts = 6070;
        List<String> passThrough = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("zookeeper")) {
                zookeeperOnly = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (arg.startsWith(DATA_DIR_PROPERTY)) {
                // A root, never one folder for all: services sharing one would share .dat files (docs/operations.md).
                xfsDataDir = Path.of(arg.substring(DATA_DIR_PROPERTY.length()));
                continue;
            }
            if (arg.startsWith("--xfs.") && arg.contains("=")) {
                passThrough.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg + " (options are --name=value)");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "stores" -> stores = atLeast(name, value, 1);
                case "replicas" -> replicas = atLeast(name, value, 1);
                case "data-dir" -> dataDir = Path.of(value);
                case "host" -> host = value;
                case "zookeeper-host" -> zkHost = value;
                case "zookeeper-port" -> zk = port(name, value);
                case "directory-port" -> directory = port(name, value);
                case "store-port" -> store = port(name, value);
                case "proxy-port" -> proxy = port(name, value);
                case "sts-port" -> sts = port(name, value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        int effectiveReplicas = replicas != null ? replicas : Math.min(stores, 3);
        if (effectiveReplicas > stores) {
            throw new IllegalArgumentException("--replicas=" + effectiveReplicas + " needs at least as many --stores");
        }
        if (dataDir == null) {
            String fromEnv = env.get("XFS_DATA_DIR");
            dataDir = xfsDataDir != null ? xfsDataDir
                    : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("data");
        }
        return new StandaloneOptions(zookeeperOnly, stores, effectiveReplicas, dataDir.toAbsolutePath().normalize(),
                host, zkHost, zk, directory, store, proxy, sts, List.copyOf(passThrough));
    }

    /** The folder of one service, e.g. {@code <data-dir>/store-0}. */
    Path serviceDir(String service) {
        return dataDir.resolve(service);
    }

    int storePort(int index) {
        return storePort + 10 * index;
    }

    String zookeeperConnect() {
        return zookeeperHost + ":" + zookeeperPort;
    }

    private static int atLeast(String name, String value, int min) {
        int n = Integer.parseInt(value);
        if (n < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min);
        }
        return n;
    }

    private static int port(String name, String value) {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("--" + name + " is not a port: " + value);
        }
        return p;
    }
}
