package io.xfs.directory.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A RabbitMQ broker to connect to, shared by the file events and the repair queue. {@code password} comes
 * from the environment or a file, never from a property that could sit on a command line
 * (docs/operations.md, "File events" and "Repair dispatch").
 *
 * @param tls            connect with TLS, verifying the broker's certificate and host name against the JVM's
 *                       default trust store
 * @param connectTimeout limit of the TCP connect and of the AMQP handshake
 */
public record AmqpBroker(String host, int port, String virtualHost, String username, String password, boolean tls,
                         Duration connectTimeout) {

    /**
     * Opens a connection named {@code name} (the name shows in the broker's management UI). The client's
     * automatic recovery is off: callers reconnect themselves, with backoff, and redo what was not
     * confirmed; the client's own recovery would hide the outage from them.
     */
    public Connection connect(String name) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setVirtualHost(virtualHost);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout((int) connectTimeout.toMillis());
        factory.setHandshakeTimeout((int) connectTimeout.toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        if (tls) {
            factory.useSslProtocol(SSLContext.getDefault());
            factory.enableHostnameVerification();
        }
        return factory.newConnection(name);
    }

    /** Closes {@code connection} without waiting long: closing waits for a broker that may be gone. */
    public void abort(Connection connection) {
        connection.abort((int) connectTimeout.toMillis());
    }

    /** No password: this goes to logs. */
    @Override
    public String toString() {
        return "amqp" + (tls ? "s" : "") + "://" + username + "@" + host + ":" + port + virtualHost;
    }
}
