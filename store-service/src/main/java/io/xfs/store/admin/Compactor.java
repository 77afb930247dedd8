package io.xfs.store.admin;

import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeStats;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs volume compactions one at a time: on request ({@code /admin/compact_volume}) and automatically, every
 * check interval, for each volume whose garbage ratio reached the threshold. One at a time because a
 * compaction copies a whole volume and shares the disk with live traffic. Thread-safe.
 */
public final class Compactor implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final VolumeManager volumes;
    private final double garbageRatio;
    private final ReentrantLock lock = new ReentrantLock();
    private final @Nullable ScheduledExecutorService scheduler;

    /**
     * @param checkInterval how often to look for volumes to compact; zero turns automatic compaction off
     */
    public Compactor(VolumeManager volumes, double garbageRatio, Duration checkInterval) {
        this.volumes = volumes;
        this.garbageRatio = garbageRatio;
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            scheduler = null;
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("compactor").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::maybeCompactAll, checkInterval.toMillis(), checkInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Compacts one volume now, after any compaction already running. */
    public void compact(Volume volume) throws IOException {
        lock.lock();
        try {
            VolumeStats before = volume.stats();
            long start = System.nanoTime();
            volume.compact();
            VolumeStats after = volume.stats();
            log.info("Compacted volume {}: {} -> {} bytes, {} needles, in {} ms", volume.id(), before.size(),
                    after.size(), after.needles(), (System.nanoTime() - start) / 1_000_000);
        } finally {
            lock.unlock();
        }
    }

    /** Compacts every volume whose garbage ratio is at or above the threshold; returns how many. */
    public int maybeCompactAll() {
        int compacted = 0;
        for (Volume volume : volumes.volumes()) {
            try {
                VolumeStats stats = volume.stats();
                if (volume.compactionHeld()) {
                    // A copy from or into this volume addresses needles by position: next check.
                    continue;
                }
                if (stats.garbageBytes() > 0 && stats.garbageRatio() >= garbageRatio) {
                    log.info("Volume {} is {}% garbage (threshold {}%): compacting", stats.vid(),
                            Math.round(stats.garbageRatio() * 100), Math.round(garbageRatio * 100));
                    compact(volume);
                    compacted++;
                }
            } catch (IOException | RuntimeException e) {
                log.error("Automatic compaction of volume {} failed", volume.id(), e);
            }
        }
        return compacted;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                // let a running compaction reach a safe point before the volumes close
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
