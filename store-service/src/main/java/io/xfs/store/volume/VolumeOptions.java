package io.xfs.store.volume;

import java.time.Duration;
import java.util.Objects;

/**
 * How volumes are opened.
 *
 * @param maxSize       the cap of a volume file in bytes (at most {@link #MAX_VOLUME_SIZE}, 32 GiB); an
 *                      append that does not fit fails with {@code VOLUME_FULL} and turns the volume read-only
 * @param durability    when writes are acknowledged
 * @param fsyncInterval the period of the background fsync under {@link Durability#INTERVAL}
 */
public record VolumeOptions(long maxSize, Durability durability, Duration fsyncInterval) {
    /** 2^32 offsets of 8 bytes: the largest volume the uint32 offsets of SPEC §5 can address. */
    public static final long MAX_VOLUME_SIZE = 32L << 30;

    public VolumeOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        if (maxSize < 4096 || maxSize > MAX_VOLUME_SIZE) {
            throw new IllegalArgumentException("maxSize must be in [4096, " + MAX_VOLUME_SIZE + "]: " + maxSize);
        }
        if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
            throw new IllegalArgumentException("fsyncInterval must be positive: " + fsyncInterval);
        }
    }

    /** 32 GiB volumes, fsync with group commit, 1 s interval (used only under {@code INTERVAL}). */
    public static VolumeOptions defaults() {
        return new VolumeOptions(MAX_VOLUME_SIZE, Durability.FSYNC, Duration.ofSeconds(1));
    }

    public VolumeOptions withMaxSize(long newMaxSize) {
        return new VolumeOptions(newMaxSize, durability, fsyncInterval);
    }

    public VolumeOptions withDurability(Durability newDurability) {
        return new VolumeOptions(maxSize, newDurability, fsyncInterval);
    }

    public VolumeOptions withFsyncInterval(Duration newInterval) {
        return new VolumeOptions(maxSize, durability, newInterval);
    }
}
