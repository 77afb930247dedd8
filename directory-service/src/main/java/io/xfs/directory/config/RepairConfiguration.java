package io.xfs.directory.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.directory.amqp.AmqpBroker;
import io.xfs.directory.repair.InProcessDispatcher;
import io.xfs.directory.repair.Membership;
import io.xfs.directory.repair.RabbitRepairDispatcher;
import io.xfs.directory.repair.RepairDispatcher;
import io.xfs.directory.repair.RepairLeases;
import io.xfs.directory.repair.RepairMetrics;
import io.xfs.directory.repair.RepairWorker;
import io.xfs.directory.repair.Repairer;
import io.xfs.directory.topology.TopologyWatcher;
import java.util.UUID;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Level-triggered repair (leader only), dispatched in process or on a RabbitMQ queue
 * ({@code xfs.repair.dispatcher}); with the queue, {@code xfs_repair_tasks_published_total},
 * {@code xfs_repair_queue_depth} and {@code xfs_repair_tasks_dead_lettered} show it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "xfs.repair.enabled", matchIfMissing = true)
class RepairConfiguration {
    static final String PASSWORD_ENV = "XFS_REPAIR_PASSWORD";

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
                                      RepairMetrics metrics, RepairProperties repair, MeterRegistry meters) {
        RepairWorker worker = new RepairWorker(stores, leases, new Membership(zk, leases), metrics, repair.poll());
        if (repair.dispatcher() == RepairProperties.Dispatcher.IN_PROCESS) {
            return new InProcessDispatcher(worker, repair.parallel());
        }
        RabbitRepairDispatcher queue = new RabbitRepairDispatcher(rabbitSettings(repair, System::getenv), leases,
                worker);
        FunctionCounter.builder("xfs.repair.tasks.published", queue, RabbitRepairDispatcher::published)
                .description("repair tasks the broker confirmed").register(meters);
        Gauge.builder("xfs.repair.queue.depth", queue, RabbitRepairDispatcher::queued)
                .description("repair tasks waiting in the queue").register(meters);
        Gauge.builder("xfs.repair.tasks.dead.lettered", queue, RabbitRepairDispatcher::deadLettered)
                .description("repair tasks in the dead-letter queue (no worker could take them)").register(meters);
        return queue.start();
    }

    /** The queue's settings, with the password from {@code XFS_REPAIR_PASSWORD} or the password file. */
    static RabbitRepairDispatcher.Settings rabbitSettings(RepairProperties repair,
                                                          Function<String, @Nullable String> env) {
        RepairProperties.Rabbitmq q = repair.rabbitmq();
        String username = q.username();
        if (username == null || username.isBlank()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT,
                    "xfs.repair.dispatcher=rabbitmq needs xfs.repair.rabbitmq.username");
        }
        String password = BrokerPassword.read("xfs.repair.rabbitmq", PASSWORD_ENV, env.apply(PASSWORD_ENV),
                q.passwordFile());
        AmqpBroker broker = new AmqpBroker(q.host(), q.port(), q.virtualHost(), username, password, q.tls(),
                q.connectTimeout());
        return new RabbitRepairDispatcher.Settings(broker, q.queue(), q.deliveryLimit(), q.confirmTimeout(),
                repair.parallel(), q.retry());
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
