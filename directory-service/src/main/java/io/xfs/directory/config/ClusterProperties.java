package io.xfs.directory.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster-wide {@code xfs.*} settings the directory reads (SPEC §8).
 *
 * @param clusterSecret when set, write and admin calls must carry it in {@code X-Xfs-Secret}; the
 *                      directory also sends it to the stores
 * @param replicas      stores per group formed by auto-provisioning
 * @param dataDir       where the directory keeps its files (the embedded metadata under {@code metadata/})
 */
@ConfigurationProperties("xfs")
public record ClusterProperties(
        @Nullable String clusterSecret,
        @DefaultValue("3") int replicas,
        @DefaultValue("data/directory") Path dataDir) {

    /** The secret, or null when none is configured (blank counts as none). */
    public @Nullable String secret() {
        return clusterSecret == null || clusterSecret.isBlank() ? null : clusterSecret;
    }
}
