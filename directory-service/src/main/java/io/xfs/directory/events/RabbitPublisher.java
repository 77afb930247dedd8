package io.xfs.directory.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.xfs.directory.metadata.FileEvent;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Publishes file events to a RabbitMQ topic exchange (declared durable on connect): routing key the event
 * type, the bucket in header {@value #BUCKET_HEADER} (bucket names may contain dots, which a routing key
 * would split), persistent messages, publisher confirms. One connection and one channel, used by the
 * relay's single thread; not thread-safe.
 */
final class RabbitPublisher implements EventPublisher {
    static final String BUCKET_HEADER = "xfs-bucket";
    static final String SEQUENCE_HEADER = "xfs-sequence";
    private static final int PERSISTENT = 2;

    private final RabbitSettings settings;
    private @Nullable Connection connection;
    private @Nullable Channel channel;

    RabbitPublisher(RabbitSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(List<FileEvent> events) throws Exception {
        Channel ch = channel();
        for (FileEvent event : events) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(PERSISTENT)
                    .messageId(event.id())
                    .timestamp(new Date(event.timeMillis()))
                    .headers(Map.of(BUCKET_HEADER, event.bucket(), SEQUENCE_HEADER, event.sequence()))
                    .build();
            ch.basicPublish(settings.exchange(), event.type().routingKey(), properties,
                    EventMessage.of(event).toJson());
        }
        // Throws when the broker nacks any of them, or when the time runs out: the relay then keeps them all.
        ch.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
    }

    private Channel channel() throws Exception {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        disconnect();
        Connection conn = settings.broker().connect("xfs-directory-events");
        try {
            Channel ch = conn.createChannel();
            ch.exchangeDeclare(settings.exchange(), BuiltinExchangeType.TOPIC, true);
            ch.confirmSelect();
            connection = conn;
            channel = ch;
            return ch;
        } catch (Exception e) {
            conn.abort();
            throw e;
        }
    }

    @Override
    public void disconnect() {
        Connection conn = connection;
        connection = null;
        channel = null;
        if (conn != null) {
            settings.broker().abort(conn);
        }
    }
}
