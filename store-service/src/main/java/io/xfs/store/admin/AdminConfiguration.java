package io.xfs.store.admin;

import io.xfs.common.store.StoreClient;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.config.XfsProperties;
import io.xfs.store.repair.CopyJobs;
import io.xfs.store.repair.HttpReplicaSource;
import io.xfs.store.repair.VolumeCopier;
import io.xfs.store.volume.VolumeManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires compaction and volume copies (the admin API is made of scanned controllers). */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {
    /** Catch-up rounds of one copy run; the repair task asks again when they did not suffice. */
    private static final int COPY_ROUNDS = 20;

    @Bean(destroyMethod = "close")
    Compactor compactor(VolumeManager volumes, StoreProperties store) {
        return new Compactor(volumes, store.compaction().garbageRatio(), store.compaction().checkInterval());
    }

    @Bean(destroyMethod = "close")
    CopyJobs copyJobs(VolumeManager volumes, StoreProperties store, XfsProperties xfs) {
        StoreClient client = StoreClient.create(xfs.clusterSecret());
        VolumeCopier copier = new VolumeCopier(volumes, (int) store.maxNeedleSize().toBytes(), COPY_ROUNDS);
        return new CopyJobs(copier, api -> new HttpReplicaSource(client, api));
    }

}
