package io.xfs.store.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Makes a volume's writes durable under its {@link Durability} policy and writes their index records.
 * Writers {@link #submit} a change (already written to the volume file) and get a sequence number, then
 * {@link #awaitDurable} it. Under {@code FSYNC} the first waiter becomes the leader: it takes everything
 * submitted so far, fsyncs the volume once, appends the index records, wakes every writer it covered;
 * writers that arrive meanwhile wait for the next leader, so N concurrent writers share about two
 * fsyncs instead of N (group commit). Thread-safe.
 *
 * <p>Index records are written only after the fsync that covers their needles, so the index never
 * points at data that might not have reached the disk; it may lag instead, which the loader repairs by
 * scanning the volume past the last indexed needle. A batch that contains a delete also fsyncs the
 * index, because the index record is what makes the delete survive a reopen.
 */
final class GroupCommitter {
    private final Durability durability;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    // Guarded by lock:
    private NeedleLog log;
    private IndexFile index;
    private ByteBuffer pending = ByteBuffer.allocate(64 * IndexFormat.RECORD_SIZE);
    private ByteBuffer spare = ByteBuffer.allocate(64 * IndexFormat.RECORD_SIZE);
    private boolean pendingDelete;
    private long submittedSeq;
    private long durableSeq;
    private boolean syncing;
    private @Nullable IOException failure;
    private long syncs;

    GroupCommitter(Durability durability, NeedleLog log, IndexFile index) {
        this.durability = durability;
        this.log = log;
        this.index = index;
    }

    /**
     * Registers a change already written to the volume file: its index records ({@code records} from
     * position to limit, copied) and whether it is a delete. Returns the sequence number to await.
     * Callers submit in the order they wrote (the volume's append lock).
     */
    long submit(ByteBuffer records, boolean delete) {
        lock.lock();
        try {
            if (pending.remaining() < records.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + records.remaining()));
                pending = bigger.put(pending.flip());
            }
            pending.put(records);
            pendingDelete |= delete;
            return ++submittedSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once change {@code seq} is durable under the policy: after an fsync covering it ({@code
     * FSYNC}), at once ({@code INTERVAL}: the background flush covers it), or once its index record is
     * written ({@code NONE}). Throws if the fsync failed; the volume is then broken.
     */
    void awaitDurable(long seq) throws IOException {
        if (durability == Durability.INTERVAL) {
            return;
        }
        lock.lock();
        try {
            while (durableSeq < seq) {
                if (failure != null) {
                    throw new IOException("an earlier fsync of " + log.path() + " failed", failure);
                }
                if (syncing) {
                    synced.awaitUninterruptibly();
                } else {
                    lead(durability == Durability.FSYNC, false);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs the volume and the index now, covering every change submitted so far. */
    void flush() throws IOException {
        lock.lock();
        try {
            while (syncing) {
                synced.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new IOException("an earlier fsync of " + log.path() + " failed", failure);
            }
            lead(true, true);
        } finally {
            lock.unlock();
        }
    }

    /** Points at new files after a compaction swap; the caller flushed first and holds the append lock. */
    void switchTo(NeedleLog newLog, IndexFile newIndex) {
        lock.lock();
        try {
            if (pending.position() != 0 || syncing) {
                throw new IllegalStateException("switching files with unflushed changes");
            }
            log = newLog;
            index = newIndex;
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs of the volume file done so far (for tests and benchmarks: group commit shares them). */
    long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }

    /** Runs one sync as the leader; called and returns with the lock held, releases it while doing IO. */
    private void lead(boolean forceLog, boolean forceIndex) throws IOException {
        syncing = true;
        long target = submittedSeq;
        ByteBuffer records = pending.flip();
        pending = spare.clear();
        boolean forceIndexNow = forceIndex || (forceLog && pendingDelete);
        pendingDelete = false;
        NeedleLog currentLog = log;
        IndexFile currentIndex = index;
        IOException error = null;
        lock.unlock();
        try {
            if (forceLog) {
                currentLog.force();
            }
            currentIndex.append(records);
            if (forceIndexNow) {
                currentIndex.force();
            }
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new IOException(e);
        } finally {
            lock.lock();
            spare = records;
            syncing = false;
            if (error == null) {
                durableSeq = Math.max(durableSeq, target);
                if (forceLog) {
                    syncs++;
                }
            } else {
                failure = error;
            }
            synced.signalAll();
        }
        if (error != null) {
            throw error;
        }
    }
}
