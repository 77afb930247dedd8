package io.xfs.directory.events;

import io.xfs.directory.metadata.FileEvent;
import java.util.List;

/**
 * Where the relay sends events. {@link #publish} returns only once the broker has taken every event of the
 * batch for good (RabbitMQ: confirmed); any failure leaves the connection unusable and the caller
 * disconnects and retries later with the same events.
 */
interface EventPublisher extends AutoCloseable {

    /** Publishes {@code events}, connecting first if needed, and waits until the broker confirmed them all. */
    void publish(List<FileEvent> events) throws Exception;

    /** Drops the connection (if any); the next {@link #publish} connects again. */
    void disconnect();

    @Override
    default void close() {
        disconnect();
    }
}
