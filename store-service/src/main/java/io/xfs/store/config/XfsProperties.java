package io.xfs.store.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster-wide properties a store reads at the top of the {@code xfs.*} tree (SPEC §8).
 *
 * @param dataDir       {@code xfs.data-dir}: where the store keeps its volumes ({@code volumes/}) and its id
 * @param clusterSecret {@code xfs.cluster-secret}: when set, write and admin calls must carry it in
 *                      {@code X-Xfs-Secret}; unset (the default) on a loopback standalone
 */
@ConfigurationProperties("xfs")
public record XfsProperties(@DefaultValue("./data/store") Path dataDir, @Nullable String clusterSecret) {

    public XfsProperties {
        if (clusterSecret != null && clusterSecret.isBlank()) {
            clusterSecret = null;
        }
    }

    /** Where the volume files live: {@code <data-dir>/volumes}. */
    public Path volumesDir() {
        return dataDir.resolve("volumes");
    }
}
