package io.xfs.directory.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.repair.*}: re-replication of volumes short of a replica (docs/operations.md, "Repair").
 *
 * @param enabled  run the leader's repair rounds
 * @param grace    how long a volume may be short of a healthy replica before it is copied elsewhere (a
 *                 store restarting within it is not replaced)
 * @param interval pause between two repair rounds
 * @param lease    how long a repair lease holds without renewal (renewed at every poll of the copy)
 * @param poll     how long one call waits for a store's copy before the lease is renewed
 * @param parallel repair tasks this directory runs at once (each copies a whole volume)
 * @param dispatcher how tasks reach their workers: {@code in-process} (the leader runs them; the standalone's
 *                   default, needs nothing more) or {@code rabbitmq} (a durable queue that every directory
 *                   works; see {@code xfs.repair.rabbitmq.*})
 * @param rabbitmq   the broker and queue of the {@code rabbitmq} dispatcher
 */
@ConfigurationProperties("xfs.repair")
public record RepairProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration grace,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("20s") Duration poll,
        @DefaultValue("2") int parallel,
        @DefaultValue("in-process") Dispatcher dispatcher,
        @DefaultValue Rabbitmq rabbitmq) {

    /** How repair tasks reach their workers (docs/operations.md, "Repair dispatch"). */
    public enum Dispatcher {
        IN_PROCESS, RABBITMQ
    }

    /**
     * {@code xfs.repair.rabbitmq.*}: the repair queue. The password is not a property: it is read from
     * {@code XFS_REPAIR_PASSWORD}, else from {@code password-file}.
     *
     * @param host           the RabbitMQ broker's host
     * @param port           its AMQP port
     * @param virtualHost    the broker's virtual host
     * @param username       the user to connect as (required with the {@code rabbitmq} dispatcher)
     * @param passwordFile   a file holding that user's password, used when {@code XFS_REPAIR_PASSWORD} is unset
     * @param tls            connect with TLS, verifying the broker's certificate against the JVM's trust store
     * @param queue          the quorum queue of repair tasks (declared if missing); dead letters go to
     *                       {@code <queue>.dlq}
     * @param deliveryLimit  deliveries of a task that no worker could take before it goes to the dead-letter queue
     * @param connectTimeout limit of a connection attempt
     * @param confirmTimeout how long publishing a task waits for the broker's confirm
     * @param retry          pause between reconnection attempts, and before a worker takes tasks again after
     *                       one it could not take
     */
    public record Rabbitmq(
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("5672") int port,
            @DefaultValue("/") String virtualHost,
            @Nullable String username,
            @Nullable Path passwordFile,
            @DefaultValue("false") boolean tls,
            @DefaultValue("xfs.repair") String queue,
            @DefaultValue("5") int deliveryLimit,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("1s") Duration retry) {
    }

    public RepairProperties {
        if (grace.isNegative() || interval.isNegative() || interval.isZero() || poll.isNegative()
                || poll.compareTo(Duration.ofMinutes(1)) > 0 || lease.compareTo(poll.multipliedBy(2)) < 0
                || parallel < 1 || rabbitmq.deliveryLimit() < 1 || !rabbitmq.retry().isPositive()) {
            throw new IllegalArgumentException("xfs.repair: grace >= 0, interval > 0, 0 <= poll <= 1m, lease >= 2 x poll"
                    + ", parallel >= 1, rabbitmq.delivery-limit >= 1 and rabbitmq.retry > 0 are required: " + this);
        }
    }
}
