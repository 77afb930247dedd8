package io.xfs.store.registry;

import io.xfs.common.json.Json;
import io.xfs.common.zk.ZkPaths;
import io.xfs.store.node.StoreNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the store's ephemeral node {@code /rack/<rack>/<storeId>} (SPEC §4) with its
 * {@code StoreRegistration} JSON, rewritten every refresh interval. Curator's {@link PersistentNode} creates
 * the node again after a session expiry (with the last data), and waits out an older node of a previous
 * session of this store.
 *
 * <p>Lifecycle: starts after the web server (its address is then known) and stops first, before Spring's
 * graceful shutdown waits for requests in flight, so that the directory stops sending work to a store that
 * is leaving. Thread-safe: one scheduler thread refreshes.
 */
final class StoreRegistrar implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StoreRegistrar.class);

    private final CuratorFramework curator;
    private final StoreNode node;
    private final Duration refreshInterval;
    private final String path;
    private @Nullable PersistentNode zkNode;
    private @Nullable ScheduledExecutorService refresher;

    StoreRegistrar(CuratorFramework curator, StoreNode node, Duration refreshInterval) {
        this.curator = curator;
        this.node = node;
        this.refreshInterval = refreshInterval;
        this.path = ZkPaths.rackStore(node.identity().rack(), node.identity().id());
    }

    @Override
    public synchronized void start() {
        curator.getConnectionStateListenable().addListener(this::connectionChanged);
        PersistentNode created = new PersistentNode(curator, CreateMode.EPHEMERAL, false, path,
                Json.write(node.snapshot()));
        created.start();
        zkNode = created;
        node.publishWith(this::refresh);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("zk-registrar").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::refresh, refreshInterval.toMillis(), refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        refresher = scheduler;
        log.info("Registering store at {} in ZooKeeper", path);
    }

    /** Rewrites the node with fresh stats; before the first create it waits for the next round. */
    void refresh() {
        PersistentNode current = zkNode;
        if (current == null) {
            return;
        }
        try {
            if (current.getActualPath() == null) {
                log.debug("{} not created yet (ZooKeeper unreachable?); the next refresh tries again", path);
                return;
            }
            current.setData(Json.write(node.snapshot()));
        } catch (Exception e) {
            log.warn("Cannot refresh {}: {}", path, e.toString());
        }
    }

    private void connectionChanged(CuratorFramework client, ConnectionState state) {
        switch (state) {
            case LOST -> log.warn("ZooKeeper session lost: {} is gone until the store registers again", path);
            case RECONNECTED -> log.info("ZooKeeper reconnected; {} is kept or registered again", path);
            case SUSPENDED -> log.warn("ZooKeeper connection suspended");
            default -> log.debug("ZooKeeper connection {}", state);
        }
    }

    /** Drops the status bits, then deletes the node: the directory stops sending work here. */
    @Override
    public synchronized void stop() {
        node.markShuttingDown();
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        if (zkNode != null) {
            try {
                zkNode.close();
                log.info("Deregistered {} from ZooKeeper", path);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot delete {} (it vanishes with the session): {}", path, e.toString());
            }
            zkNode = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return zkNode != null;
    }

    /** Last to start (after the web server), first to stop (before graceful shutdown drains requests). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /**
     * True while this store is connected to ZooKeeper and its node is there, so the directory can see it.
     * One existence check on the server when connected; false at once otherwise.
     */
    boolean registered() {
        PersistentNode current;
        synchronized (this) {
            current = zkNode;
        }
        if (current == null || current.getActualPath() == null || !curator.getZookeeperClient().isConnected()) {
            return false;
        }
        try {
            return curator.checkExists().forPath(path) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The node's path, for logs and tests. */
    String path() {
        return path;
    }
}
