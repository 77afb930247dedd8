package io.xfs.directory.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xfs.directory.replication.ReplicationMonitor;
import io.xfs.directory.topology.TopologyWatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The replication monitor and its gauges {@code xfs_volumes_under_replicated} and {@code xfs_bytes_at_risk}
 * (docs/operations.md, "Replication health"). Every directory runs it: it only reads the topology.
 */
@Configuration(proxyBeanMethods = false)
class ReplicationConfiguration {

    @Bean(destroyMethod = "close")
    ReplicationMonitor replicationMonitor(TopologyWatcher topology, DirectoryProperties directory) {
        DirectoryProperties.Replication r = directory.replication();
        ReplicationMonitor monitor = new ReplicationMonitor(topology::current, r.grace());
        monitor.start(r.interval());
        return monitor;
    }

    @Bean
    MeterBinder replicationMeters(ReplicationMonitor monitor) {
        return registry -> {
            Gauge.builder("xfs.volumes.under.replicated", monitor, m -> m.report().underReplicated().size())
                    .description("volumes that lacked a replica for longer than xfs.directory.replication.grace")
                    .register(registry);
            Gauge.builder("xfs.bytes.at.risk", monitor, m -> m.report().bytesAtRisk())
                    .description("bytes of the under-replicated volumes, as their healthy replicas report them")
                    .register(registry);
        };
    }
}
