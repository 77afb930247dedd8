package io.xfs.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A single ZooKeeper server inside this JVM whose data directory is kept, so that the groups and volumes
 * it records survive a restart of the standalone (the metadata refers to volume ids it hands out).
 */
final class EmbeddedZooKeeper implements AutoCloseable {
    private final TestingServer server;

    private EmbeddedZooKeeper(TestingServer server) {
        this.server = server;
    }

    static EmbeddedZooKeeper start(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir);
        InstanceSpec spec = new InstanceSpec(dataDir.toFile(), port, -1, -1, false, 1, 2000, 1000);
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
