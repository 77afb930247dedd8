package io.xfs.sts.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code xfs.cluster-secret}: the secret every service of the cluster shares.
 *
 * @param clusterSecret when set, this instance authenticates with ZooKeeper and its {@code /sts} znodes
 *                      can be changed only by holders of the secret; unset: they stay open
 */
@ConfigurationProperties("xfs")
public record ClusterSecretProperties(@Nullable String clusterSecret) {
}
