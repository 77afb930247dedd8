package io.xfs.sts.config;

import io.xfs.common.auth.internal.InternalAuth;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cluster secret an sts instance signs its forwarded calls with and checks forwarded calls against
 * (docs/api.md, "Internal calls"): a call carrying the hop header must be signed by another sts instance.
 *
 * @param clusterSecret         {@code xfs.cluster-secret}: signs forwarded calls; a call with the hop header must
 *                              be signed with it; also locks this instance's {@code /sts} znodes in ZooKeeper
 * @param clusterSecretFile     {@code xfs.cluster-secret-file}: the secret read from this file instead
 * @param clusterSecretPrevious {@code xfs.cluster-secret-previous}: also accepted during a rotation
 */
@ConfigurationProperties("xfs")
public record SecretProperties(@Nullable String clusterSecret, @Nullable String clusterSecretFile,
                               @Nullable String clusterSecretPrevious) {

    /** @throws IllegalArgumentException for a bad secret setting */
    public InternalAuth internalAuth() {
        return InternalAuth.configured(clusterSecret, clusterSecretFile, clusterSecretPrevious);
    }
}
