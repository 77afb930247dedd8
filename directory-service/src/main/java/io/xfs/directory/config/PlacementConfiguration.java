package io.xfs.directory.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.Placements;
import io.xfs.directory.placement.StoreHealth;
import io.xfs.directory.topology.TopologyWatcher;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Topology, dispatch, keys and the placement path. */
@Configuration(proxyBeanMethods = false)
class PlacementConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    TopologyWatcher topologyWatcher(CuratorFramework zk, DirectoryProperties directory) {
        return new TopologyWatcher(zk, directory.refreshInterval());
    }

    @Bean
    Dispatcher dispatcher(TopologyWatcher topology, DirectoryProperties directory) {
        return new Dispatcher(topology::current, directory.spaceUnit().toBytes());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    KeyGenerator keyGenerator(CuratorFramework zk) {
        return new KeyGenerator(zk);
    }

    /** Suspect stores checked with the API port's {@code /ping} (docs/architecture.md "Writes when a store dies"). */
    @Bean(initMethod = "start", destroyMethod = "close")
    StoreHealth storeHealth(TopologyWatcher topology, DirectoryProperties directory, StoreClient stores) {
        DirectoryProperties.Exclusion exclusion = directory.exclusion();
        return new StoreHealth(topology::current, store -> stores.ping(store, exclusion.probeTimeout()),
                System::nanoTime, new StoreHealth.Settings(exclusion.probeInterval(), exclusion.reporters(),
                exclusion.reportWindow()));
    }

    @Bean
    MeterBinder storeHealthMetrics(StoreHealth health) {
        return registry -> Gauge.builder("xfs.directory.stores.excluded", health, h -> h.excluded().size())
                .description("registered stores placement avoids because their failure was corroborated")
                .register(registry);
    }

    @Bean
    Placements placements(MetadataStore metadata, KeyGenerator keys, Dispatcher dispatcher,
                          TopologyWatcher topology, DirectoryProperties directory, StoreHealth health) {
        return new Placements(metadata, keys, dispatcher, topology::current,
                new Placements.Settings(directory.placementTtl(), directory.zookeeperWait()), health::excluded);
    }
}
