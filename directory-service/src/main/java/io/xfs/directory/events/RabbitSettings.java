package io.xfs.directory.events;

import io.xfs.directory.amqp.AmqpBroker;
import java.time.Duration;

/**
 * Where the relay publishes: a RabbitMQ broker and the topic exchange to publish to. {@code password} comes
 * from the environment or a file, never from a property that could sit on a command line
 * (docs/operations.md, "File events").
 *
 * @param tls            connect with TLS, verifying the broker's certificate and host name against the JVM's
 *                       default trust store
 * @param connectTimeout limit of the TCP connect and of the AMQP handshake
 * @param confirmTimeout how long a batch may wait for the broker's confirms before it counts as failed
 */
public record RabbitSettings(String host, int port, String virtualHost, String username, String password,
                             boolean tls, String exchange, Duration connectTimeout, Duration confirmTimeout) {

    /** The broker part of these settings. */
    public AmqpBroker broker() {
        return new AmqpBroker(host, port, virtualHost, username, password, tls, connectTimeout);
    }

    /** No password: this goes to logs. */
    @Override
    public String toString() {
        return broker() + " exchange " + exchange;
    }
}
