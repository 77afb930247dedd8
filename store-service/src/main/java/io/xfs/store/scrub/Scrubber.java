package io.xfs.store.scrub;

import io.xfs.common.error.XfsException;
import io.xfs.store.volume.ScrubStep;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads every needle of every volume in the background and checks its CRC32C (docs/operations.md,
 * "Scrubbing"), so that rot in data nobody reads is found while another replica is still good. A cycle
 * walks the volumes in vid order, each in steps of {@link #STEP} bytes, sleeping between steps so that it
 * reads at most {@code bytesPerSecond}; then it pauses for {@code pause}. Bad live needles go to the
 * {@link ScrubListener} (and are counted); dead ones are skipped. A volume compacted under a cycle is
 * finished early and read again by the next cycle. One daemon thread; counters are thread-safe.
 */
public final class Scrubber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
    static final long STEP = 1 << 20;

    /**
     * @param bytesPerSecond the most volume bytes read per second
     * @param pause          the rest between two cycles
     */
    public record Settings(long bytesPerSecond, Duration pause) {
        public Settings {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("xfs.store.scrub.bytes-per-second must be positive: " + bytesPerSecond);
            }
        }
    }

    private final VolumeManager volumes;
    private final ScrubListener listener;
    private final Settings settings;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder badNeedles = new LongAdder();
    private final AtomicLong cycles = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    public Scrubber(VolumeManager volumes, ScrubListener listener, Settings settings) {
        this.volumes = volumes;
        this.listener = listener;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("scrubber").daemon().unstarted(this::run);
    }

    /** The default listener: an ERROR line naming the volume, needle and offset. */
    public static ScrubListener loggingListener() {
        return new ScrubListener() {
            @Override
            public void badNeedle(Volume.BadNeedle n) {
                log.error("scrub: needle {} (cookie {}) of volume {} at offset {} ({} bytes) fails its CRC32C",
                        n.key(), n.cookie(), n.vid(), n.position(), n.size());
            }

            @Override
            public void damagedVolume(int vid, String problem) {
                log.error("scrub: volume {} is damaged: {}", vid, problem);
            }
        };
    }

    public void start() {
        thread.start();
    }

    /** Volume bytes read since start. */
    public long bytesScrubbed() {
        return bytes.sum();
    }

    /** Bad live needles found since start (a needle still bad in the next cycle counts again). */
    public long badNeedles() {
        return badNeedles.sum();
    }

    /** Cycles completed since start. */
    public long cycles() {
        return cycles.get();
    }

    private void run() {
        while (!stopped) {
            try {
                cycle();
                cycles.incrementAndGet();
                Thread.sleep(Math.max(1, settings.pause().toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                if (stopped) {
                    return;
                }
                log.warn("scrub cycle failed; next one after the pause", e);
                try {
                    Thread.sleep(Math.max(1, settings.pause().toMillis()));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One pass over every volume open now; runs on the calling thread. */
    void cycle() throws IOException, InterruptedException {
        List<Volume> all = new ArrayList<>(volumes.volumes());
        all.sort(Comparator.comparingInt(Volume::id));
        long started = System.nanoTime();
        long read = 0;
        for (Volume volume : all) {
            long epoch = 0;
            long from = Volume.SCRUB_START;
            while (!stopped) {
                ScrubStep step;
                try {
                    step = volume.scrub(epoch, from, STEP, needle -> {
                        badNeedles.increment();
                        listener.badNeedle(needle);
                    });
                } catch (XfsException closed) {
                    break; // the volume was closed (store stopping, volume removed)
                }
                bytes.add(step.bytes());
                read += step.bytes();
                if (step.problem() != null) {
                    listener.damagedVolume(volume.id(), step.problem());
                }
                if (step.done()) {
                    break;
                }
                epoch = step.epoch();
                from = step.next();
                throttle(started, read);
            }
        }
    }

    /** Sleeps until {@code read} bytes since {@code started} are within the rate. */
    private void throttle(long started, long read) throws InterruptedException {
        long dueNanos = (long) (read * 1e9 / settings.bytesPerSecond());
        long aheadMillis = (dueNanos - (System.nanoTime() - started)) / 1_000_000;
        if (aheadMillis > 0) {
            Thread.sleep(aheadMillis);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
