package io.xfs.directory.config;

import io.xfs.common.zk.ZkAccess;
import io.xfs.common.zk.ZkPaths;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ZooKeeper client and the leader latch. Startup does not wait for ZooKeeper: the directory serves
 * reads from its metadata at once and placements as soon as a connection brings a key worker id.
 */
@Configuration(proxyBeanMethods = false)
class ZookeeperConfiguration {

    @Bean(destroyMethod = "close")
    CuratorFramework curator(ZookeeperProperties zookeeper, ClusterProperties cluster) {
        // Locks the topology znodes to holders of the cluster secret (docs/operations.md, "ZooKeeper").
        CuratorFramework zk = ZkAccess.forSecret(cluster.secret()).builder("directory")
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
    LeaderLatch leaderLatch(CuratorFramework zk) throws Exception {
        LeaderLatch latch = new LeaderLatch(zk, ZkPaths.DIRECTORY_LEADER, UUID.randomUUID().toString());
        latch.start();
        return latch;
    }
}
