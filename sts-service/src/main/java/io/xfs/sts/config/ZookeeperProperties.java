package io.xfs.sts.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.zookeeper.*}: the ensemble ({@code host:port,...}); unset, the instance runs alone.
 *
 * @param connect        ZooKeeper {@code host:port,...}; unset: no membership, this instance owns every key
 * @param sessionTimeout ZooKeeper session timeout; an instance away longer than this leaves the membership
 */
@ConfigurationProperties("xfs.zookeeper")
public record ZookeeperProperties(@Nullable String connect, @DefaultValue("15s") Duration sessionTimeout) {
}
