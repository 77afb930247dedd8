package io.xfs.directory.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.repair.InProcessDispatcher;
import io.xfs.directory.repair.Membership;
import io.xfs.directory.repair.RepairDispatcher;
import io.xfs.directory.repair.RepairLeases;
import io.xfs.directory.repair.RepairMetrics;
import io.xfs.directory.repair.RepairWorker;
import io.xfs.directory.repair.Repairer;
import io.xfs.directory.topology.TopologyWatcher;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Level-triggered repair (leader only), dispatched in process. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "xfs.repair.enabled", matchIfMissing = true)
class RepairConfiguration {

    @Bean
    RepairLeases repairLeases(CuratorFramework zk, RepairProperties repair) {
        return new RepairLeases(zk, "directory-" + UUID.randomUUID(), repair.lease(), System::currentTimeMillis);
    }

    @Bean
    RepairMetrics repairMetrics(MeterRegistry meters) {
        return new RepairMetrics(meters);
    }

    @Bean(destroyMethod = "close")
    RepairDispatcher repairDispatcher(StoreClient stores, CuratorFramework zk, RepairLeases leases,
                                      RepairMetrics metrics, RepairProperties repair) {
        RepairWorker worker = new RepairWorker(stores, leases, new Membership(zk, leases), metrics, repair.poll());
        return new InProcessDispatcher(worker, repair.parallel());
    }

    @Bean(destroyMethod = "close")
    Repairer repairer(TopologyWatcher topology, LeaderLatch leader, RepairLeases leases, RepairDispatcher dispatcher,
                      RepairMetrics metrics, RepairProperties repair) {
        Repairer repairer = new Repairer(topology::current, leader::hasLeadership, leases, dispatcher, metrics,
                new Repairer.Settings(repair.grace(), repair.interval()), System::currentTimeMillis);
        repairer.start();
        return repairer;
    }
}
