package io.xfs.store.repair;

import io.xfs.common.store.CopyResult;
import io.xfs.common.store.ReplicaSnapshot;
import io.xfs.store.volume.CopyCursor;
import io.xfs.store.volume.NeedleWrite;
import io.xfs.store.volume.RawNeedleReader;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a whole volume from a healthy replica into a local replica of the same vid (docs/store.md,
 * "Volume copy"): the source's raw needles are streamed from the cursor on, each CRC-checked and
 * appended in batches; then the source's live keys (its index) are compared with the local ones and the
 * keys the source deleted meanwhile are deleted here. Rounds repeat until one changes nothing and both
 * sides hold the same keys; only then is the replica marked complete. The cursor is saved after every
 * durable batch, so a retried copy resumes, and needles already present are skipped, so a duplicated or
 * restarted copy never writes a needle twice. One copy per volume at a time. Thread-safe.
 */
public final class VolumeCopier {
    private static final Logger log = LoggerFactory.getLogger(VolumeCopier.class);
    /** Appends are flushed in batches of at most this many bytes or {@link #BATCH_NEEDLES} needles. */
    private static final long BATCH_BYTES = 4L << 20;
    private static final int BATCH_NEEDLES = 256;
    /** How long compaction of the volume waits for a copy; renewed every round. */
    private static final Duration HOLD = Duration.ofMinutes(10);

    private final VolumeManager volumes;
    private final int maxNeedleSize;
    private final int maxRounds;
    private final Runnable completed;
    private final ConcurrentMap<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param maxNeedleSize the largest needle accepted from a source
     * @param maxRounds     catch-up rounds before a run gives up as not (yet) agreed
     * @param completed     run when a replica is marked complete: publishes it, since the directory swaps it
     *                      in only once it is published readable
     */
    public VolumeCopier(VolumeManager volumes, int maxNeedleSize, int maxRounds, Runnable completed) {
        this.volumes = volumes;
        this.maxNeedleSize = maxNeedleSize;
        this.maxRounds = maxRounds;
        this.completed = completed;
    }

