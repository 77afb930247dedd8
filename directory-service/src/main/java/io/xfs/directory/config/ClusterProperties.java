package io.xfs.directory.config;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalAuth;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster-wide {@code xfs.*} settings the directory reads (SPEC §8).
 *
 * @param clusterSecret         when set, every call but {@code /ping}, {@code /auth/**} (the admin key's) and
 *                              actuator health must be signed with it (docs/api.md, "Internal calls"); the
 *                              directory signs its calls to the stores with it
 * @param clusterSecretFile     the secret read from this file instead
 * @param clusterSecretPrevious also accepted during a rotation
 * @param replicas              stores per group formed by auto-provisioning
 * @param dataDir               where the directory keeps its files (the embedded metadata under {@code metadata/})
 */
@ConfigurationProperties("xfs")
public record ClusterProperties(
        @Nullable String clusterSecret,
        @Nullable String clusterSecretFile,
        @Nullable String clusterSecretPrevious,
        @DefaultValue("3") int replicas,
        @DefaultValue("data/directory") Path dataDir) {

    /** The current secret's text, or null when none is configured. */
    public @Nullable String secret() {
        return ClusterSecret.text(clusterSecret, clusterSecretFile);
    }

    /** The internal-call credentials. @throws IllegalArgumentException for a bad secret setting */
    public InternalAuth internalAuth() {
        return InternalAuth.configured(clusterSecret, clusterSecretFile, clusterSecretPrevious);
    }
}
