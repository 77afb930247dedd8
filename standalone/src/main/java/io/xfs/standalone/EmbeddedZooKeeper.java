package io.xfs.standalone;

import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A single ZooKeeper server inside this JVM whose data directory is kept, so that the groups and volumes
 * it records survive a restart of the standalone (the metadata refers to volume ids it hands out). It
 * listens on one address only ({@code --zookeeper-host}, 127.0.0.1 by default) and runs no AdminServer:
 * ZooKeeper is internal to xfs (docs/operations.md, "ZooKeeper").
 */
final class EmbeddedZooKeeper implements AutoCloseable {
    private final TestingServer server;

    private EmbeddedZooKeeper(TestingServer server) {
        this.server = server;
    }

    static EmbeddedZooKeeper start(Path dataDir, String host, int port) throws Exception {
        PrivateFiles.createDirectories(dataDir);
        // ZooKeeper reads this switch from system properties only; its AdminServer (Jetty, port 8080 by
        // default) would answer anyone with the server's configuration and sessions.
        System.setProperty("zookeeper.admin.enableServer", "false");
        // Without clientPortAddress ZooKeeper binds the wildcard address, every interface.
        Map<String, Object> bind = Map.of("clientPortAddress", host);
        InstanceSpec spec = new InstanceSpec(dataDir.toFile(), port, -1, -1, false, 1, 2000, 1000, bind, host);
        return new EmbeddedZooKeeper(new TestingServer(spec, true));
    }

    String connectString() {
        return server.getConnectString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
