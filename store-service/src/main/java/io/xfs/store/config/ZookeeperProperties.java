package io.xfs.store.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.zookeeper.*}. Without {@code connect} the store runs alone: it serves its API but registers
 * nowhere (benchmarks, API tests).
 *
 * @param connect           ZooKeeper's {@code host:port} list
 * @param sessionTimeout    the session timeout asked for; the ephemeral node vanishes this long after the
 *                          store dies
 * @param connectionTimeout how long one connection attempt may take
 */
@ConfigurationProperties("xfs.zookeeper")
public record ZookeeperProperties(
        @Nullable String connect,
        @DefaultValue("15s") Duration sessionTimeout,
        @DefaultValue("5s") Duration connectionTimeout) {

    public ZookeeperProperties {
        if (connect != null && connect.isBlank()) {
            connect = null;
        }
    }
}
