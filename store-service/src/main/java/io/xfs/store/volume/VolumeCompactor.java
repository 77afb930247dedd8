package io.xfs.store.volume;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts one volume online, and {@link #recover}s a compaction a crash interrupted. The phases are
 * persisted in the {@link CompactionLog}: PREPARE, COPY (live needles copied to {@code
 * <vid>.dat.compacting} and {@code <vid>.idx.compacting} while the volume keeps serving), COMMIT (the
 * commit point: the new files are complete and durable, then renamed over the old ones), and the log's
 * deletion marks DONE. A crash before COMMIT leaves the old volume; from COMMIT on, the loader finishes
 * the renames. Runs in the caller's thread; the volume allows one compaction at a time.
 *
 * <p>Writes that arrive during the copy go to the old file and are recorded in a {@link
 * CompactionJournal}; the compactor replays them onto the new file, in rounds without the append lock
 * and a last one with it, where it also fsyncs and swaps. Writers wait only for that last round.
 */
final class VolumeCompactor {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeCompactor.class);
    private static final int CATCH_UP_ROUNDS = 3;
    private static final int RECORD_BATCH = 4096;

    /** Where a compaction can be interrupted; tests kill it at each to prove the loader recovers. */
    enum Step { PREPARED, COPYING, COPIED, COMMITTED, RENAMED_DATA, RENAMED_INDEX, DONE }

    /** Called at each {@link Step}; a test hook throws to simulate a crash there. */
    @FunctionalInterface
    interface StepListener {
        void reached(Step step) throws IOException;
    }

    private final Volume volume;
    private final VolumeFiles files;
    private final StepListener listener;
    private final ByteBuffer records = ByteBuffer.allocate(RECORD_BATCH * IndexFormat.RECORD_SIZE);
    private @Nullable NeedleLog newLog;
    private @Nullable IndexFile newIndexFile;
    private @Nullable Tally newTally;
    private long copied;

    VolumeCompactor(Volume volume, StepListener listener) {
        this.volume = volume;
        this.files = volume.files();
        this.listener = listener;
    }

    /**
     * Pass 2 of loading: resolves what an interrupted compaction left. No log: stray compacting files are
     * deleted. PREPARE or COPY: the compacting files are deleted (the old volume is complete). COMMIT: the
     * renames are finished (the new volume is complete).
     */
    static void recover(VolumeFiles files, int vid) throws IOException {
        if (!Files.exists(files.compactionLog())) {
            deleteCompactingFiles(files);
            return;
        }
        CompactionLog.Phase phase = CompactionLog.read(files.compactionLog());
        if (phase == CompactionLog.Phase.COMMIT) {
            if (Files.exists(files.compactingData())) {
                VolumeFiles.renameDurably(files.compactingData(), files.data());
            }
            if (Files.exists(files.compactingIndex())) {
                VolumeFiles.renameDurably(files.compactingIndex(), files.index());
            }
            LOG.warn("volume {}: a compaction was interrupted after its commit point; finished it", vid);
        } else {
            deleteCompactingFiles(files);
            LOG.warn("volume {}: a compaction was interrupted in phase {}; rolled it back", vid, phase);
        }
        CompactionLog.delete(files.compactionLog());
    }

    private static void deleteCompactingFiles(VolumeFiles files) throws IOException {
        boolean deleted = VolumeFiles.deleteIfExists(files.compactingData());
        deleted |= VolumeFiles.deleteIfExists(files.compactingIndex());
        if (deleted) {
            VolumeFiles.syncDirectory(files.dir());
        }
    }

    void compact() throws IOException {
        long started = System.nanoTime();
        int vid = volume.vid();
        NeedleLog oldLog;
        long copyEnd;
        long oldSize;
        // PREPARE
        deleteCompactingFiles(files);
        CompactionLog.write(files.compactionLog(), CompactionLog.Phase.PREPARE);
        boolean committed = false;
        volume.appendLock().lock();
        try {
            oldLog = volume.log();
            oldLog.retain();
            copyEnd = oldLog.end();
            oldSize = copyEnd;
            volume.startJournal(new CompactionJournal());
        } finally {
            volume.appendLock().unlock();
        }
        try {
            listener.reached(Step.PREPARED);
            // COPY: everything before copyEnd from the file, everything after from the journal.
            CompactionLog.write(files.compactionLog(), CompactionLog.Phase.COPY);
            newLog = NeedleLog.create(files.compactingData());
            newIndexFile = IndexFile.open(files.compactingIndex());
            newTally = new Tally(new NeedleIndex(volume.stats().needles(), true));
            copyLive(oldLog, copyEnd);
            for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
                CompactionJournal journal = takeJournal(true);
                if (journal == null || journal.size() == 0) {
                    break;
                }
                replay(oldLog, journal);
            }
            volume.appendLock().lock();
            try {
                // Writers wait from here to the swap. Make every acknowledged-to-be change of the old file
                // durable (their waiters return), then carry the last ones over.
                volume.committer().flush();
                CompactionJournal journal = volume.takeJournal(false);
                if (journal != null) {
                    replay(oldLog, journal);
                }
                flushRecords();
                newLog.force();
                newIndexFile.force();
                listener.reached(Step.COPIED);
                // COMMIT: the commit point. From here a crash rolls forward.
                CompactionLog.write(files.compactionLog(), CompactionLog.Phase.COMMIT);
                committed = true;
                listener.reached(Step.COMMITTED);
                VolumeFiles.renameDurably(files.compactingData(), files.data());
                listener.reached(Step.RENAMED_DATA);
                VolumeFiles.renameDurably(files.compactingIndex(), files.index());
                listener.reached(Step.RENAMED_INDEX);
                newTally.index().dropSizes();
                swapInRenamedFiles();
                CompactionLog.delete(files.compactionLog());
                listener.reached(Step.DONE);
            } finally {
                volume.appendLock().unlock();
            }
        } catch (IOException | RuntimeException e) {
            abort(committed, e);
            throw e;
        } finally {
            oldLog.release();
        }
        LOG.info("volume {}: compacted {} -> {} bytes ({} needles copied) in {} ms", vid, oldSize, volume.log().end(),
                copied, (System.nanoTime() - started) / 1_000_000);
    }

    private @Nullable CompactionJournal takeJournal(boolean keepJournaling) {
        volume.appendLock().lock();
        try {
            return volume.takeJournal(keepJournaling);
        } finally {
            volume.appendLock().unlock();
        }
    }

    /** Copies the needles in [super block, end) of the old file that the volume's index still points at. */
    private void copyLive(NeedleLog oldLog, long end) throws IOException {
        boolean[] announced = {false};
        NeedleScanner.Result result = new NeedleScanner(oldLog).scan(SuperBlock.SIZE, end, true,
                (position, cookie, key, flag, size, crcValid) -> {
                    int units = NeedleFormat.toUnits(position);
                    if (flag == NeedleFormat.FLAG_LIVE && volume.lookup(key) == units) {
                        if (!crcValid) {
                            // Copied as it is: it stays detectably corrupt instead of silently vanishing.
                            LOG.warn("volume {}: needle {} at offset {} fails its CRC; copying it as it is",
                                    volume.vid(), key, position);
                        }
                        copy(oldLog, key, units, size);
                        if (!announced[0]) {
                            announced[0] = true;
                            listener.reached(Step.COPYING);
                        }
                    }
                    return true;
                });
        if (result.problem() != null) {
            throw new XfsException(ErrorCode.CORRUPT_DATA, "volume " + volume.vid() + ": cannot compact, "
                    + oldLog.path() + " is damaged at offset " + result.end() + ": " + result.problem());
        }
    }

    /** Applies the journal's appends and deletes, in order, to the new file. */
    private void replay(NeedleLog oldLog, CompactionJournal journal) throws IOException {
        Tally tally = newTally();
        for (int i = 0; i < journal.size(); i++) {
            long key = journal.key(i);
            int oldUnits = journal.units(i);
            if (oldUnits != 0) {
                int size = volume.reader().readHeader(oldLog, NeedleFormat.toPosition(oldUnits), key).size();
                copy(oldLog, key, oldUnits, size);
            } else {
                int units = tally.index().get(key);
                if (units != 0) {
                    newLog().writeByte(NeedleFormat.toPosition(units) + NeedleFormat.FLAG_OFFSET, NeedleFormat.FLAG_DELETED);
                    tally.delete(key, units);
                    addRecord(key, units, IndexFormat.TOMBSTONE);
                }
            }
        }
    }

    private void copy(NeedleLog oldLog, long key, int oldUnits, int size) throws IOException {
        long position = newLog().appendFrom(oldLog, NeedleFormat.toPosition(oldUnits), NeedleFormat.needleLength(size));
        int units = NeedleFormat.toUnits(position);
        newTally().append(key, units, size);
        addRecord(key, units, size);
        copied++;
    }

    private void addRecord(long key, int units, int size) throws IOException {
        if (!records.hasRemaining()) {
            flushRecords();
        }
        IndexFormat.put(records, key, units, size);
    }

    private void flushRecords() throws IOException {
        newIndexFile().append(records.flip());
        records.clear();
    }

    /** Reopens the renamed files under their final names and installs them in the volume. */
    private void swapInRenamedFiles() throws IOException {
        NeedleLog renamedLog = NeedleLog.open(files.data());
        IndexFile renamedIndex = IndexFile.open(files.index());
        newLog().close();
        newIndexFile().close();
        newLog = null;
        newIndexFile = null;
        volume.swap(renamedLog, renamedIndex, newTally());
    }

    private void abort(boolean committed, Exception cause) {
        try {
            if (newLog != null) {
                newLog.close();
            }
            if (newIndexFile != null) {
                newIndexFile.close();
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        if (committed) {
            // Past the commit point the files on disk are the new volume, half-installed: only a reopen
            // (which finishes the renames) brings the volume back.
            volume.fail("compaction failed after its commit point", cause);
            return;
        }
        volume.appendLock().lock();
        try {
            volume.takeJournal(false);
        } finally {
            volume.appendLock().unlock();
        }
        try {
            deleteCompactingFiles(files);
            CompactionLog.delete(files.compactionLog());
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        LOG.warn("volume {}: compaction aborted, the volume is unchanged", volume.vid(), cause);
    }

    private NeedleLog newLog() {
        if (newLog == null) {
            throw new IllegalStateException("no compaction output open");
        }
        return newLog;
    }

    private IndexFile newIndexFile() {
        if (newIndexFile == null) {
            throw new IllegalStateException("no compaction output open");
        }
        return newIndexFile;
    }

    private Tally newTally() {
        if (newTally == null) {
            throw new IllegalStateException("no compaction output open");
        }
        return newTally;
    }
}
