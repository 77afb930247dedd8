package io.xfs.store.config;

import io.xfs.common.fs.PrivateFiles;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeOptions;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Opens the volume engine on {@code <data-dir>/volumes}, reopening (and recovering) every volume found
 * there, with the options of {@code xfs.store.*}; closed last, after the web server stopped.
 */
@Configuration(proxyBeanMethods = false)
class VolumeConfiguration {

    /** Only once this process owns the data directory (and its store.id checked out): docs/operations.md. */
    @Bean(destroyMethod = "close")
    @DependsOn({"dataDirLock", "storeIdentity"})
    VolumeManager volumeManager(XfsProperties xfs, StoreProperties store) throws IOException {
        // The data directory and the volumes in it are the store user's only (docs/operations.md, "File modes").
        PrivateFiles.createDirectories(xfs.dataDir());
        PrivateFiles.createDirectories(xfs.volumesDir());
        return VolumeManager.open(xfs.volumesDir(), volumeOptions(store));
    }

    static VolumeOptions volumeOptions(StoreProperties store) {
        VolumeOptions defaults = VolumeOptions.defaults();
        return new VolumeOptions(
                store.volumeMaxSize() != null ? store.volumeMaxSize().toBytes() : defaults.maxSize(),
                store.durability() != null ? store.durability() : defaults.durability(),
                store.fsyncInterval() != null ? store.fsyncInterval() : defaults.fsyncInterval());
    }
}
