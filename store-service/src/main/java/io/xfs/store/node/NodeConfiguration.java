package io.xfs.store.node;

import io.xfs.common.datadir.DataDirLock;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.config.XfsProperties;
import io.xfs.store.volume.VolumeManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires this store's identity, counters and status, and advertises its addresses once its ports listen. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {
    /** Needle header, footer, padding and index record around the data of the largest needle. */
    private static final long NEEDLE_OVERHEAD = 64;

    @Bean
    DataDirLock dataDirLock(XfsProperties xfs) {
        return DataDirLock.acquire(xfs.dataDir(), "store");
    }

    @Bean
    StoreIdentity storeIdentity(DataDirLock dataDir, StoreProperties store) {
        return StoreIdentity.resolve(store.id(), store.rack(), dataDir.dir());
    }

    @Bean
    StoreCounters storeCounters() {
        return new StoreCounters();
    }

    @Bean
    StoreNode storeNode(StoreIdentity identity, VolumeManager volumes, StoreCounters counters, XfsProperties xfs,
                        StoreProperties store) {
        return new StoreNode(identity, volumes, counters, xfs.volumesDir(),
                store.maxNeedleSize().toBytes() + NEEDLE_OVERHEAD);
    }

    @Bean
    AddressAdvertiser addressAdvertiser(StoreNode node, StoreProperties store) {
        return new AddressAdvertiser(node, store.advertisedHost());
    }
}
