package io.xfs.directory.repair;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.xfs.common.json.Json;
import io.xfs.directory.amqp.AmqpBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repair tasks on a durable RabbitMQ quorum queue (docs/operations.md, "Repair dispatch"): the leader
 * publishes each task as JSON, persistent, with publisher confirms; every directory that runs this
 * dispatcher works them, {@code parallel} at a time, with the same {@link RepairWorker} as the in-process
 * dispatcher. A task is acked once its worker holds the volume's lease (ack on lease), so a copy that
 * outlives the broker's consumer timeout is never redelivered while it runs; a worker that dies before
 * the ack has its task redelivered to another; one that dies after it lets the lease expire, and the
 * leader issues the task again. A task no worker can take (undecodable, or the lease unreachable) goes
 * back to the queue, and after {@code deliveryLimit} deliveries to the dead-letter queue. Reconnects by
 * itself on its own thread. Thread-safe.
 */
public final class RabbitRepairDispatcher implements RepairDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RabbitRepairDispatcher.class);
    private static final int PERSISTENT = 2;

    /**
     * @param queue         the quorum queue of tasks; its dead-letter exchange and queue are named
     *                      {@code <queue>.dlq}
     * @param deliveryLimit deliveries of a task no worker could take before it is dead-lettered
     * @param parallel      tasks this process works at once (0: publish only)
     * @param retry         pause before a worker takes tasks again after one it could not take, and between
     *                      reconnection attempts
     */
    public record Settings(AmqpBroker broker, String queue, int deliveryLimit, Duration confirmTimeout, int parallel,
                           Duration retry) {
        public String deadLetters() {
            return queue + ".dlq";
        }
    }

    private final Settings settings;
    private final RepairLeases leases;
    private final RepairWorker worker;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("repair-queue").daemon().factory());
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("repair-", 0).factory());
    private final AtomicLong published = new AtomicLong();
    private volatile double queued = Double.NaN;
    private volatile double deadLettered = Double.NaN;
    private @Nullable Connection connection; // guarded by this
    private @Nullable Channel publisher; // guarded by this
    private boolean down; // guarded by this: the broker was unreachable at the last attempt (logged once)
    private volatile boolean closed;

    public RabbitRepairDispatcher(Settings settings, RepairLeases leases, RepairWorker worker) {
        this.settings = settings;
        this.leases = leases;
        this.worker = worker;
        for (int i = 0; i < settings.parallel(); i++) {
            slots.add(new Slot());
        }
    }

    /** Connects (now, then again whenever the connection is lost) and starts working tasks. */
    public RabbitRepairDispatcher start() {
        long every = settings.retry().toMillis();
        supervisor.scheduleWithFixedDelay(this::supervise, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public boolean dispatch(RepairTask task) {
        synchronized (this) {
            Channel ch = publisher;
            if (ch == null || !ch.isOpen()) {
                return false; // the supervisor reconnects; the leader issues the task again next round
            }
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(PERSISTENT)
                    .messageId(task.vid() + "-" + task.lease().token() + "-" + task.attempt())
                    .timestamp(new Date())
                    .build();
            try {
                ch.basicPublish("", settings.queue(), properties, Json.write(task));
                // Throws when the broker nacks or the time runs out: the leader then releases the lease, so the
                // message, should it be queued after all, is stale when a worker gets it.
                ch.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
            } catch (Exception e) {
                log.warn("Volume {}: repair task not published to {}, issued again later: {}", task.vid(),
                        settings.queue(), e.toString());
                disconnect();
                return false;
            }
        }
        published.incrementAndGet();
        return true;
    }

    /**
     * Whether someone holds the volume's lease: the leader between publishing and a worker's take, then the
     * worker. A lease that expires (a worker died, or the task waited in the queue longer than the lease)
     * lets the leader issue the task again; the older message is then stale.
     */
    @Override
    public boolean busy(int vid) {
        try {
            return leases.held(vid);
        } catch (Exception e) {
            return true; // not knowing, issue nothing: the next round asks again
        }
    }

    /** Tasks the broker confirmed. */
    public long published() {
        return published.get();
    }

    /** Tasks waiting in the queue as last seen (every {@code retry}); NaN while unknown. */
    public double queued() {
        return queued;
    }

    /** Tasks in the dead-letter queue as last seen; NaN while unknown. */
    public double deadLettered() {
        return deadLettered;
    }

    /** Whether the dispatcher is connected and its workers consume. */
    public synchronized boolean connected() {
        return publisher != null && publisher.isOpen();
    }

    private synchronized void supervise() {
        if (closed) {
            return;
        }
        try {
            Connection conn = connection;
            Channel ch = publisher;
            if (conn == null || !conn.isOpen() || ch == null || !ch.isOpen()) {
                disconnect();
                conn = settings.broker().connect("xfs-directory-repair");
                try {
                    ch = conn.createChannel();
                    declare(ch);
                    ch.confirmSelect();
                } catch (Exception e) {
                    settings.broker().abort(conn);
                    throw e;
                }
                connection = conn;
                publisher = ch;
                if (down) {
                    log.info("Repair queue {} on {} reachable again", settings.queue(), settings.broker());
                }
                down = false;
            }
            for (Slot slot : slots) {
                slot.consume(conn);
            }
            queued = ch.messageCount(settings.queue());
            deadLettered = ch.messageCount(settings.deadLetters());
        } catch (Exception e) {
            if (!down) {
                log.warn("Repair queue {} on {} unreachable, retrying every {}: {}", settings.queue(),
                        settings.broker(), settings.retry(), e.toString());
            }
            down = true;
            queued = Double.NaN;
            deadLettered = Double.NaN;
            disconnect();
        }
    }

    /**
     * The quorum queue (replicated, durable; its delivery limit is what dead-letters a task no worker can
     * take) and its dead-letter exchange and queue. Declaring them again with other arguments fails: an
     * operator changes them with a policy or by deleting the queues (docs/operations.md).
     */
    private void declare(Channel ch) throws Exception {
        String dlq = settings.deadLetters();
        ch.exchangeDeclare(dlq, BuiltinExchangeType.FANOUT, true);
        ch.queueDeclare(dlq, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(dlq, dlq, "");
        ch.queueDeclare(settings.queue(), true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", settings.deliveryLimit(),
                "x-dead-letter-exchange", dlq));
    }

    private synchronized void disconnect() {
        Connection conn = connection;
        connection = null;
        publisher = null;
        if (conn != null) {
            settings.broker().abort(conn);
        }
    }

    /**
     * One task at a time: its own channel with prefetch 1, whose consumer is cancelled while a task runs
     * (with prefetch 1 the broker would otherwise deliver the next task as soon as this one is acked, and it
     * would wait unacked behind the copy, past the consumer timeout).
     */
    private final class Slot {
        private @Nullable Channel channel; // guarded by this
        private @Nullable String tag; // guarded by this
        private boolean busy; // guarded by this
        private long notBefore; // guarded by this: nanoTime before which it takes no task (after a failure)

        /** Subscribes when idle and not subscribed; called by the supervisor and when a task ends. */
        synchronized void consume(Connection conn) throws Exception {
            if (busy || closed || System.nanoTime() - notBefore < 0) {
                return;
            }
            Channel ch = channel;
            if (ch == null || !ch.isOpen() || ch.getConnection() != conn) {
                ch = conn.createChannel();
                ch.basicQos(1);
                channel = ch;
                tag = null;
            }
            if (tag == null) {
                tag = ch.basicConsume(settings.queue(), false, this::deliver, cancelled -> cancelled());
            }
        }

        private synchronized void cancelled() {
            tag = null; // the queue was deleted: the supervisor declares it again and subscribes
        }

        private void deliver(String consumerTag, Delivery delivery) {
            Channel ch;
            synchronized (this) {
                busy = true;
                tag = null;
                ch = channel;
            }
            if (ch == null) {
                idle(Duration.ZERO);
                return;
            }
            long deliveryTag = delivery.getEnvelope().getDeliveryTag();
            Optional<RepairTask> taken;
            try {
                ch.basicCancel(consumerTag);
                taken = worker.take(Json.read(delivery.getBody(), RepairTask.class));
            } catch (Exception e) {
                log.warn("Repair task not taken ({}), back to {}: {}", deliveries(delivery),
                        settings.queue(), e.toString());
                try {
                    ch.basicNack(deliveryTag, false, true);
                } catch (Exception ignored) {
                    // the channel is gone: the broker requeues the task itself
                }
                idle(settings.retry());
                return;
            }
            try {
                ch.basicAck(deliveryTag, false);
            } catch (Exception e) {
                // The task comes again, but this worker holds the lease now: the redelivery is stale.
                log.debug("Ack of a repair task failed", e);
            }
            if (taken.isEmpty()) {
                idle(Duration.ZERO);
                return;
            }
            try {
                runner.execute(() -> {
                    try {
                        worker.run(taken.get());
                    } finally {
                        idle(Duration.ZERO);
                    }
                });
            } catch (RuntimeException e) {
                idle(Duration.ZERO); // closing
            }
        }

        /** Ends a task; subscribes again after {@code pause}, now if the channel allows, else the supervisor does. */
        private void idle(Duration pause) {
            Connection conn;
            synchronized (this) {
                busy = false;
                notBefore = System.nanoTime() + pause.toNanos();
                conn = channel != null ? channel.getConnection() : null;
            }
            if (pause.isZero() && conn != null && conn.isOpen()) {
                try {
                    consume(conn);
                } catch (Exception e) {
                    log.debug("Subscribing again failed; the supervisor retries", e);
                }
            }
        }

        private static String deliveries(Delivery delivery) {
            Map<String, Object> headers = delivery.getProperties().getHeaders();
            Object count = headers != null ? headers.get("x-delivery-count") : null;
            return count == null ? "first delivery" : "redelivery " + count;
        }
    }

    @Override
    public void close() {
        closed = true;
        supervisor.shutdownNow();
        runner.shutdownNow();
        disconnect();
    }
}
