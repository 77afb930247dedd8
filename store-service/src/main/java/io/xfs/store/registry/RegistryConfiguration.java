package io.xfs.store.registry;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.zk.ZkAccess;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.config.XfsProperties;
import io.xfs.store.config.ZookeeperProperties;
import io.xfs.store.node.StoreNode;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects to ZooKeeper and registers the store, only when {@code xfs.zookeeper.connect} is set: without it
 * the store runs alone (benchmarks, API tests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("xfs.zookeeper.connect")
class RegistryConfiguration {

    @Bean(destroyMethod = "close")
    CuratorFramework curator(ZookeeperProperties zookeeper, XfsProperties xfs) {
        int sessionMs = (int) zookeeper.sessionTimeout().toMillis();
        // Locks the store's registrations to holders of the cluster secret (docs/operations.md, "ZooKeeper").
        CuratorFramework curator = ZkAccess.forSecret(ClusterSecret.text(xfs.clusterSecret(), xfs.clusterSecretFile())).builder("store")
                .connectString(zookeeper.connect())
                .sessionTimeoutMs(sessionMs)
                .connectionTimeoutMs((int) Math.min(zookeeper.connectionTimeout().toMillis(), sessionMs))
                .retryPolicy(new ExponentialBackoffRetry(100, 29, 5_000))
                .build();
        curator.start();
        return curator;
    }

    @Bean
    StoreRegistrar storeRegistrar(CuratorFramework curator, StoreNode node, StoreProperties store) {
        return new StoreRegistrar(curator, node, store.refreshInterval());
    }

    /**
     * {@code /actuator/health/zookeeper}: DOWN while the store is not registered (ZooKeeper unreachable, or
     * its node not yet created again after a lost session); the directory then sends it no new writes. Not
     * part of the readiness group: the needles it holds can still be read.
     */
    @Bean
    HealthIndicator zookeeperHealthIndicator(StoreRegistrar registrar) {
        return () -> (registrar.registered() ? Health.up() : Health.down())
                .withDetail("node", registrar.path())
                .build();
    }
}
