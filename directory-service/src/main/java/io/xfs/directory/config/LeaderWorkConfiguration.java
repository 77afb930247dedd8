package io.xfs.directory.config;

import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.store.StoreClient;
import io.xfs.common.tls.Tls;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.provision.AutoProvisioner;
import io.xfs.directory.provision.Provisioner;
import io.xfs.directory.reaper.Reaper;
import io.xfs.directory.topology.TopologyWatcher;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Calls to the stores, provisioning and the reaper (the last two act only while this directory leads). */
@Configuration(proxyBeanMethods = false)
class LeaderWorkConfiguration {

    @Bean(destroyMethod = "close")
    KeepAliveClient storeConnections(DirectoryProperties directory, ObjectProvider<Tls> tls) {
        // Stores register host:port: TLS to them is cluster-wide, this directory's own (docs/operations.md, "TLS").
        return new KeepAliveClient(KeepAliveClient.Settings.of(directory.storeTimeout(), directory.storeTimeout()),
                tls.getIfAvailable());
    }

    @Bean
    StoreClient storeClient(KeepAliveClient storeConnections, InternalAuth auth, DirectoryProperties directory) {
        return new StoreClient(storeConnections, auth.signer(InternalRole.DIRECTORY, "directory"),
                directory.storeTimeout());
    }

    @Bean
    Provisioner provisioner(CuratorFramework zk, StoreClient stores, TopologyWatcher topology) {
        return new Provisioner(zk, stores, topology::current);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("xfs.directory.auto-provision")
    AutoProvisioner autoProvisioner(Provisioner provisioner, TopologyWatcher topology, Dispatcher dispatcher,
                                    LeaderLatch leader, ClusterProperties cluster, DirectoryProperties directory) {
        DirectoryProperties.Provision p = directory.provision();
        AutoProvisioner auto = new AutoProvisioner(provisioner, topology::current, dispatcher, leader::hasLeadership,
                new AutoProvisioner.Settings(cluster.replicas(), p.settle(), p.lowSpace().toBytes(),
                        p.initialVolumes()));
        auto.start(p.interval());
        return auto;
    }

    @Bean(destroyMethod = "close")
    Reaper reaper(MetadataStore metadata, StoreClient stores, TopologyWatcher topology, LeaderLatch leader,
                  DirectoryProperties directory) {
        DirectoryProperties.Reaper r = directory.reaper();
        Reaper reaper = new Reaper(metadata, stores, topology::current, leader::hasLeadership,
                new Reaper.Settings(r.batch(), r.minBackoff(), r.maxBackoff()));
        reaper.start(r.interval());
        return reaper;
    }
}
