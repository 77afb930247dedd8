package io.xfs.directory.topology;

import io.xfs.common.zk.ZkPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the directory's view of the cluster: Curator caches on {@code /rack}, {@code /group} and
 * {@code /volume} trigger a rebuild of the {@link Topology} snapshot, and a timer re-reads the three trees
 * directly in case a watch was missed. While ZooKeeper is unreachable nothing changes the snapshot, so reads
 * keep being answered from the last known topology. Thread-safe: rebuilds run on one thread and publish
 * through a volatile field.
 */
public final class TopologyWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopologyWatcher.class);
    private static final List<String> ROOTS = List.of(ZkPaths.RACK, ZkPaths.GROUP, ZkPaths.VOLUME);

    private final CuratorFramework zk;
    private final Duration refreshInterval;
    private final TopologyAssembler assembler = new TopologyAssembler();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final List<CuratorCache> caches = new ArrayList<>();
    private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
    private volatile Topology current = Topology.EMPTY;

    public TopologyWatcher(CuratorFramework zk, Duration refreshInterval) {
        this.zk = zk;
        this.refreshInterval = refreshInterval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topology-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        for (String root : ROOTS) {
            CuratorCache cache = CuratorCache.build(zk, root);
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forAll((type, oldData, data) -> scheduleRebuild())
                    .forInitialized(this::scheduleRebuild)
                    .build());
            caches.add(cache);
        }
        caches.forEach(CuratorCache::start);
        long periodMillis = Math.max(100, refreshInterval.toMillis());
        executor.scheduleWithFixedDelay(this::reread, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The latest snapshot; {@link Topology#EMPTY} until ZooKeeper was read once. */
    public Topology current() {
        return current;
    }

    /** Called on the refresh thread with every new snapshot. */
    public void addListener(Consumer<Topology> listener) {
        listeners.add(listener);
    }

    /** Re-reads ZooKeeper now (asynchronously), as the timer does. */
    public void refresh() {
        executor.execute(this::reread);
    }

    private void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                rebuildPending.set(false);
                rebuildFromCaches();
            });
        }
    }

    private void rebuildFromCaches() {
        try {
            List<List<ZNode>> trees = new ArrayList<>();
            for (CuratorCache cache : caches) {
                trees.add(cache.stream().map(TopologyWatcher::toNode).toList());
            }
            publish(assembler.assemble(trees.get(0), trees.get(1), trees.get(2), System.currentTimeMillis()));
        } catch (RuntimeException e) {
            log.warn("Could not rebuild the topology from the watch caches", e);
        }
    }

    private void reread() {
        if (!zk.getZookeeperClient().isConnected()) {
            return;
        }
        try {
            List<List<ZNode>> trees = new ArrayList<>();
            for (String root : ROOTS) {
                List<ZNode> nodes = new ArrayList<>();
                readTree(root, 3, nodes);
                trees.add(nodes);
            }
            publish(assembler.assemble(trees.get(0), trees.get(1), trees.get(2), System.currentTimeMillis()));
        } catch (Exception e) {
            // Keep the last known topology; the caches or the next timer run will catch up.
            log.debug("Timed topology re-read failed: {}", e.toString());
        }
    }

    private void readTree(String path, int depthLeft, List<ZNode> out) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        List<String> children;
        try {
            data = zk.getData().storingStatIn(stat).forPath(path);
            children = depthLeft > 1 ? zk.getChildren().forPath(path) : List.of();
        } catch (KeeperException.NoNodeException e) {
            return;
        }
        out.add(new ZNode(path, stat.getMzxid(), data));
        for (String child : children) {
            readTree(path + "/" + child, depthLeft - 1, out);
        }
    }

    private void publish(Topology topology) {
        current = topology;
        for (Consumer<Topology> listener : listeners) {
            try {
                listener.accept(topology);
            } catch (RuntimeException e) {
                log.warn("Topology listener failed", e);
            }
        }
    }

    private static ZNode toNode(ChildData d) {
        return new ZNode(d.getPath(), d.getStat() == null ? 0 : d.getStat().getMzxid(), d.getData());
    }

    @Override
    public synchronized void close() {
        executor.shutdownNow();
        caches.forEach(CuratorCache::close);
        caches.clear();
    }
}
