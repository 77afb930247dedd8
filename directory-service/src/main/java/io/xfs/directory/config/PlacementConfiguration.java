package io.xfs.directory.config;

import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.Placements;
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

    @Bean
    Placements placements(MetadataStore metadata, KeyGenerator keys, Dispatcher dispatcher,
                          TopologyWatcher topology, DirectoryProperties directory) {
        return new Placements(metadata, keys, dispatcher, topology::current,
                new Placements.Settings(directory.placementTtl(), directory.zookeeperWait()));
    }
}
