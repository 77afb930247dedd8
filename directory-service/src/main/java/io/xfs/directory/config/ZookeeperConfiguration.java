package io.xfs.directory.config;

import io.xfs.common.zk.ZkAccess;
import io.xfs.common.zk.ZkPaths;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ZooKeeper client and the leader latch. Startup does not wait for ZooKeeper: the directory serves
 * reads from its metadata at once and placements as soon as a connection brings a key worker id.
 */
@Configuration(proxyBeanMethods = false)
class ZookeeperConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperConfiguration.class);

    @Bean
    ZkAccess zkAccess(ClusterProperties cluster) {
        return ZkAccess.forSecret(cluster.secret());
    }

    @Bean(destroyMethod = "close")
    CuratorFramework curator(ZookeeperProperties zookeeper, ZkAccess access) {
        // Locks the topology znodes to holders of the cluster secret (docs/operations.md, "ZooKeeper").
        CuratorFramework zk = access.builder("directory")
                .connectString(zookeeper.connect())
                .sessionTimeoutMs((int) zookeeper.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) zookeeper.connectionTimeout().toMillis())
                // Few, short retries: a request must fail fast (503) rather than hang while ZooKeeper is away.
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .build();
        zk.start();
        return zk;
    }

    /** Provisioning and the reaper run only in the directory holding this latch. */
    @Bean(destroyMethod = "close")
    LeaderLatch leaderLatch(CuratorFramework zk, ZkAccess access) throws Exception {
        LeaderLatch latch = new LeaderLatch(zk, ZkPaths.DIRECTORY_LEADER, UUID.randomUUID().toString());
        if (access.locked()) {
            latch.addListener(new LockOpenZnodes(zk, access));
        }
        latch.start();
        return latch;
    }

    /**
     * The leader locks znodes made before the cluster had a secret (ACLs are set only at creation), off the
     * ZooKeeper event thread. Failing leaves them open until the next leadership, with a warning.
     */
    private record LockOpenZnodes(CuratorFramework zk, ZkAccess access) implements LeaderLatchListener {
        private static final String[] ROOTS = {ZkPaths.GROUP, ZkPaths.VOLUME, ZkPaths.RACK, "/keygen", "/directory",
            "/repair", ZkPaths.STS};

        @Override
        public void isLeader() {
            Thread.ofVirtual().name("zk-lock-open-znodes").start(() -> {
                try {
                    access.lockOpenZnodes(zk, ROOTS);
                } catch (Exception e) {
                    LOG.warn("could not lock the open znodes under {}: {}", String.join(", ", ROOTS), e.toString());
                }
            });
        }

        @Override
        public void notLeader() {
        }
    }
}
