package io.xfs.proxy.mas;

import io.xfs.proxy.token.TokenService;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims what abandoned work leaves: uploads idle past their expiry (with their chunk files), expired
 * tokens in a memory store, and spool files a crashed request left behind. Runs on one daemon thread;
 * every proxy may run it at once, since each removal is atomic in the state store. {@link #close()} stops it.
 */
final class MasCleaner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MasCleaner.class);

    private final MasUploads uploads;
    private final TokenService tokens;
    private final Path spoolDir;
    private final Duration expiry;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mas-cleaner").factory());

    MasCleaner(MasUploads uploads, TokenService tokens, Path spoolDir, Duration expiry, Clock clock) {
        this.uploads = uploads;
        this.tokens = tokens;
        this.spoolDir = spoolDir;
        this.expiry = expiry;
        this.clock = clock;
    }

    /** Runs every quarter of the expiry, at most every 10 minutes and at least every second. */
    void start() {
        long period = Math.clamp(expiry.toMillis() / 4, 1000, Duration.ofMinutes(10).toMillis());
        executor.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            tokens.removeExpired();
            int removed = uploads.cleanUpAbandoned();
            if (removed > 0) {
                log.info("removed {} abandoned uploads and stray chunk files", removed);
            }
            removeStaleSpoolFiles();
        } catch (RuntimeException e) {
            log.warn("cleaning up abandoned uploads failed; will retry: {}", e.toString());
        }
    }

    private void removeStaleSpoolFiles() {
        long cutoff = clock.millis() - expiry.toMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir,
                Spool.TEMP_PREFIX + "*" + Spool.TEMP_SUFFIX)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < cutoff) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("could not sweep spool directory {}: {}", spoolDir, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
