package io.xfs.store.config;

import io.xfs.common.auth.internal.InternalAuth;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster-wide properties a store reads at the top of the {@code xfs.*} tree (SPEC §8).
 *
 * @param dataDir               {@code xfs.data-dir}: where the store keeps its volumes ({@code volumes/}) and its id
 * @param clusterSecret         {@code xfs.cluster-secret}: when set, every call but {@code /ping} and actuator
 *                              health must be signed with it (docs/api.md, "Internal calls"), and the store
 *                              signs its own calls to other stores
 * @param clusterSecretFile     {@code xfs.cluster-secret-file}: the secret read from this file instead
 * @param clusterSecretPrevious {@code xfs.cluster-secret-previous}: also accepted during a rotation
 */
@ConfigurationProperties("xfs")
public record XfsProperties(@DefaultValue("./data/store") Path dataDir, @Nullable String clusterSecret,
                            @Nullable String clusterSecretFile, @Nullable String clusterSecretPrevious) {

    /** Where the volume files live: {@code <data-dir>/volumes}. */
    public Path volumesDir() {
        return dataDir.resolve("volumes");
    }

    /** The internal-call credentials. @throws IllegalArgumentException for a bad secret setting */
    public InternalAuth internalAuth() {
        return InternalAuth.configured(clusterSecret, clusterSecretFile, clusterSecretPrevious);
    }
}
