package io.xfs.directory.config;

import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.topology.TopologyWatcher;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health/zookeeper}: DOWN while ZooKeeper is unreachable (new placements fail then).
 * It is not part of the readiness group on purpose: reads keep being served from the last topology.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    HealthIndicator zookeeperHealthIndicator(CuratorFramework zk, KeyGenerator keys, TopologyWatcher topology) {
        return () -> {
            boolean connected = zk.getZookeeperClient().isConnected();
            Health.Builder health = connected ? Health.up() : Health.down();
            keys.workerId().ifPresent(id -> health.withDetail("keyWorker", id));
            return health.withDetail("connected", connected)
                    .withDetail("stores", topology.current().stores().size())
                    .withDetail("topologyReadAt", topology.current().readAtMillis())
                    .build();
        };
    }
}
