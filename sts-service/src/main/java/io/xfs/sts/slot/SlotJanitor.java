package io.xfs.sts.slot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SlotStore#cleanup} on a timer, on one daemon thread of its own. {@link #close} stops it.
 */
public final class SlotJanitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlotJanitor.class);
    private final ScheduledExecutorService timer;

    public SlotJanitor(SlotStore store, Duration interval) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sts-slot-janitor");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                store.cleanup();
            } catch (Exception e) {
                log.warn("sts slot cleanup failed; retrying in {}", interval, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
