package io.xfs.store.volume;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.fs.PrivateFiles;
import io.xfs.common.store.ReplicaSnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Haystack volume: an append-only file of needles ({@code <vid>.dat}) and its index ({@code
 * <vid>.idx}), formats in docs/storage-format.md. Appends and deletes are serialized by an append lock
 * and acknowledged only once durable under the {@link Durability} policy (group commit under {@code
 * FSYNC}); reads run concurrently with them and with an online {@link #compact}, and verify every
 * needle's CRC. Thread-safe.
 *
 * <p>Failures are {@link XfsException}s: {@code NEEDLE_NOT_FOUND} (absent, deleted and wrong cookie look
 * alike on purpose), {@code KEY_CONFLICT}, {@code VOLUME_FULL}, {@code VOLUME_READ_ONLY}, {@code
 * CORRUPT_DATA} (with volume, key and offset), {@code PAYLOAD_TOO_LARGE}, {@code RANGE_NOT_SATISFIABLE};
 * an {@link IOException} means the disk failed, and the volume then turns read-only.
 */
public final class Volume implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Volume.class);
    /** The read-only reason of a full volume: unlike a disk failure, deletes and compaction still work. */
    private static final String FULL = "full";

    private final int vid;
    private final VolumeFiles files;
    private final VolumeOptions options;
    private final NeedleReader reader;
    /** Serializes appends, deletes and the compaction swap. Taken before {@link #indexLock}. */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Guards {@link #index} and {@link #log} (the pair a read resolves) against the writers. */
    private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final ReentrantLock compactionLock = new ReentrantLock();
    private final GroupCommitter committer;
    private final @Nullable ScheduledExecutorService intervalFlusher;

    // Guarded by indexLock (written also under appendLock, so the append path may read without indexLock):
    private NeedleLog log;
    private NeedleIndex index;
    // Guarded by appendLock:
    private IndexFile indexFile;
    private Tally tally;
    private @Nullable CompactionJournal journal;
    private volatile @Nullable String readOnlyReason;
    private volatile VolumeCompactor.StepListener compactionListener = step -> { };
    private volatile boolean closed;
    /**
     * Names the current layout of the file: needle positions are valid only within one epoch. A new one at
     * every open and every compaction swap, so that a replica copying by position notices (docs/store.md,
     * "Volume copy").
     */
    private volatile long epoch = newEpoch();
    /** {@link System#nanoTime} until which compaction waits: a copy from or into this volume is running. */
    private volatile long compactionHeldUntil = System.nanoTime();
    private volatile CorruptionListener corruption = (v, k, c) -> { };

    private Volume(int vid, VolumeFiles files, VolumeOptions options, VolumeLoader.Loaded loaded) {
        this.vid = vid;
        this.files = files;
        this.options = options;
        this.reader = new NeedleReader(vid);
        this.log = loaded.log();
        this.index = loaded.index();
        this.indexFile = loaded.indexFile();
        this.tally = loaded.tally();
        this.committer = new GroupCommitter(options.durability(), log, indexFile);
        if (options.durability() == Durability.INTERVAL) {
            intervalFlusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("xfs-volume-" + vid + "-fsync").factory());
            long periodNanos = options.fsyncInterval().toNanos();
            intervalFlusher.scheduleWithFixedDelay(this::intervalFlush, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } else {
            intervalFlusher = null;
        }
    }

    /**
     * Opens volume {@code vid} in {@code dir}, creating it when absent and otherwise recovering it: the
     * index is loaded, the volume scanned past the last indexed needle and truncated at the first torn or
     * corrupt needle, an interrupted compaction finished or rolled back.
     *
     * @throws IOException when the files cannot be read or are not a volume (bad super block)
     */
    public static Volume open(int vid, Path dir, VolumeOptions options) throws IOException {
        PrivateFiles.createDirectories(dir);
        VolumeFiles files = new VolumeFiles(dir, vid);
        return new Volume(vid, files, options, new VolumeLoader(files, vid, options.durability()).load());
    }

    public int id() {
        return vid;
    }

    /**
     * Appends a needle with the data from {@code data}'s position to its limit (the buffer is not
     * modified). The key may be new, deleted, or already live with the same cookie (an overwrite: the
     * older needle becomes garbage). Returns once the needle is durable under the policy.
     *
     * @throws XfsException {@code KEY_CONFLICT} if the key is live with another cookie, {@code VOLUME_FULL}
     *                      (the volume then turns read-only), {@code VOLUME_READ_ONLY}, {@code PAYLOAD_TOO_LARGE}
     * @throws IOException  the write or fsync failed; the needle may or may not be there after a restart
     */
    public void append(long key, int cookie, ByteBuffer data) throws IOException {
        appendAll(List.of(new NeedleWrite(key, cookie, data)));
    }

    /**
     * Appends a batch of needles with one durable flush. The batch is checked as a whole first (key
     * conflicts, including within the batch, and space), so a refused batch writes nothing.
     */
    public void appendAll(List<NeedleWrite> needles) throws IOException {
        if (needles.isEmpty()) {
            return;
        }
        for (NeedleWrite needle : needles) {
            checkSize(needle);
        }
        long seq;
        appendLock.lock();
        try {
            checkWritable();
            int[] previousSizes = new int[needles.size()];
            long bytes = checkBatch(needles, previousSizes);
            if (log.end() + bytes > options.maxSize()) {
                readOnlyReason = FULL;
                LOG.warn("volume {}: full ({} of {} bytes), now read-only", vid, log.end(), options.maxSize());
                throw new XfsException(ErrorCode.VOLUME_FULL, "volume " + vid + " is full: " + log.end() + " of "
                        + options.maxSize() + " bytes used, " + bytes + " more needed");
            }
            seq = writeNeedles(needles, previousSizes);
        } finally {
            appendLock.unlock();
        }
        awaitDurable(seq);
    }

    private void checkSize(NeedleWrite needle) {
        int size = needle.data().remaining();
        if (size > NeedleFormat.MAX_DATA_SIZE || NeedleFormat.needleLength(size) > options.maxSize() - SuperBlock.SIZE) {
            throw new XfsException(ErrorCode.PAYLOAD_TOO_LARGE, "volume " + vid + ": needle " + needle.key() + " of "
                    + size + " bytes can never fit a volume of " + options.maxSize() + " bytes");
        }
    }

    /**
     * Checks the batch against the index and itself; returns the bytes it will take and fills {@code
     * previousSizes} with the data size of the needle each one replaces (-1 when none). Holds appendLock.
     */
    private long checkBatch(List<NeedleWrite> needles, int[] previousSizes) throws IOException {
        Map<Long, Integer> cookies = needles.size() > 1 ? new HashMap<>() : Map.of();
        long bytes = 0;
        for (int i = 0; i < needles.size(); i++) {
            NeedleWrite needle = needles.get(i);
            int size = needle.data().remaining();
            previousSizes[i] = -1;
            bytes += NeedleFormat.needleLength(size);
            Integer batchCookie = needles.size() > 1 ? cookies.putIfAbsent(needle.key(), needle.cookie()) : null;
            if (batchCookie != null && batchCookie != needle.cookie()) {
                throw conflict(needle.key());
            }
            int units = index.get(needle.key());
            if (units != 0) {
                NeedleReader.Header old = reader.readHeader(log, NeedleFormat.toPosition(units), needle.key());
                if (old.cookie() != needle.cookie() && !old.deleted()) {
                    throw conflict(needle.key());
                }
                previousSizes[i] = old.size();
            }
        }
        return bytes;
    }

    /** Writes checked needles in one gathering write and submits them; returns the seq to await. Holds appendLock. */
    private long writeNeedles(List<NeedleWrite> needles, int[] previousSizes) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[needles.size() * 3];
        ByteBuffer frames = ByteBuffer.allocate(needles.size() * (NeedleFormat.HEADER_SIZE + NeedleFormat.FOOTER_SIZE
                + NeedleFormat.ALIGNMENT));
        for (int i = 0; i < needles.size(); i++) {
            NeedleWrite needle = needles.get(i);
            ByteBuffer data = needle.data().duplicate();
            int size = data.remaining();
            int start = frames.position();
            NeedleFormat.putHeader(frames, needle.cookie(), needle.key(), NeedleFormat.FLAG_LIVE, size);
            buffers[3 * i] = frames.slice(start, NeedleFormat.HEADER_SIZE);
            buffers[3 * i + 1] = data;
            start = frames.position();
            NeedleFormat.putFooter(frames, NeedleFormat.crc(needle.cookie(), needle.key(), data), size);
            buffers[3 * i + 2] = frames.slice(start, frames.position() - start);
        }
        long position;
        try {
            position = log.append(buffers);
        } catch (IOException e) {
            fail("append failed", e);
            throw e;
        }
        ByteBuffer records = ByteBuffer.allocate(needles.size() * IndexFormat.RECORD_SIZE);
        Map<Long, Integer> batchSizes = needles.size() > 1 ? new HashMap<>() : Map.of();
        indexLock.writeLock().lock();
        try {
            for (int i = 0; i < needles.size(); i++) {
                NeedleWrite needle = needles.get(i);
                int size = needle.data().remaining();
                int units = NeedleFormat.toUnits(position);
                long previous = index.put(needle.key(), units, size);
                if (previous != NeedleIndex.ABSENT) {
                    Integer sizeInBatch = needles.size() > 1 ? batchSizes.put(needle.key(), size) : null;
                    tally.died(sizeInBatch != null ? sizeInBatch : previousSizes[i]);
                } else if (needles.size() > 1) {
                    batchSizes.put(needle.key(), size);
                }
                tally.addLive(size);
                IndexFormat.put(records, needle.key(), units, size);
                if (journal != null) {
                    journal.appended(needle.key(), units);
                }
                position += NeedleFormat.needleLength(size);
            }
        } finally {
            indexLock.writeLock().unlock();
        }
        return committer.submit(records.flip(), false);
    }

    /** The data size of the live needle {@code key} if it has this cookie, else empty. */
    public OptionalLong size(long key, int cookie) {
        Located located = locate(key);
        if (located == null) {
            return OptionalLong.empty();
        }
        try {
            long size = reader.size(located.log(), located.position(), key, cookie);
            return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
        } catch (IOException e) {
            throw new XfsException(ErrorCode.INTERNAL, "volume " + vid + ": reading needle " + key + " failed: " + e, e);
        } finally {
            located.release();
        }
    }

    /**
     * Writes bytes [{@code offset}, {@code offset + length}) of needle {@code key} to {@code out} and
     * returns the bytes written. The CRC is verified: a needle up to 64 KiB before its first byte is
     * written, a larger one as it streams, with {@code CORRUPT_DATA} thrown before the last byte goes
     * out, so a caller that stops on the exception never delivers a complete corrupt needle.
     *
     * @throws XfsException {@code NEEDLE_NOT_FOUND}, {@code RANGE_NOT_SATISFIABLE}, {@code CORRUPT_DATA}
     */
    public long read(long key, int cookie, long offset, long length, WritableByteChannel out) throws IOException {
        if (offset < 0 || length < 0) {
            throw new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "volume " + vid + ": bad range " + offset + "+" + length);
        }
        Located located = locateOrThrow(key);
        try {
            return reader.read(located.log(), located.position(), key, cookie, offset, length, out);
        } catch (XfsException e) {
            throw reported(e, key, cookie);
        } finally {
            located.release();
        }
    }

    /** The whole data of needle {@code key}, verified; see {@link #read(long, int, long, long, WritableByteChannel)}. */
    public byte[] read(long key, int cookie) throws IOException {
        Located located = locateOrThrow(key);
        try {
            return reader.readAll(located.log(), located.position(), key, cookie);
        } catch (XfsException e) {
            throw reported(e, key, cookie);
        } finally {
            located.release();
        }
    }

    /**
     * Deletes needle {@code key} if it is live with this cookie: its flag is set in the volume and a
     * tombstone appended to the index, both durable before this returns. Deleting works on a full volume.
     *
     * @return false when the needle is absent, already deleted or has another cookie
     */
    public boolean delete(long key, int cookie) throws IOException {
        long seq;
        appendLock.lock();
        try {
            checkOpen();
            if (readOnlyReason != null && !readOnlyReason.equals(FULL)) {
                throw readOnlyError();
            }
            int units = index.get(key);
            if (units == 0) {
                return false;
            }
            long position = NeedleFormat.toPosition(units);
            NeedleReader.Header header = reader.readHeader(log, position, key);
            if (header.cookie() != cookie) {
                return false;
            }
            if (!header.deleted()) {
                try {
                    log.writeByte(position + NeedleFormat.FLAG_OFFSET, NeedleFormat.FLAG_DELETED);
                } catch (IOException e) {
                    fail("delete failed", e);
                    throw e;
                }
            }
            indexLock.writeLock().lock();
            try {
                index.remove(key);
            } finally {
                indexLock.writeLock().unlock();
            }
            tally.died(header.size());
            if (journal != null) {
                journal.deleted(key);
            }
            ByteBuffer record = ByteBuffer.allocate(IndexFormat.RECORD_SIZE);
            IndexFormat.put(record, key, units, IndexFormat.TOMBSTONE);
            seq = committer.submit(record.flip(), true);
            if (header.deleted()) {
                // The flag was on disk but the index had lost the tombstone (a stale index): repaired, but
                // this call did not delete anything.
                return false;
            }
        } finally {
            appendLock.unlock();
        }
        awaitDurable(seq);
        return true;
    }

    public VolumeStats stats() {
        VolumeStats stats;
        appendLock.lock();
        try {
            long size = log.end();
            stats = new VolumeStats(vid, size, Math.max(0, options.maxSize() - size), index.size(), tally.liveBytes(),
                    tally.deadNeedles(), tally.garbageBytes(), readOnly());
        } finally {
            appendLock.unlock();
        }
        try {
            long usable = Files.getFileStore(files.dir()).getUsableSpace();
            if (usable < stats.free()) {
                return new VolumeStats(vid, stats.size(), usable, stats.needles(), stats.liveBytes(),
                        stats.deletedNeedles(), stats.garbageBytes(), stats.readOnly());
            }
        } catch (IOException e) {
            LOG.debug("volume {}: cannot read the free space of {}", vid, files.dir(), e);
        }
        return stats;
    }

    /**
     * Fsyncs of the volume file since it was opened (for metrics: under group commit, one fsync covers
     * the appends and deletes of many concurrent writers).
     */
    public long fsyncs() {
        return committer.syncs();
    }

    /** Whether appends are refused: the volume is full, a write or fsync failed, or it is closed. */
    public boolean readOnly() {
        return readOnlyReason != null || closed;
    }

    /**
     * Rewrites the volume without its dead needles, online: reads, appends and deletes continue while live
     * needles are copied, and those that arrive meanwhile are carried over before an atomic, crash-safe
     * swap. Returns when the compacted volume is in place. One compaction at a time per volume.
     */
    public void compact() throws IOException {
        compactionLock.lock();
        try {
            checkOpen();
            String reason = readOnlyReason;
            if (reason != null && !reason.equals(FULL)) {
                throw readOnlyError();
            }
            awaitCompactionHold();
            new VolumeCompactor(this, compactionListener).compact();
        } finally {
            compactionLock.unlock();
        }
    }

    /** Who hears of damaged needles this volume's reads find (see {@link VolumeManager#onCorruption}). */
    void corruptionListener(CorruptionListener listener) {
        corruption = listener;
    }

    private XfsException reported(XfsException e, long key, int cookie) {
        if (e.errorCode() == ErrorCode.CORRUPT_DATA) {
            try {
                corruption.corrupt(vid, key, cookie);
            } catch (RuntimeException listenerFailure) {
                e.addSuppressed(listenerFailure);
            }
        }
        return e;
    }

    /**
     * Makes compaction of this volume wait for {@code duration} from now (a later call extends or shortens
     * the hold; {@code Duration.ZERO} releases it). A copy of the volume addresses needles by position, which
     * a compaction would change under it.
     */
    public void holdCompaction(Duration duration) {
        compactionHeldUntil = System.nanoTime() + duration.toNanos();
    }

    /** Whether compaction is held now (see {@link #holdCompaction}). */
    public boolean compactionHeld() {
        return System.nanoTime() - compactionHeldUntil < 0;
    }

    private void awaitCompactionHold() {
        while (compactionHeld() && !closed) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, (compactionHeldUntil - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XfsException(ErrorCode.INTERNAL, "volume " + vid + ": interrupted waiting for a copy", e);
            }
        }
    }

    /**
     * The volume's live keys (sorted), its end and its epoch, taken at one instant: every needle the keys
     * name lies before {@code end}. A copy compares its own keys with these after copying up to {@code end}.
     */
    public ReplicaSnapshot replicaState() {
        appendLock.lock();
        try {
            checkOpen();
            long[] keys;
            indexLock.readLock().lock();
            try {
                keys = index.keys();
            } finally {
                indexLock.readLock().unlock();
            }
            Arrays.sort(keys);
            return new ReplicaSnapshot(epoch, log.end(), keys);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Writes the raw volume bytes [{@code from}, {@code to}) (clipped at the current end) to {@code out}:
     * whole needles, as they are on disk, deleted ones included. {@code from} must be a needle boundary of
     * this {@code epoch}, such as the end of an earlier {@link #replicaState}; the receiver checks every
     * needle's CRC. Returns the bytes written.
     *
     * @throws XfsException {@code CONTENT_VANISHED} when the epoch is not the current one (the volume was
     *                      compacted or reopened: positions changed), {@code BAD_ARGUMENT} for a bad position
     */
    public long transferNeedles(long expectedEpoch, long from, long to, WritableByteChannel out) throws IOException {
        NeedleLog current;
        indexLock.readLock().lock();
        try {
            checkOpen();
            if (expectedEpoch != epoch) {
                throw new XfsException(ErrorCode.CONTENT_VANISHED, "volume " + vid + " changed (epoch " + epoch
                        + ", not " + expectedEpoch + "): start the copy again");
            }
            current = log;
            if (!current.retain()) {
                throw new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + vid + " is closed");
            }
        } finally {
            indexLock.readLock().unlock();
        }
        try {
            long end = Math.min(to, current.end());
            if (from < SuperBlock.SIZE || from % NeedleFormat.ALIGNMENT != 0 || from > current.end()) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "volume " + vid + ": " + from
                        + " is not a needle position (end " + current.end() + ")");
            }
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = from;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                current.readFully(buffer, position);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                position += buffer.limit();
            }
            return position - from;
        } finally {
            current.release();
        }
    }

    /** Where a scrub of a volume starts: its first needle. */
    public static final long SCRUB_START = SuperBlock.SIZE;

    /** A live needle whose bytes failed their CRC32C when {@link #scrub} re-read them. */
    public record BadNeedle(int vid, long key, int cookie, long position, int size) {
    }

    /** Receives the bad needles a {@link #scrub} step finds. */
    @FunctionalInterface
    public interface BadNeedleSink {
        void bad(BadNeedle needle) throws IOException;
    }

    /**
     * Re-reads about {@code budget} bytes of needles from {@code from} (a needle boundary returned by an
     * earlier step of the same {@code epoch}; {@link #SCRUB_START} and any epoch to start) and checks each
     * one's CRC32C; a live needle (the index points at it) that fails is handed to {@code bad}. Dead needles
     * are skipped: nothing reads them. A step sees the file as it was when it started; appends after that are
     * checked by the next cycle. When a compaction changed the file since {@code epoch}, the step is {@link
     * ScrubStep#done()} at once, so a cycle never mixes positions of two files.
     */
    public ScrubStep scrub(long expectedEpoch, long from, long budget, BadNeedleSink bad) throws IOException {
        NeedleLog current;
        long currentEpoch;
        indexLock.readLock().lock();
        try {
            checkOpen();
            currentEpoch = epoch;
            current = log;
            if ((from != SCRUB_START && expectedEpoch != currentEpoch) || !current.retain()) {
                return new ScrubStep(currentEpoch, -1, 0, null);
            }
        } finally {
            indexLock.readLock().unlock();
        }
        try {
            long end = current.end();
            if (from >= end) {
                return new ScrubStep(currentEpoch, -1, 0, null);
            }
            NeedleScanner.Result result = new NeedleScanner(current).scan(from, end, true,
                    (position, cookie, key, flag, size, crcValid) -> {
                        if (position > from && position - from >= budget) {
                            return false; // resume here next step
                        }
                        if (!crcValid && flag == NeedleFormat.FLAG_LIVE && lookup(key) == NeedleFormat.toUnits(position)) {
                            bad.bad(new BadNeedle(vid, key, cookie, position, size));
                        }
                        return true;
                    });
            long stopped = Math.min(result.end(), end);
            if (result.problem() != null) {
                return new ScrubStep(currentEpoch, -1, stopped - from, result.problem() + " at offset " + stopped);
            }
            return new ScrubStep(currentEpoch, stopped >= end ? -1 : stopped, stopped - from, null);
        } finally {
            current.release();
        }
    }

    /**
     * Deletes the live needle {@code key} whatever its cookie (a copy applying a delete it found at the
     * source). Returns false when the key is not live.
     */
    public boolean deleteKey(long key) throws IOException {
        Located located = locate(key);
        if (located == null) {
            return false;
        }
        int cookie;
        try {
            cookie = reader.readHeader(located.log(), located.position(), key).cookie();
        } finally {
            located.release();
        }
        return delete(key, cookie);
    }

    /** Flushes everything to disk and closes the files. Reads still streaming finish first on their own handle. */
    @Override
    public void close() throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (intervalFlusher != null) {
                // Not shutdownNow: an interrupt must not land in the middle of an fsync.
                intervalFlusher.shutdown();
                awaitTermination(intervalFlusher);
            }
            try {
                if (readOnlyReason == null || readOnlyReason.equals(FULL)) {
                    committer.flush(options.durability() != Durability.NONE);
                }
            } finally {
                indexFile.close();
                log.close();
            }
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Volume[" + vid + " " + files.data() + "]";
    }

    // ---- package-private: for the compactor and tests ----

    VolumeFiles files() {
        return files;
    }

    int vid() {
        return vid;
    }

    NeedleReader reader() {
        return reader;
    }

    ReentrantLock appendLock() {
        return appendLock;
    }

    GroupCommitter committer() {
        return committer;
    }

    /** The current log; stable while the caller holds the append lock. */
    NeedleLog log() {
        return log;
    }

    boolean closed() {
        return closed;
    }

    /** Tests: observe (or interrupt) compactions at each step. */
    void compactionListener(VolumeCompactor.StepListener listener) {
        compactionListener = listener;
    }

    /** The offset units the index maps {@code key} to, 0 when absent. */
    int lookup(long key) {
        indexLock.readLock().lock();
        try {
            return index.get(key);
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /** Starts recording changes for a compaction; holds appendLock. */
    void startJournal(CompactionJournal newJournal) {
        journal = newJournal;
    }

    /** Swaps the current journal for a fresh one and returns the old (its changes to replay); holds appendLock. */
    @Nullable CompactionJournal takeJournal(boolean keepJournaling) {
        CompactionJournal taken = journal;
        journal = keepJournaling ? new CompactionJournal() : null;
        return taken;
    }

    /**
     * Installs the compacted files and index; holds appendLock and has flushed the committer. The old log
     * closes once the reads still holding it finish.
     */
    void swap(NeedleLog newLog, IndexFile newIndexFile, Tally newTally) throws IOException {
        NeedleLog oldLog = log;
        IndexFile oldIndexFile = indexFile;
        indexLock.writeLock().lock();
        try {
            log = newLog;
            index = newTally.index();
        } finally {
            indexLock.writeLock().unlock();
        }
        indexFile = newIndexFile;
        tally = newTally;
        epoch = newEpoch();
        committer.switchTo(newLog, newIndexFile);
        if (FULL.equals(readOnlyReason) && newLog.end() < options.maxSize()) {
            readOnlyReason = null;
        }
        try {
            oldIndexFile.close();
        } finally {
            oldLog.close();
        }
    }

    /** Turns the volume read-only after a disk error: its state on disk is no longer known. */
    void fail(String what, Throwable cause) {
        if (readOnlyReason == null || readOnlyReason.equals(FULL)) {
            readOnlyReason = what + ": " + cause;
            LOG.error("volume {}: {}, now read-only", vid, what, cause);
        }
    }

    private void awaitDurable(long seq) throws IOException {
        try {
            committer.awaitDurable(seq);
        } catch (IOException e) {
            fail("fsync failed", e);
            throw e;
        }
    }

    private void intervalFlush() {
        try {
            if (!closed && (readOnlyReason == null || readOnlyReason.equals(FULL))) {
                committer.flush();
            }
        } catch (IOException e) {
            fail("background fsync failed", e);
        }
    }

    private static long newEpoch() {
        long e;
        do {
            e = ThreadLocalRandom.current().nextLong();
        } while (e == 0);
        return e;
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + vid + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (readOnlyReason != null) {
            throw readOnlyError();
        }
    }

    private XfsException readOnlyError() {
        return new XfsException(ErrorCode.VOLUME_READ_ONLY, "volume " + vid + " is read-only (" + readOnlyReason + ")");
    }

    private XfsException conflict(long key) {
        return new XfsException(ErrorCode.KEY_CONFLICT, "volume " + vid + ": needle " + key + " exists with another cookie");
    }

    private @Nullable Located locate(long key) {
        indexLock.readLock().lock();
        try {
            checkOpen();
            int units = index.get(key);
            if (units == 0 || !log.retain()) {
                return null;
            }
            return new Located(log, NeedleFormat.toPosition(units));
        } finally {
            indexLock.readLock().unlock();
        }
    }

    private Located locateOrThrow(long key) {
        Located located = locate(key);
        if (located == null) {
            throw reader.notFound(key);
        }
        return located;
    }

    /** A needle's position in a log the caller holds a reference to. */
    private record Located(NeedleLog log, long position) {
        void release() {
            try {
                log.release();
            } catch (IOException e) {
                LOG.warn("closing {} failed", log.path(), e);
            }
        }
    }
}
