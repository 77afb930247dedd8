package io.xfs.directory.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.zookeeper.*} (SPEC §8).
 *
 * @param connect           {@code host:port} list
 * @param sessionTimeout    a directory that lost its session for this long gives up its worker id and leadership
 * @param connectionTimeout how long one connection attempt may take
 */
@ConfigurationProperties("xfs.zookeeper")
public record ZookeeperProperties(
        @DefaultValue("127.0.0.1:2181") String connect,
        @DefaultValue("15s") Duration sessionTimeout,
        @DefaultValue("5s") Duration connectionTimeout) {
}