    /** Copies (or resumes copying, or checks) volume {@code vid} from {@code source}. */
    public CopyResult copy(int vid, ReplicaSource source) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(vid, k -> new ReentrantLock());
        lock.lock();
        try {
            return copyLocked(vid, source);
        } finally {
            lock.unlock();
        }
    }

    private CopyResult copyLocked(int vid, ReplicaSource source) throws IOException {
        Volume volume = volumes.volume(vid).orElse(null);
        if (volume == null) {
            // Marked before it exists, so that a crash never leaves an unmarked partial replica.
            volumes.markIncomplete(vid);
            volume = volumes.add(vid);
        }
        Run run = new Run(vid, volume, source);
        try {
            for (int round = 1; round <= maxRounds; round++) {
                volume.holdCompaction(HOLD);
                if (run.round()) {
                    volumes.markComplete(vid);
                    completed.run();
                    CopyResult result = run.result(round, true);
                    log.info("Volume {}: replica agrees with {} after {} round(s): {} needles, {} bytes, {} deletes",
                            vid, source.name(), round, result.needles(), result.bytes(), result.deletes());
                    return result;
                }
            }
            CopyResult result = run.result(maxRounds, false);
            log.warn("Volume {}: replica does not agree with {} after {} rounds ({} keys missing, {} corrupt needles)",
                    vid, source.name(), maxRounds, result.missing(), result.corrupt());
            return result;
        } finally {
            volume.holdCompaction(Duration.ZERO);
        }
    }

    /** One run's state and counters. */
    private final class Run {
        private final int vid;
        private final Volume volume;
        private final ReplicaSource source;
        private final List<NeedleWrite> batch = new ArrayList<>();
        private final Set<Long> batchKeys = new HashSet<>();
        private long batchBytes;
        private long needles;
        private long bytes;
        private long deletes;
        private long corrupt;
        private long missing;
        private CopyCursor cursor;

        Run(int vid, Volume volume, ReplicaSource source) {
            this.vid = vid;
            this.volume = volume;
            this.source = source;
            this.cursor = volumes.copyCursor(vid).orElse(CopyCursor.start(0));
        }

        /** One round; true when it changed nothing and the keys agree. */
        boolean round() throws IOException {
            ReplicaSnapshot reference = source.snapshot(vid);
            if (reference.epoch() != cursor.epoch()) {
                // First run, or the source was compacted or reopened: its positions changed, start over
                // (needles already here are skipped, not written again).
                cursor = CopyCursor.start(reference.epoch());
            }
            long changesBefore = needles + deletes;
            if (cursor.position() < reference.end()) {
                stream(reference);
            }
            missing = 0;
            long[] local = volume.replicaState().keys();
            long[] wanted = reference.keys();
            int i = 0;
            int j = 0;
            while (i < local.length || j < wanted.length) {
                if (j == wanted.length || (i < local.length && local[i] < wanted[j])) {
                    // Live here, gone at the source: deleted there after we copied it.
                    if (volume.deleteKey(local[i])) {
                        deletes++;
                    }
                    i++;
                } else if (i == local.length || wanted[j] < local[i]) {
                    missing++;
                    j++;
                } else {
                    i++;
                    j++;
                }
            }
            return needles + deletes == changesBefore && missing == 0;
        }

        private void stream(ReplicaSnapshot reference) throws IOException {
            long from = cursor.position();
            try (InputStream in = source.needles(vid, reference.epoch(), from, reference.end())) {
                RawNeedleReader reader = new RawNeedleReader(in, from, maxNeedleSize);
                for (RawNeedleReader.RawNeedle needle = reader.next(); needle != null; needle = reader.next()) {
                    apply(needle, reader.position());
                }
                flush(reader.position());
                if (reader.position() != reference.end()) {
                    throw new IOException("volume " + vid + ": the source's needles ended at " + reader.position()
                            + ", not at " + reference.end());
                }
                bytes += reader.position() - from;
            }
        }

        private void apply(RawNeedleReader.RawNeedle needle, long after) throws IOException {
            if (!needle.crcValid()) {
                // Never copy rot: the key then shows as missing, and the copy does not count.
                corrupt++;
                log.warn("Volume {}: needle {} at {} of {} fails its CRC; not copied", vid, needle.key(),
                        needle.position(), source.name());
                return;
            }
            if (batchKeys.contains(needle.key())) {
                flush(needle.position());
            }
            OptionalLong present = volume.size(needle.key(), needle.cookie());
            if (needle.deleted()) {
                if (present.isPresent() && volume.delete(needle.key(), needle.cookie())) {
                    deletes++;
                }
                return;
            }
            if (present.isPresent() && present.getAsLong() == needle.data().remaining()) {
                return;
            }
            if (present.isEmpty()) {
                // A key live here with another cookie is a stale needle: the source's is the truth.
                volume.deleteKey(needle.key());
            }
            batch.add(new NeedleWrite(needle.key(), needle.cookie(), needle.data()));
            batchKeys.add(needle.key());
            batchBytes += needle.data().remaining();
            if (batchBytes >= BATCH_BYTES || batch.size() >= BATCH_NEEDLES) {
                flush(after);
            }
        }

        /** Appends the batch (one durable flush), then records that the source is copied up to {@code upTo}. */
        private void flush(long upTo) throws IOException {
            if (!batch.isEmpty()) {
                volume.appendAll(batch);
                needles += batch.size();
                batch.clear();
                batchKeys.clear();
                batchBytes = 0;
            }
            if (upTo > cursor.position()) {
                cursor = new CopyCursor(cursor.epoch(), upTo);
                volumes.saveCopyCursor(vid, cursor);
            }
        }

        CopyResult result(int rounds, boolean agreed) {
            return new CopyResult(vid, rounds, needles, bytes, deletes, corrupt, missing, agreed);
        }
    }
}
