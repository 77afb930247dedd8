package io.xfs.store.repair;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.store.volume.CorruptionListener;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs one needle that fails its CRC here (found by a scrub or a read): a good copy is read from
 * another replica of the volume (whose store verifies it before the last byte), appended here afresh
 * with the same key and cookie, and the index then points at it; the damaged needle becomes garbage
 * that compaction reclaims (docs/operations.md, "Scrub repair"). As a {@link CorruptionListener} it
 * repairs in the background every damaged needle a read reports (read-repair), each at most once a minute.
 * Thread-safe.
 */
public final class NeedleRepairer implements CorruptionListener, Closeable {
    /** A needle no replica could repair is tried again on a report after this long, not on every read. */
    private static final long RETRY_MILLIS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(NeedleRepairer.class);

    private final VolumeManager volumes;
    private final IntFunction<List<String>> peers;
    private final StoreClient client;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("needle-repair").daemon().factory());
    /** Needles queued or being repaired, and when a failed one was last tried. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    /** @param peers the {@code host:port} of the other stores holding volume {@code vid} */
    public NeedleRepairer(VolumeManager volumes, IntFunction<List<String>> peers, StoreClient client) {
        this.volumes = volumes;
        this.peers = peers;
        this.client = client;
    }

    /**
     * Repairs needle {@code key} of volume {@code vid} if its copy here is damaged. Returns true when it
     * appended a good copy, false when there was nothing to repair (the needle reads well, or is absent).
     *
     * One repair at a time: a scrub, a read and a proxy may report the same needle at once, and each
     * would otherwise find it damaged and append its own copy.
     *
     * @throws XfsException {@code CORRUPT_DATA} when no other replica has a good copy (the needle stays
     *                      damaged here and reads keep failing over)
     */
    public synchronized boolean repair(int vid, long key, int cookie) throws IOException {
        Volume volume = volumes.volume(vid).orElseThrow(
                () -> new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + vid + " is not on this store"));
        if (!damaged(volume, key, cookie)) {
            return false;
        }
        for (String peer : peers.apply(vid)) {
            byte[] good;
            try {
                good = client.get(peer, vid, key, cookie);
            } catch (XfsException e) {
                log.warn("Volume {}: needle {} not readable from {}: {}", vid, key, peer, e.getMessage());
                continue;
            }
            volume.append(key, cookie, ByteBuffer.wrap(good));
            if (!damaged(volume, key, cookie)) {
                log.warn("Volume {}: damaged needle {} repaired from {} ({} bytes appended afresh)", vid, key, peer,
                        good.length);
                return true;
            }
        }
        throw new XfsException(ErrorCode.CORRUPT_DATA, "volume " + vid + ": needle " + key
                + " is damaged here and no other replica gave a good copy");
    }

    /** Queues a repair of the reported needle (deduplicated; one at a time in the background). */
    @Override
    public void corrupt(int vid, long key, int cookie) {
        String id = vid + "/" + key + "/" + cookie;
        long now = System.currentTimeMillis();
        Long previous = pending.putIfAbsent(id, Long.MAX_VALUE);
        if (previous != null && (previous == Long.MAX_VALUE || now - previous < RETRY_MILLIS
                || !pending.replace(id, previous, Long.MAX_VALUE))) {
            return; // queued, running, or failed a moment ago
        }
        try {
            background.execute(() -> {
                try {
                    repair(vid, key, cookie);
                    pending.remove(id);
                } catch (IOException | RuntimeException e) {
                    log.error("Volume {}: read-repair of needle {} failed: {}", vid, key, e.getMessage());
                    pending.put(id, System.currentTimeMillis());
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(id); // closing
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private static boolean damaged(Volume volume, long key, int cookie) throws IOException {
        try {
            volume.read(key, cookie);
            return false;
        } catch (XfsException e) {
            if (e.errorCode() == ErrorCode.CORRUPT_DATA) {
                return true;
            }
            if (e.errorCode() == ErrorCode.NEEDLE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
