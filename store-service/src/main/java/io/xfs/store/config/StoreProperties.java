package io.xfs.store.config;

import io.xfs.store.volume.Durability;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.store.*}. Properties left unset for the volume engine ({@code durability},
 * {@code volume-max-size}, {@code fsync-interval}) take the engine's defaults ({@code VolumeOptions.defaults()}:
 * fsync with group commit, 32 GiB), so each default lives in one place.
 *
 * @param id             this store's id in ZooKeeper; unset: the one saved in {@code <data-dir>/store.id},
 *                       generated on first start
 * @param rack           the failure domain the store declares
 * @param advertisedHost the host other services reach this store at; unset: this machine's address
 * @param durability     when a write is acknowledged: {@code fsync} | {@code interval} | {@code none}
 * @param maxNeedleSize  the largest needle an upload may carry (413 above it); a volume is published as
 *                       writable only while it has room for one needle of this size
 * @param maxBatchSize   the most bytes one {@code POST /uploads} may carry
 * @param volumeMaxSize  the cap of each volume file
 * @param fsyncInterval  how often the {@code interval} policy syncs
 * @param refreshInterval how often the ZooKeeper node is rewritten with fresh stats
 * @param compaction     automatic compaction
 * @param scrub          background re-reading of every needle (docs/operations.md, "Scrubbing")
 */
@ConfigurationProperties("xfs.store")
public record StoreProperties(
        @Nullable String id,
        @DefaultValue("default") String rack,
        @Nullable String advertisedHost,
        @Nullable Durability durability,
        @DefaultValue("16MB") DataSize maxNeedleSize,
        @DefaultValue("64MB") DataSize maxBatchSize,
        @Nullable DataSize volumeMaxSize,
        @Nullable Duration fsyncInterval,
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue Compaction compaction,
        @DefaultValue Scrub scrub) {

    public StoreProperties {
        if (maxNeedleSize.toBytes() <= 0 || maxNeedleSize.toBytes() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("xfs.store.max-needle-size must be within 1 byte and 2 GiB: "
                    + maxNeedleSize);
        }
        if (maxBatchSize.toBytes() < maxNeedleSize.toBytes()) {
            throw new IllegalArgumentException("xfs.store.max-batch-size (" + maxBatchSize
                    + ") must hold at least one needle of xfs.store.max-needle-size (" + maxNeedleSize + ")");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("xfs.store.refresh-interval must be positive: " + refreshInterval);
        }
    }

    /**
     * {@code xfs.store.compaction.*}.
     *
     * @param garbageRatio  compact a volume once this share of its bytes is garbage (deleted or overwritten)
     * @param checkInterval how often volumes are checked; {@code 0} turns automatic compaction off
     */
    public record Compaction(@DefaultValue("0.3") double garbageRatio, @DefaultValue("1m") Duration checkInterval) {
        public Compaction {
            if (!(garbageRatio > 0 && garbageRatio <= 1)) {
                throw new IllegalArgumentException("xfs.store.compaction.garbage-ratio must be in (0, 1]: "
                        + garbageRatio);
            }
        }
    }

    /**
     * {@code xfs.store.scrub.*}.
     *
     * @param enabled        re-read every needle in the background and check its CRC32C
     * @param bytesPerSecond the most volume bytes the scrubber reads per second
     * @param pause          the rest between two full passes over the volumes
     */
    public record Scrub(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4MB") DataSize bytesPerSecond,
            @DefaultValue("1h") Duration pause) {
        public Scrub {
            if (bytesPerSecond.toBytes() < 1) {
                throw new IllegalArgumentException("xfs.store.scrub.bytes-per-second must be positive: " + bytesPerSecond);
            }
        }
    }
}
