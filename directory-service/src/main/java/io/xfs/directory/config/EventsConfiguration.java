package io.xfs.directory.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.events.EventRelay;
import io.xfs.directory.events.RabbitSettings;
import io.xfs.directory.metadata.MetadataStore;
import java.util.function.Function;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The file-event relay, only when {@code xfs.events.enabled}: it publishes the outbox to RabbitMQ while this
 * directory leads, and counts what it does in {@code xfs_events_published_total},
 * {@code xfs_events_failures_total} and {@code xfs_events_pending}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("xfs.events.enabled")
class EventsConfiguration {
    static final String PASSWORD_ENV = "XFS_EVENTS_PASSWORD";

    @Bean(destroyMethod = "close")
    EventRelay eventRelay(MetadataStore metadata, EventsProperties events, LeaderLatch leader, MeterRegistry meters) {
        RabbitSettings rabbit = rabbitSettings(events, System::getenv);
        EventRelay relay = EventRelay.toRabbit(metadata, rabbit, leader::hasLeadership, new EventRelay.Settings(
                events.batch(), events.pollInterval(), events.minBackoff(), events.maxBackoff()));
        FunctionCounter.builder("xfs.events.published", relay, EventRelay::published)
                .description("file events the broker confirmed").register(meters);
        FunctionCounter.builder("xfs.events.failures", relay, EventRelay::failures)
                .description("failed attempts to publish file events (each is retried)").register(meters);
        Gauge.builder("xfs.events.pending", relay, EventRelay::pending)
                .description("file events waiting in the outbox").register(meters);
        return relay.start();
    }

    /** The broker settings, with the password from {@code XFS_EVENTS_PASSWORD} or the password file. */
    static RabbitSettings rabbitSettings(EventsProperties events, Function<String, @Nullable String> env) {
        String username = events.username();
        if (username == null || username.isBlank()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "xfs.events.enabled needs xfs.events.username");
        }
        return new RabbitSettings(events.host(), events.port(), events.virtualHost(), username,
                BrokerPassword.read("xfs.events", PASSWORD_ENV, env.apply(PASSWORD_ENV), events.passwordFile()),
                events.tls(), events.exchange(), events.connectTimeout(), events.confirmTimeout());
    }
}
