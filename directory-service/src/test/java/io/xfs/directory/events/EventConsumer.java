package io.xfs.directory.events;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A consumer of the machine's RabbitMQ (127.0.0.1:5672, guest/guest) as a user would set one up: a topic
 * exchange of its own, declared as the relay declares it, and a queue bound to it with {@code #}.
 * {@link #close()} deletes the exchange (the queue is exclusive and goes with the connection).
 */
final class EventConsumer implements AutoCloseable {
    private final String exchange = "xfs.events.test." + UUID.randomUUID();
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final Channel channel;

    EventConsumer() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        connection = factory.newConnection("xfs-events-test");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> { });
    }

    String exchange() {
        return exchange;
    }

    /** The next message, or null when none comes within {@code millis}. */
    @Nullable Delivery poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean isEmpty() {
        return received.isEmpty();
    }

    @Override
    public void close() throws Exception {
        channel.exchangeDelete(exchange);
        connection.close();
    }
}
