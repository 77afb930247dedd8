package io.xfs.directory.metadata.rocksdb;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.SealedAccessKey;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Listing;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import io.xfs.directory.metadata.CommitCheck;
import io.xfs.directory.metadata.ContentRecord;
import io.xfs.directory.metadata.FileEvent;
import io.xfs.directory.metadata.GarbageNeedle;
import io.xfs.directory.metadata.MetadataNames;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.PendingPlacement;
import io.xfs.directory.metadata.rocksdb.MetadataWrite.Families;
import io.xfs.directory.metadata.rocksdb.RecordFormat.ContentValue;
import io.xfs.directory.metadata.rocksdb.RecordFormat.FileRecord;
import io.xfs.directory.metadata.rocksdb.RecordFormat.PlacementValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The embedded RocksDB metadata store (the default backend): one RocksDB database in a directory of its
 * own, keys as {@link MetadataKeys} lays them out, values as {@link RecordFormat} encodes them. Every
 * change is one {@code WriteBatch} written with {@code sync=true}, except a pending placement's, which
 * the next synced write makes durable ({@link #recordPlacement}); concurrent writers share WAL syncs
 * (RocksDB's group commit). Read-modify-writes are serialized by {@link StripedLocks} over the paths,
 * contents and needles they touch, so writes to different paths run in parallel. Thread-safe; using it
 * after {@link #close()} fails with {@link ErrorCode#SHUTTING_DOWN}.
 */
public final class RocksDbMetadataStore implements MetadataStore {
    /** Files or placements changed per atomic write by the bulk operations. */
    private static final int BULK_BATCH = 256;

    private final RocksDbHandle handle;
    private final Families families;
    private final StripedLocks locks = new StripedLocks();
    /**
     * Operations running now. {@link #close()} sets {@code closed}, then waits for this to drain, so no
     * operation ever touches a closed native handle; a striped counter keeps concurrent gets from
     * contending on one lock word.
     */
    private final LongAdder inFlight = new LongAdder();
    private volatile boolean closed;
    /**
     * No pending placement expires before this (epoch millis; {@code Long.MIN_VALUE}: not known). It lets
     * {@link #expirePlacements} skip its scan, which reads every pending placement (and steps over the
     * tombstones of consumed ones) while none can have expired: the reaper calls it every second, and
     * under a stream of uploads the placements pending for their hour of TTL number in the millions.
     * A scan resets it to the latest expiry it left; {@link #recordPlacement} lowers it.
     */
    private final AtomicLong earliestExpiry = new AtomicLong(Long.MIN_VALUE);

    /** Whether changes put a {@link FileEvent} in the outbox (see {@link MetadataStore}). */
    private final boolean recordEvents;
    /**
     * Each bucket's last event sequence given, read from the {@code event-seqs} family on first use. A
     * number is taken under the path's lock, so the changes of one path get increasing numbers.
     */
    private final ConcurrentHashMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicLong pendingEvents;
    private final Object eventRemoval = new Object();

    private RocksDbMetadataStore(RocksDbHandle handle, boolean recordEvents) {
        this.handle = handle;
        this.families = handle.families();
        this.recordEvents = recordEvents;
        this.pendingEvents = new AtomicLong(countEvents());
    }

    /** When a write counts as done. */
    public enum Durability {
        /** The WAL is synced to disk before a write returns (concurrent writes share a sync). The default. */
        SYNC,
        /**
         * The WAL is written but not synced: a write survives a crash of the process, not of the machine.
         * For bulk loading in benchmarks and tests only; the directory never acknowledges a write on it.
         */
        NO_SYNC
    }

    /**
     * Opens (creating if needed) the store kept in directory {@code dir}, every write durable ({@code SYNC}),
     * recording no file events.
     */
    public static RocksDbMetadataStore open(Path dir) {
        return open(dir, Durability.SYNC);
    }

    public static RocksDbMetadataStore open(Path dir, Durability durability) {
        return open(dir, durability, false);
    }

    /** @param recordEvents put a {@link FileEvent} of every change in the outbox, in the change's own write */
    public static RocksDbMetadataStore open(Path dir, Durability durability, boolean recordEvents) {
        RocksDbHandle handle = RocksDbHandle.open(dir, durability);
        try {
            return new RocksDbMetadataStore(handle, recordEvents);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    @Override
    public void recordPlacement(PendingPlacement placement) {
        byte[] key = MetadataKeys.needle(placement.vid(), placement.key());
        try (Guard g = enter(); StripedLocks.Held h = locks.needles(key); MetadataWrite w = newWrite()) {
            if (handle.db().get(families.placements(), key) != null) {
                throw new XfsException(ErrorCode.KEY_CONFLICT, "a placement of needle " + placement.vid() + "/"
                        + placement.key() + " is already pending");
            }
            w.putPlacement(key, new PlacementValue(placement.bucket(), placement.cookie(), placement.expiresAt()));
            // Not synced (the SPI's contract): the WAL is ordered, so the synced commit of this very
            // placement, or any other synced write after it, makes it durable with it.
            w.write(handle.unsyncedWrites());
            // After the write: a scan that started before it and did not see it keeps this lower bound.
            lowerEarliestExpiry(placement.expiresAt());
        } catch (RocksDBException e) {
            throw failed("record placement", e);
        }
    }

    @Override
    public FileView commit(CommitRequest request, long nowMillis) {
        Written written = commit(request, nowMillis, true);
        if (!written.durable()) {
            syncWal("sync the write a retried commit answers from");
        }
        return written.file();
    }

    @Override
    public List<Committed> commitAll(List<CommitRequest> requests, long nowMillis) {
        List<Committed> results = new ArrayList<>(requests.size());
        boolean needsSync = false;
        for (CommitRequest request : requests) {
            try {
                Written written = commit(request, nowMillis, false);
                results.add(new Committed(written.file(), null));
                // The WAL is one ordered log: a synced write also makes every write before it durable, so
                // only the writes after the batch's last synced one still need the sync below.
                needsSync = !written.durable();
            } catch (XfsException e) {
                results.add(new Committed(null, e));
            }
        }
        if (needsSync) {
            syncWal("sync the commits of a batch");
        }
        return results;
    }

    private void syncWal(String what) {
        try (Guard g = enter()) {
            handle.syncWal();
        } catch (RocksDBException e) {
            throw failed(what, e);
        }
    }

    /** How many times the WAL was synced on its own, outside a synced write (tests). */
    long walSyncs() {
        return handle.walSyncs();
    }

    /**
     * A committed file, and whether the write it answers from was a synced one. When not, a WAL sync must
     * follow before the commit is acknowledged: the commit's own write was not synced, or the commit is a
     * retry answered from an earlier write that may not be synced yet.
     */
    private record Written(FileView file, boolean durable) {
    }

    /**
     * @param synced false inside {@link #commitAll}, which syncs the WAL at most once for the batch; a write
     *               that releases needles is synced anyway, as the reaper must never delete what a crash
     *               could make referenced again
     */
    private Written commit(CommitRequest request, long nowMillis, boolean synced) {
        CommitCheck check = CommitCheck.of(request);
        byte[] fileKey = MetadataKeys.file(request.bucket(), request.filename());
        byte[] contentKey = MetadataKeys.content(request.bucket(), check.sha256Bytes(), request.size());
        byte[][] needleKeys = request.chunks().stream()
                .map(c -> MetadataKeys.needle(c.vid(), c.key())).toArray(byte[][]::new);
        try (Guard g = enter(); StripedLocks.Held p = locks.paths(fileKey)) {
            FileRecord old = readFile(fileKey);
            byte[] oldContentKey = old == null ? null : contentKey(request.bucket(), old);
            try (StripedLocks.Held c = locks.contents(contentKey, oldContentKey);
                 StripedLocks.Held n = locks.needles(needleKeys);
                 MetadataWrite w = newWrite()) {
                List<NeedleRef> chunks;
                if (request.dedup()) {
                    ContentValue content = w.content(contentKey).orElseThrow(() -> new XfsException(
                            ErrorCode.CONTENT_VANISHED, "bucket " + request.bucket() + " no longer holds content "
                            + check.sha256() + " of " + request.size() + " bytes"));
                    w.reference(contentKey, content);
                    chunks = content.chunks();
                } else {
                    FileView retried = consumePlacements(request, needleKeys, old, nowMillis, w);
                    if (retried != null) {
                        return new Written(retried, false);
                    }
                    Optional<ContentValue> existing = w.content(contentKey);
                    if (existing.isPresent()) {
                        // Same bytes already stored in this bucket: keep one copy, reap the new needles.
                        w.reference(contentKey, existing.get());
                        for (NeedleRef chunk : request.chunks()) {
                            w.garbage(chunk);
                        }
                        chunks = existing.get().chunks();
                    } else {
                        w.putContent(contentKey, new ContentValue(1, request.chunks()));
                        chunks = request.chunks();
                    }
                }
                if (oldContentKey != null) {
                    w.release(oldContentKey); // after the +1 above: identical bytes never reach zero
                }
                FileRecord file = new FileRecord(request.size(), nowMillis, check.mime(), check.sha1(),
                        check.sha256(), chunks);
                w.putFile(fileKey, file);
                if (old == null || !sameContent(old, file)) {
                    maybeRecordEvent(w, old == null ? FileEvent.Type.CREATED : FileEvent.Type.OVERWRITTEN,
                            request.bucket(), request.filename(), file, nowMillis);
                }
                boolean durable = synced || w.releasesNeedles();
                write(w, durable ? handle.syncWrites() : handle.unsyncedWrites());
                return new Written(view(request.bucket(), request.filename(), file), durable);
            }
        } catch (RocksDBException e) {
            throw failed("commit " + request.bucket() + "/" + request.filename(), e);
        }
    }

    /**
     * Consumes the placements a commit names, or fails it. Returns the current file instead when this
     * is a retry of the commit that already consumed them (the path holds exactly these chunks).
     */
    private @Nullable FileView consumePlacements(CommitRequest request, byte[][] needleKeys,
                                                 @Nullable FileRecord old, long nowMillis, MetadataWrite w)
            throws RocksDBException {
        List<byte[]> expired = new ArrayList<>();
        List<NeedleRef> expiredNeedles = new ArrayList<>();
        NeedleRef missing = null;
        for (int i = 0; i < needleKeys.length; i++) {
            NeedleRef chunk = request.chunks().get(i);
            byte[] raw = handle.db().get(families.placements(), needleKeys[i]);
            PlacementValue placement = raw == null ? null : RecordFormat.decodePlacement(raw);
            if (placement == null || !placement.bucket().equals(request.bucket())
                    || placement.cookie() != chunk.cookie()) {
                missing = chunk;
            } else if (placement.expiresAt() <= nowMillis) {
                expired.add(needleKeys[i]);
                expiredNeedles.add(chunk);
            }
        }
        if (!expired.isEmpty()) {
            // Nothing may ever reference these needles now; reap them at once, in their own write.
            try (MetadataWrite reap = newWrite()) {
                for (int i = 0; i < expired.size(); i++) {
                    reap.consumePlacement(expired.get(i));
                    reap.garbage(expiredNeedles.get(i));
                }
                reap.write(handle.syncWrites());
            }
            NeedleRef first = expiredNeedles.getFirst();
            throw new XfsException(ErrorCode.PLACEMENT_EXPIRED, "placement of needle " + first.vid() + "/"
                    + first.key() + " expired before the commit of " + request.bucket() + "/" + request.filename());
        }
        if (missing != null) {
            if (old != null && old.chunks().equals(request.chunks()) && old.size() == request.size()
                    && old.sha256().equalsIgnoreCase(request.sha256())) {
                return view(request.bucket(), request.filename(), old);
            }
            throw new XfsException(ErrorCode.PLACEMENT_EXPIRED, "no pending placement of needle " + missing.vid()
                    + "/" + missing.key() + " in bucket " + request.bucket() + " (expired, or already committed)");
        }
        for (byte[] key : needleKeys) {
            w.consumePlacement(key);
        }
        return null;
    }

    @Override
    public Optional<ContentRecord> findContent(String bucket, String sha256, long size) {
        MetadataNames.checkBucket(bucket);
        String hex = sha256.toLowerCase(Locale.ROOT);
        byte[] key = MetadataKeys.content(bucket, MetadataNames.sha256Bytes(hex), size);
        try (Guard g = enter()) {
            byte[] raw = handle.db().get(families.contents(), key);
            if (raw == null) {
                return Optional.empty();
            }
            ContentValue content = RecordFormat.decodeContent(raw);
            return Optional.of(new ContentRecord(bucket, hex, size, content.refs(), content.chunks()));
        } catch (RocksDBException e) {
            throw failed("find content", e);
        }
    }

    @Override
    public Optional<FileView> get(String bucket, String name) {
        MetadataNames.checkFile(bucket, name);
        try (Guard g = enter()) {
            FileRecord file = readFile(MetadataKeys.file(bucket, name));
            return file == null ? Optional.empty() : Optional.of(view(bucket, name, file));
        } catch (RocksDBException e) {
            throw failed("get " + bucket + "/" + name, e);
        }
    }

    @Override
    public boolean delete(String bucket, String name) {
        MetadataNames.checkFile(bucket, name);
        try (Guard g = enter()) {
            return deleteFiles(bucket, List.of(MetadataKeys.file(bucket, name))) == 1;
        } catch (RocksDBException e) {
            throw failed("delete " + bucket + "/" + name, e);
        }
    }

    @Override
    public long deleteRecursively(String bucket, String dir) {
        MetadataNames.checkDir(bucket, dir);
        byte[] prefix = MetadataKeys.file(bucket, dir);
        long deleted = 0;
        try (Guard g = enter()) {
            byte[] after = null;
            while (true) {
                List<byte[]> keys = handle.scanKeys(families.files(), prefix, after, BULK_BATCH);
                if (keys.isEmpty()) {
                    return deleted;
                }
                deleted += deleteFiles(bucket, keys);
                after = keys.getLast();
            }
        } catch (RocksDBException e) {
            throw failed("delete " + bucket + "/" + dir + " recursively (" + deleted + " files deleted)", e);
        }
    }

    /** Deletes the files present under {@code fileKeys} in one atomic write; returns how many there were. */
    private int deleteFiles(String bucket, List<byte[]> fileKeys) throws RocksDBException {
        try (StripedLocks.Held p = locks.paths(fileKeys.toArray(byte[][]::new))) {
            List<byte[]> present = new ArrayList<>();
            List<FileRecord> files = new ArrayList<>();
            List<byte[]> contentKeys = new ArrayList<>();
            for (byte[] key : fileKeys) {
                FileRecord file = readFile(key);
                if (file != null) {
                    present.add(key);
                    files.add(file);
                    contentKeys.add(contentKey(bucket, file));
                }
            }
            if (present.isEmpty()) {
                return 0;
            }
            try (StripedLocks.Held c = locks.contents(contentKeys.toArray(byte[][]::new));
                 MetadataWrite w = newWrite()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < present.size(); i++) {
                    w.deleteFile(present.get(i));
                    w.release(contentKeys.get(i));
                    maybeRecordEvent(w, FileEvent.Type.DELETED, bucket, MetadataKeys.fileName(present.get(i)),
                            files.get(i), now);
                }
                write(w, handle.syncWrites());
            }
            return present.size();
        }
    }

    @Override
    public Listing list(String bucket, String dir, @Nullable String marker, int limit) {
        MetadataNames.checkDir(bucket, dir);
        MetadataNames.checkLimit(limit);
        try (Guard g = enter()) {
            return DirectoryLister.list(handle, bucket, dir, marker, limit);
        }
    }

    @Override
    public List<String> buckets(@Nullable String marker, int limit) {
        MetadataNames.checkLimit(limit);
        List<String> buckets = new ArrayList<>();
        try (Guard g = enter(); RocksIterator it = handle.db().newIterator(families.files())) {
            // A bucket's files are contiguous (bucket 0x00 name): read one key, then seek past the bucket.
            if (marker == null) {
                it.seekToFirst();
            } else {
                it.seek(MetadataKeys.pastBucket(marker));
            }
            while (it.isValid() && buckets.size() < limit) {
                String bucket = MetadataKeys.bucketOf(it.key());
                buckets.add(bucket);
                it.seek(MetadataKeys.pastBucket(bucket));
            }
        }
        return buckets;
    }

    @Override
    public int expirePlacements(long nowMillis, int limit) {
        int expired = 0;
        try (Guard g = enter()) {
            if (nowMillis < earliestExpiry.get()) {
                return 0;
            }
            // Placements recorded from here on lower the bound themselves; the scan sees all the others.
            earliestExpiry.set(Long.MAX_VALUE);
            long earliestLeft = Long.MIN_VALUE; // unless the scan completes and every expired one is reaped
            try {
                List<byte[]> candidates = new ArrayList<>();
                long earliestUnexpired = Long.MAX_VALUE;
                boolean complete;
                try (RocksIterator it = handle.db().newIterator(families.placements())) {
                    for (it.seekToFirst(); it.isValid() && candidates.size() < limit; it.next()) {
                        long expiresAt = RecordFormat.decodePlacement(it.value()).expiresAt();
                        if (expiresAt <= nowMillis) {
                            candidates.add(it.key());
                        } else {
                            earliestUnexpired = Math.min(earliestUnexpired, expiresAt);
                        }
                    }
                    it.status();
                    complete = !it.isValid();
                }
                for (int from = 0; from < candidates.size(); from += BULK_BATCH) {
                    byte[][] keys = candidates.subList(from, Math.min(candidates.size(), from + BULK_BATCH))
                            .toArray(byte[][]::new);
                    try (StripedLocks.Held n = locks.needles(keys); MetadataWrite w = newWrite()) {
                        for (byte[] key : keys) {
                            // Re-read under the lock: a commit may have consumed it since the scan.
                            byte[] raw = handle.db().get(families.placements(), key);
                            PlacementValue placement = raw == null ? null : RecordFormat.decodePlacement(raw);
                            if (placement != null && placement.expiresAt() <= nowMillis) {
                                w.consumePlacement(key);
                                w.garbage(new GarbageNeedle(MetadataKeys.needleVid(key),
                                        MetadataKeys.needleKey(key), placement.cookie()));
                                expired++;
                            }
                        }
                        w.write(handle.syncWrites());
                    }
                }
                if (complete) {
                    earliestLeft = earliestUnexpired;
                }
                return expired;
            } finally {
                lowerEarliestExpiry(earliestLeft);
            }
        } catch (RocksDBException e) {
            throw failed("expire placements", e);
        }
    }

    private void lowerEarliestExpiry(long expiresAt) {
        earliestExpiry.accumulateAndGet(expiresAt, Math::min);
    }

    @Override
    public List<GarbageNeedle> garbage(@Nullable GarbageNeedle after, int limit) {
        MetadataNames.checkLimit(limit);
        List<GarbageNeedle> needles = new ArrayList<>();
        try (Guard g = enter(); RocksIterator it = handle.db().newIterator(families.garbage())) {
            byte[] start = after == null ? null : MetadataKeys.needle(after.vid(), after.key());
            if (start == null) {
                it.seekToFirst();
            } else {
                it.seek(start);
            }
            for (; it.isValid() && needles.size() < limit; it.next()) {
                byte[] key = it.key();
                if (start != null && Arrays.equals(key, start)) {
                    continue;
                }
                needles.add(new GarbageNeedle(MetadataKeys.needleVid(key), MetadataKeys.needleKey(key),
                        RecordFormat.decodeGarbageCookie(it.value())));
            }
            it.status();
            return needles;
        } catch (RocksDBException e) {
            throw failed("read garbage", e);
        }
    }

    @Override
    public void removeGarbage(Collection<GarbageNeedle> needles) {
        byte[][] keys = needles.stream().map(n -> MetadataKeys.needle(n.vid(), n.key())).toArray(byte[][]::new);
        try (Guard g = enter(); StripedLocks.Held n = locks.needles(keys); MetadataWrite w = newWrite()) {
            for (byte[] key : keys) {
                // Only what is there: a single-delete must follow exactly one put.
                if (handle.db().get(families.garbage(), key) != null) {
                    w.removeGarbage(key);
                }
            }
            w.write(handle.syncWrites());
        } catch (RocksDBException e) {
            throw failed("remove garbage", e);
        }
    }

    @Override
    public List<FileEvent> pendingEvents(int limit) {
        MetadataNames.checkLimit(limit);
        List<FileEvent> events = new ArrayList<>();
        try (Guard g = enter(); RocksIterator it = handle.db().newIterator(families.events())) {
            for (it.seekToFirst(); it.isValid() && events.size() < limit; it.next()) {
                byte[] key = it.key();
                events.add(RecordFormat.decodeEvent(MetadataKeys.eventBucket(key), MetadataKeys.eventSequence(key),
                        it.value()));
            }
            it.status();
            return events;
        } catch (RocksDBException e) {
            throw failed("read events", e);
        }
    }

    @Override
    public void removeEvents(Collection<FileEvent> events) {
        byte[][] keys = events.stream().map(e -> MetadataKeys.event(e.bucket(), e.sequence())).toArray(byte[][]::new);
        // Serialized so that two removals of one event never both single-delete it (a single-delete must
        // follow exactly one put); the relay is the only caller, so this costs nothing.
        synchronized (eventRemoval) {
            removeEvents(keys);
        }
    }

    private void removeEvents(byte[][] keys) {
        try (Guard g = enter(); MetadataWrite w = newWrite()) {
            int removed = 0;
            for (byte[] key : keys) {
                if (handle.db().get(families.events(), key) != null) {
                    w.removeEvent(key);
                    removed++;
                }
            }
            // Not synced: an event whose removal a crash undoes is published again, which consumers allow.
            w.write(handle.unsyncedWrites());
            pendingEvents.addAndGet(-removed);
        } catch (RocksDBException e) {
            throw failed("remove events", e);
        }
    }

    @Override
    public long pendingEventCount() {
        return pendingEvents.get();
    }

    private void maybeRecordEvent(MetadataWrite w, FileEvent.Type type, String bucket, String name, FileRecord file,
                                  long timeMillis) throws RocksDBException {
        if (recordEvents) {
            w.recordEvent(new FileEvent(UUID.randomUUID().toString(), type, bucket, name, file.size(), file.sha1(),
                    timeMillis, nextSequence(bucket)));
        }
    }

    private long nextSequence(String bucket) throws RocksDBException {
        AtomicLong last = sequences.get(bucket);
        if (last == null) {
            byte[] stored = handle.db().get(families.eventSequences(), MetadataKeys.utf8(bucket));
            last = sequences.computeIfAbsent(bucket,
                    b -> new AtomicLong(stored == null ? 0 : MetadataKeys.decodeSequenceValue(stored)));
        }
        return last.incrementAndGet();
    }

    /** Writes {@code w} and counts the events it recorded. */
    private void write(MetadataWrite w, WriteOptions options) throws RocksDBException {
        w.write(options);
        pendingEvents.addAndGet(w.events());
    }

    private long countEvents() {
        long count = 0;
        try (RocksIterator it = handle.db().newIterator(families.events())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                count++;
            }
            it.status();
        } catch (RocksDBException e) {
            throw failed("count events", e);
        }
        return count;
    }

    private static boolean sameContent(FileRecord a, FileRecord b) {
        return a.size() == b.size() && a.sha256().equalsIgnoreCase(b.sha256());
    }

    @Override
    public void checkpoint(Path target) {
        if (Files.exists(target)) {
            throw new XfsException(ErrorCode.ALREADY_EXISTS, "checkpoint target exists: " + target);
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "checkpoint target's parent is not a directory: " + target);
        }
        try (Guard g = enter(); Checkpoint checkpoint = Checkpoint.create(handle.db())) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw failed("checkpoint to " + target, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // enter() counts itself before it checks the flag, so once this reads zero nobody is inside.
        while (inFlight.sum() != 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
        handle.close();
    }

    private @Nullable FileRecord readFile(byte[] fileKey) throws RocksDBException {
        byte[] raw = handle.db().get(families.files(), fileKey);
        return raw == null ? null : RecordFormat.decodeFile(raw);
    }

    private static byte[] contentKey(String bucket, FileRecord file) {
        return MetadataKeys.content(bucket, MetadataNames.sha256Bytes(file.sha256()), file.size());
    }

    private static FileView view(String bucket, String name, FileRecord file) {
        return FileView.of(bucket, name, file.size(), file.mime(), file.sha1(), file.sha256(), file.mtime(),
                file.chunks());
    }

    @Override
    public void putAccessKey(SealedAccessKey key) {
        if (!AccessKey.validId(key.id())) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "invalid access key id '" + key.id() + "'");
        }
        putMeta(MetadataKeys.accessKey(key.id()), Json.write(key), "store access key " + key.id());
    }

    @Override
    public Optional<SealedAccessKey> accessKey(String id) {
        try (Guard g = enter()) {
            byte[] raw = handle.db().get(families.meta(), MetadataKeys.accessKey(id));
            return raw == null ? Optional.empty() : Optional.of(Json.read(raw, SealedAccessKey.class));
        } catch (RocksDBException e) {
            throw failed("read access key " + id, e);
        }
    }

    @Override
    public List<SealedAccessKey> accessKeys() {
        List<SealedAccessKey> keys = new ArrayList<>();
        scanMeta(MetadataKeys.ACCESS_KEYS, (name, value) -> keys.add(Json.read(value, SealedAccessKey.class)));
        return keys;
    }

    @Override
    public boolean deleteAccessKey(String id) {
        return accessKey(id).isPresent() && deleteMeta(MetadataKeys.accessKey(id), "delete access key " + id);
    }

    @Override
    public void putBucketPolicy(String bucket, BucketPolicy policy) {
        MetadataNames.checkBucket(bucket);
        byte[] key = MetadataKeys.bucketPolicy(bucket);
        if (policy == BucketPolicy.PRIVATE) {
            deleteMeta(key, "set the policy of " + bucket);
        } else {
            putMeta(key, MetadataKeys.utf8(policy.label()), "set the policy of " + bucket);
        }
    }

    @Override
    public Map<String, BucketPolicy> bucketPolicies() {
        Map<String, BucketPolicy> policies = new TreeMap<>();
        scanMeta(MetadataKeys.BUCKET_POLICIES, (bucket, value) ->
                policies.put(bucket, BucketPolicy.of(new String(value, StandardCharsets.UTF_8))));
        return policies;
    }

    private void putMeta(byte[] key, byte[] value, String what) {
        try (Guard g = enter()) {
            handle.db().put(families.meta(), handle.syncWrites(), key, value);
        } catch (RocksDBException e) {
            throw failed(what, e);
        }
    }

    private boolean deleteMeta(byte[] key, String what) {
        try (Guard g = enter()) {
            handle.db().delete(families.meta(), handle.syncWrites(), key);
            return true;
        } catch (RocksDBException e) {
            throw failed(what, e);
        }
    }

    /** Every record of the default family under {@code prefix}: the rest of its key (UTF-8) and its value. */
    private void scanMeta(byte[] prefix, BiConsumer<String, byte[]> each) {
        try (Guard g = enter(); RocksIterator it = handle.db().newIterator(families.meta())) {
            for (it.seek(prefix); it.isValid() && MetadataKeys.startsWith(it.key(), prefix); it.next()) {
                byte[] key = it.key();
                each.accept(new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8),
                        it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw failed("scan " + new String(prefix, StandardCharsets.UTF_8), e);
        }
    }

    private MetadataWrite newWrite() {
        return new MetadataWrite(handle.db(), families);
    }

    /** One operation counted in {@link #inFlight}, as a resource. */
    private interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    private Guard enter() {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw new XfsException(ErrorCode.SHUTTING_DOWN, "metadata store is closed");
        }
        return inFlight::decrement;
    }

    private static XfsException failed(String what, RocksDBException e) {
        return new XfsException(ErrorCode.INTERNAL, "metadata store failed to " + what + ": " + e.getMessage(), e);
    }
}
