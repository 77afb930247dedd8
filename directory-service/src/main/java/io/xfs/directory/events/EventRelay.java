package io.xfs.directory.events;

import io.xfs.directory.metadata.FileEvent;
import io.xfs.directory.metadata.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves file events from the metadata store's outbox to the broker, at least once: it reads the oldest
 * events, publishes them, and removes them from the outbox only after the broker confirmed them, so a
 * crash or an outage at any point leads to a resend, never to a loss (docs/operations.md, "File events").
 * Only the directory that leads relays ({@code leading}); a follower keeps no connection. On a failure it
 * drops the connection and retries the same events after a backoff that doubles up to
 * {@link Settings#maxBackoff()}. One thread of its own; the counters are safe to read from any thread.
 */
public final class EventRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

    /**
     * @param batch        events read and published per round (one confirm wait each)
     * @param pollInterval pause when the outbox is empty or this directory does not lead
     * @param minBackoff   first pause after a failure
     * @param maxBackoff   the pause doubles up to this
     */
    public record Settings(int batch, Duration pollInterval, Duration minBackoff, Duration maxBackoff) {
        public Settings {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be at least 1, not " + batch);
            }
        }
    }

    private final MetadataStore metadata;
    private final EventPublisher publisher;
    private final BooleanSupplier leading;
    private final Settings settings;
    private final LongAdder published = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    EventRelay(MetadataStore metadata, EventPublisher publisher, BooleanSupplier leading, Settings settings) {
        this.metadata = metadata;
        this.publisher = publisher;
        this.leading = leading;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("xfs-event-relay").daemon().unstarted(this::run);
    }

    /** A relay to the RabbitMQ exchange that {@code rabbit} names; {@link #start()} it. */
    public static EventRelay toRabbit(MetadataStore metadata, RabbitSettings rabbit, BooleanSupplier leading,
                                      Settings settings) {
        return new EventRelay(metadata, new RabbitPublisher(rabbit), leading, settings);
    }

    public EventRelay start() {
        thread.start();
        return this;
    }

    /** Events the broker confirmed since start. */
    public long published() {
        return published.sum();
    }

    /** Rounds that failed (connection refused or lost, no confirm in time, a nack). */
    public long failures() {
        return failures.sum();
    }

    /** Events waiting in the outbox. */
    public long pending() {
        return metadata.pendingEventCount();
    }

    private void run() {
        long backoff = settings.minBackoff().toMillis();
        boolean failing = false;
        while (running) {
            try {
                if (!leading.getAsBoolean()) {
                    publisher.disconnect();
                    pause(settings.pollInterval().toMillis());
                    continue;
                }
                List<FileEvent> events = metadata.pendingEvents(settings.batch());
                if (events.isEmpty()) {
                    pause(settings.pollInterval().toMillis());
                    continue;
                }
                publisher.publish(events);
                metadata.removeEvents(events);
                published.add(events.size());
                if (failing) {
                    log.info("file events flow again; {} wait in the outbox", metadata.pendingEventCount());
                    failing = false;
                }
                backoff = settings.minBackoff().toMillis();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                publisher.disconnect();
                if (!failing) {
                    log.warn("cannot publish file events ({}); they stay in the outbox and are retried", e.toString());
                    failing = true;
                } else {
                    log.debug("file events still not published", e);
                }
                try {
                    pause(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    private static void pause(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }

    /** Stops the thread (events not yet confirmed stay in the outbox) and closes the connection. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }
}
