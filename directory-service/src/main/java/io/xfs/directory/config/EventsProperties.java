package io.xfs.directory.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.events.*}: file events published to RabbitMQ (docs/operations.md, "File events"). The
 * password is not a property (a property can end up on a command line): it is read from the environment
 * variable {@code XFS_EVENTS_PASSWORD}, else from {@code password-file}.
 *
 * @param enabled        record an event of every create, overwrite and delete, and relay them (off: no outbox)
 * @param host           the RabbitMQ broker's host
 * @param port           its AMQP port
 * @param virtualHost    the broker's virtual host
 * @param username       the user to connect as (required when enabled)
 * @param passwordFile   a file holding that user's password, used when {@code XFS_EVENTS_PASSWORD} is unset
 * @param tls            connect with TLS, verifying the broker's certificate against the JVM's trust store
 * @param exchange       the topic exchange events go to (declared durable if missing)
 * @param batch          events published per confirm wait
 * @param pollInterval   how often an empty outbox is looked at again (the longest wait of an event, when all is well)
 * @param connectTimeout limit of a connection attempt
 * @param confirmTimeout how long a batch waits for the broker's confirms before it is sent again
 * @param minBackoff     first pause after a failed attempt
 * @param maxBackoff     the pause doubles up to this while the broker stays unreachable
 */
@ConfigurationProperties("xfs.events")
public record EventsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("5672") int port,
        @DefaultValue("/") String virtualHost,
        @Nullable String username,
        @Nullable Path passwordFile,
        @DefaultValue("false") boolean tls,
        @DefaultValue("xfs.events") String exchange,
        @DefaultValue("100") int batch,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("1s") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff) {
}
