package io.xfs.directory.metadata.rocksdb;

import io.xfs.common.directory.NeedleRef;
import io.xfs.directory.metadata.FileEvent;
import io.xfs.directory.metadata.GarbageNeedle;
import io.xfs.directory.metadata.rocksdb.RecordFormat.ContentValue;
import io.xfs.directory.metadata.rocksdb.RecordFormat.FileRecord;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One atomic write being prepared: a {@link WriteBatch} plus the content records it changes, read once
 * and then tracked here, so that several changes to one content record within the write (a file
 * re-committed with its own bytes, a batch deleting files that share content) add up. The caller holds
 * the locks of every record it reads or changes. Not thread-safe; use once.
 */
final class MetadataWrite implements AutoCloseable {
    private final RocksDB db;
    private final Families families;
    private final WriteBatch batch = new WriteBatch();
    private boolean releasesNeedles;
    private int events;
    /** Content records read or changed by this write. */
    private final Map<ByteBuffer, StagedContent> contents = new LinkedHashMap<>();

    /** The column families of an open store. */
    record Families(ColumnFamilyHandle meta, ColumnFamilyHandle files, ColumnFamilyHandle contents,
                    ColumnFamilyHandle placements, ColumnFamilyHandle garbage, ColumnFamilyHandle events,
                    ColumnFamilyHandle eventSequences) {
    }

    MetadataWrite(RocksDB db, Families families) {
        this.db = db;
        this.families = families;
    }

    /** A content record as this write sees it: {@code value} null once (or while) absent. */
    private static final class StagedContent {
        final boolean existed;
        @Nullable ContentValue value;
        boolean dirty;

        StagedContent(@Nullable ContentValue value) {
            this.existed = value != null;
            this.value = value;
        }
    }

    Optional<ContentValue> content(byte[] key) throws RocksDBException {
        return Optional.ofNullable(staged(key).value);
    }

    private StagedContent staged(byte[] key) throws RocksDBException {
        ByteBuffer k = ByteBuffer.wrap(key);
        StagedContent staged = contents.get(k);
        if (staged == null) {
            byte[] raw = db.get(families.contents(), key);
            staged = new StagedContent(raw == null ? null : RecordFormat.decodeContent(raw));
            contents.put(k, staged);
        }
        return staged;
    }

    void putContent(byte[] key, @Nullable ContentValue value) throws RocksDBException {
        StagedContent staged = staged(key);
        staged.value = value;
        staged.dirty = true;
    }

    /** One more file references this existing content. */
    void reference(byte[] key, ContentValue current) throws RocksDBException {
        putContent(key, new ContentValue(current.refs() + 1, current.chunks()));
    }

    /**
     * One file fewer references the content under {@code key}; at zero the record goes and its needles
     * become garbage. A missing record (which would be a broken invariant) releases nothing: a needle
     * must never be reaped on a guess.
     */
    void release(byte[] key) throws RocksDBException {
        Optional<ContentValue> current = content(key);
        if (current.isEmpty()) {
            return;
        }
        ContentValue value = current.get();
        if (value.refs() > 1) {
            putContent(key, new ContentValue(value.refs() - 1, value.chunks()));
        } else {
            putContent(key, null);
            for (NeedleRef needle : value.chunks()) {
                garbage(needle);
            }
        }
    }

    void garbage(NeedleRef needle) throws RocksDBException {
        garbage(new GarbageNeedle(needle.vid(), needle.key(), needle.cookie()));
    }

    void garbage(GarbageNeedle needle) throws RocksDBException {
        releasesNeedles = true;
        batch.put(families.garbage(), MetadataKeys.needle(needle.vid(), needle.key()),
                RecordFormat.encodeGarbage(needle.cookie()));
    }

    void putFile(byte[] key, FileRecord file) throws RocksDBException {
        batch.put(families.files(), key, RecordFormat.encodeFile(file));
    }

    void deleteFile(byte[] key) throws RocksDBException {
        batch.delete(families.files(), key);
    }

    void putPlacement(byte[] key, RecordFormat.PlacementValue placement) throws RocksDBException {
        batch.put(families.placements(), key, RecordFormat.encodePlacement(placement));
    }

    /**
     * Removes a placement. Each placement key is put once (recording refuses a pending duplicate), so a
     * single-delete is correct and lets RocksDB drop the pair at flush instead of keeping a tombstone.
     */
    void consumePlacement(byte[] key) throws RocksDBException {
        batch.singleDelete(families.placements(), key);
    }

    /** Garbage records are also put once per needle, as needles are released once. */
    void removeGarbage(byte[] key) throws RocksDBException {
        batch.singleDelete(families.garbage(), key);
    }

    /** Puts {@code event} in the outbox and raises its bucket's last sequence to the event's. */
    void recordEvent(FileEvent event) throws RocksDBException {
        events++;
        batch.put(families.events(), MetadataKeys.event(event.bucket(), event.sequence()), RecordFormat.encodeEvent(event));
        batch.merge(families.eventSequences(), MetadataKeys.utf8(event.bucket()),
                MetadataKeys.sequenceValue(event.sequence()));
    }

    /** Events are put once each (a sequence is never given twice), so they go with a single-delete too. */
    void removeEvent(byte[] key) throws RocksDBException {
        batch.singleDelete(families.events(), key);
    }

    /** How many events this write records. */
    int events() {
        return events;
    }

    /** True when this write records garbage: once visible, the reaper may delete those needles. */
    boolean releasesNeedles() {
        return releasesNeedles;
    }

    boolean isEmpty() {
        return batch.count() == 0 && contents.values().stream().noneMatch(c -> c.dirty);
    }

    /** Applies everything in one atomic write with {@code options} (durable when they sync). */
    void write(WriteOptions options) throws RocksDBException {
        for (Map.Entry<ByteBuffer, StagedContent> e : contents.entrySet()) {
            StagedContent staged = e.getValue();
            byte[] key = e.getKey().array();
            if (staged.dirty && staged.value != null) {
                batch.put(families.contents(), key, RecordFormat.encodeContent(staged.value));
            } else if (staged.dirty && staged.existed) {
                batch.delete(families.contents(), key);
            }
        }
        if (batch.count() > 0) {
            db.write(options, batch);
        }
    }

    @Override
    public void close() {
        batch.close();
    }
}
