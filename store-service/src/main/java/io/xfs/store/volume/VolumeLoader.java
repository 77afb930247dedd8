package io.xfs.store.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a volume's files and brings them back to a consistent state after whatever happened before
 * (clean close, crash, crash during compaction), in numbered passes; see {@link #load}. It owns no state
 * after loading; the {@link Loaded} result hands the open files to the {@link Volume}.
 */
final class VolumeLoader {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeLoader.class);
    private static final int RECORDS_PER_READ = 4096;

    /** What the loader hands over: open files, the index and the accounting of the volume. */
    record Loaded(NeedleLog log, IndexFile indexFile, NeedleIndex index, Tally tally) {
    }

    private final VolumeFiles files;
    private final int vid;
    private final boolean sync;

    /** Under {@link Durability#NONE} the loader does not fsync what it repairs either. */
    VolumeLoader(VolumeFiles files, int vid, Durability durability) {
        this.files = files;
        this.vid = vid;
        this.sync = durability != Durability.NONE;
    }

    /**
     * Pass 1: delete temp files left by an interrupted create. Pass 2: finish or roll back an
     * interrupted compaction. Pass 3: open (or create) the volume file and check its super block.
     * Pass 4: load the index file, stopping at the first record that cannot be right, and check that
     * its last needle is where it says. Pass 5: scan the volume past the last indexed needle, index
     * what is there, truncate at the first torn or corrupt needle and log what was dropped (a last needle
     * whose data and footer are intact is kept, its missing padding restored).
     */
    Loaded load() throws IOException {
        long started = System.nanoTime();
        deleteTempFiles();
        VolumeCompactor.recover(files, vid);
        NeedleLog log = openOrCreateLog();
        IndexFile indexFile = null;
        try {
            indexFile = IndexFile.open(files.index());
            Tally tally = new Tally(new NeedleIndex(indexFile.size() / IndexFormat.RECORD_SIZE, true));
            long highWater = loadIndex(log, indexFile, tally);
            if (highWater < 0) {
                tally = new Tally(new NeedleIndex(0, true));
                highWater = SuperBlock.SIZE;
            }
            long scanned = recover(log, indexFile, tally, highWater);
            tally.index().dropSizes();
            LOG.info("volume {}: opened {} ({} needles, {} dead, {} bytes scanned past the index) in {} ms", vid,
                    log.path(), tally.index().size(), tally.deadNeedles(), scanned, (System.nanoTime() - started) / 1_000_000);
            return new Loaded(log, indexFile, tally.index(), tally);
        } catch (IOException | RuntimeException e) {
            log.close();
            if (indexFile != null) {
                indexFile.close();
            }
            throw e;
        }
    }

    private void deleteTempFiles() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(files.dir(),
                VolumeFiles.baseName(vid) + "*" + VolumeFiles.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                LOG.info("volume {}: deleting leftover {}", vid, temp);
                Files.delete(temp);
            }
        }
    }

    private NeedleLog openOrCreateLog() throws IOException {
        if (!Files.exists(files.data())) {
            // A fresh volume; an index without its volume describes nothing.
            VolumeFiles.deleteIfExists(files.index());
            return NeedleLog.create(files.data());
        }
        NeedleLog log = NeedleLog.open(files.data());
        try {
            ByteBuffer superBlock = ByteBuffer.allocate(SuperBlock.SIZE);
            log.read(superBlock, 0);
            SuperBlock.sanityCheck(superBlock.flip(), log.path().toString());
        } catch (CorruptNeedleException e) {
            log.close();
            throw new IOException(e.getMessage(), e);
        }
        return log;
    }

    /**
     * Applies the index file's records to {@code tally}. Returns the end of the last indexed needle, or
     * -1 when the index does not describe this volume and must be rebuilt from scratch.
     */
    private long loadIndex(NeedleLog log, IndexFile indexFile, Tally tally) throws IOException {
        long dataEnd = log.end();
        long indexSize = indexFile.size();
        long highWater = SuperBlock.SIZE;
        long lastKey = 0;
        long lastPosition = -1;
        int lastSize = 0;
        long valid = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(RECORDS_PER_READ * IndexFormat.RECORD_SIZE);
        records:
        for (long at = 0; at + IndexFormat.RECORD_SIZE <= indexSize; ) {
            buffer.clear();
            while (buffer.hasRemaining() && indexFile.read(buffer, at + buffer.position()) > 0) {
                // fill the buffer
            }
            buffer.flip();
            while (buffer.remaining() >= IndexFormat.RECORD_SIZE) {
                long key = buffer.getLong();
                int units = buffer.getInt();
                int size = buffer.getInt();
                long position = NeedleFormat.toPosition(units);
                if (!plausible(position, size, dataEnd)) {
                    LOG.warn("volume {}: index record {} of {} (key {}, offset {}, size {}) does not fit the volume; "
                            + "ignoring it and the {} records after it", vid, valid, indexFile.path(), key, position, size,
                            indexSize / IndexFormat.RECORD_SIZE - valid - 1);
                    break records;
                }
                if (size == IndexFormat.TOMBSTONE) {
                    tally.delete(key, units);
                } else {
                    tally.append(key, units, size);
                    highWater = Math.max(highWater, position + NeedleFormat.needleLength(size));
                    lastKey = key;
                    lastPosition = position;
                    lastSize = size;
                }
                valid++;
                at += IndexFormat.RECORD_SIZE;
            }
        }
        if (valid * IndexFormat.RECORD_SIZE != indexSize) {
            indexFile.truncateTo(valid * IndexFormat.RECORD_SIZE);
        }
        if (lastPosition >= 0 && !needleAt(log, lastPosition, lastKey, lastSize)) {
            LOG.warn("volume {}: the last needle {} names (key {} at {}) is not in {}; rebuilding the index by scan",
                    vid, indexFile.path(), lastKey, lastPosition, log.path());
            indexFile.truncateTo(0);
            return -1;
        }
        return highWater;
    }

    private static boolean plausible(long position, int size, long dataEnd) {
        if (position < SuperBlock.SIZE) {
            return false;
        }
        if (size == IndexFormat.TOMBSTONE) {
            return position + NeedleFormat.HEADER_SIZE <= dataEnd;
        }
        return size >= 0 && size <= NeedleFormat.MAX_DATA_SIZE && position + NeedleFormat.needleLength(size) <= dataEnd;
    }

    private boolean needleAt(NeedleLog log, long position, long key, int size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(NeedleFormat.HEADER_SIZE);
        return log.read(header, position) == NeedleFormat.HEADER_SIZE
                && header.getInt(NeedleFormat.MAGIC_OFFSET) == NeedleFormat.HEADER_MAGIC
                && header.getLong(NeedleFormat.KEY_OFFSET) == key
                && header.getInt(NeedleFormat.SIZE_OFFSET) == size;
    }

    /**
     * Scans the volume from {@code from} (the end of the last indexed needle), adds the needles found to
     * the index and the index file, and truncates the volume at the first torn or corrupt needle.
     * Returns the bytes scanned; what was cut is logged at WARN with the file and offset.
     */
    private long recover(NeedleLog log, IndexFile indexFile, Tally tally, long from) throws IOException {
        long dataEnd = log.end();
        if (from >= dataEnd) {
            return 0;
        }
        // What is in the file now may sit only in the page cache (a process crash): make it durable
        // before the index names it, as the group committer does for live appends.
        if (sync) {
            log.force();
        }
        ByteBuffer records = ByteBuffer.allocate(RECORDS_PER_READ * IndexFormat.RECORD_SIZE);
        NeedleScanner.Result result = new NeedleScanner(log).scan(from, dataEnd, false,
                (position, cookie, key, flag, size, crcValid) -> {
                    int units = NeedleFormat.toUnits(position);
                    if (records.remaining() < 2 * IndexFormat.RECORD_SIZE) {
                        indexFile.append(records.flip());
                        records.clear();
                    }
                    tally.append(key, units, size);
                    IndexFormat.put(records, key, units, size);
                    if (flag == NeedleFormat.FLAG_DELETED) {
                        tally.delete(key, units);
                        IndexFormat.put(records, key, units, IndexFormat.TOMBSTONE);
                    }
                    return true;
                });
        indexFile.append(records.flip());
        if (result.end() > dataEnd) {
            // The last needle is whole but its zero padding never reached the disk: restore it, so the
            // next append starts aligned, instead of dropping an intact needle.
            LOG.warn("volume {}: the last needle of {} is intact but {} bytes of its padding are missing at offset {}; "
                    + "restoring them", vid, log.path(), result.end() - dataEnd, dataEnd);
            log.append(ByteBuffer.allocate((int) (result.end() - dataEnd)));
            if (sync) {
                log.force();
            }
        }
        if (result.problem() != null) {
            LOG.warn("volume {}: {} is torn or corrupt at offset {} ({}); truncating it there, dropping {} bytes",
                    vid, log.path(), result.end(), result.problem(), dataEnd - result.end());
            log.truncateTo(result.end());
            if (sync) {
                log.force();
            }
        }
        if (sync) {
            indexFile.force();
        }
        return result.end() - from;
    }
}
