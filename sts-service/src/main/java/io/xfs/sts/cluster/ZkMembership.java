package io.xfs.sts.cluster;

import io.xfs.common.json.Json;
import io.xfs.common.zk.ZkPaths;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership of the sts cluster: an ephemeral node {@code /sts/<host:port>} holding its
 * {@link StsMember} JSON (re-created by Curator after a session loss), and a cache of {@code /sts} that feeds
 * every change to the {@link Router}. {@link #close} leaves the cluster. Thread-safe.
 */
public final class ZkMembership implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(ZkMembership.class);

    private final PersistentNode registration;
    private final CuratorCache cache;
    private final Router router;

    private ZkMembership(CuratorFramework client, StsMember self, Router router) {
        this.router = router;
        this.registration = new PersistentNode(client, CreateMode.EPHEMERAL, false, ZkPaths.sts(self.address()),
                Json.write(self));
        this.cache = CuratorCache.build(client, ZkPaths.STS);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> refresh())
                .forInitialized(this::refresh)
                .build());
    }

    /** Registers {@code self} and starts following the membership. */
    public static ZkMembership join(CuratorFramework client, StsMember self, Router router) {
        ZkMembership membership = new ZkMembership(client, self, router);
        membership.registration.start();
        membership.cache.start();
        log.info("sts {} joins the cluster under {} with weight {}", self.address(), ZkPaths.STS, self.weight());
        return membership;
    }

    private void refresh() {
        List<StsMember> members = new ArrayList<>();
        cache.stream()
                .filter(node -> isMemberPath(node.getPath()))
                .forEach(node -> parse(node).ifPresent(members::add));
        router.update(members);
        log.debug("sts membership: {}", members);
    }

    private static boolean isMemberPath(String path) {
        return path.startsWith(ZkPaths.STS + "/") && path.indexOf('/', ZkPaths.STS.length() + 1) < 0;
    }

    private static Optional<StsMember> parse(ChildData node) {
        try {
            return Optional.of(Json.read(node.getData(), StsMember.class));
        } catch (RuntimeException e) {
            log.warn("ignoring sts member node {} with unreadable data: {}", node.getPath(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        cache.close();
        registration.close();
    }
}
