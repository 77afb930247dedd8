package io.xfs.store.admin;

import io.xfs.store.config.StoreProperties;
import io.xfs.store.volume.VolumeManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires compaction (the admin API is a scanned controller). */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean(destroyMethod = "close")
    Compactor compactor(VolumeManager volumes, StoreProperties store) {
        return new Compactor(volumes, store.compaction().garbageRatio(), store.compaction().checkInterval());
    }

}
