package io.xfs.directory.metadata.rocksdb;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.fs.PrivateFiles;
import io.xfs.directory.metadata.rocksdb.MetadataWrite.Families;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * An open RocksDB database with the metadata column families ({@link MetadataKeys}) and every native
 * object that must be closed with it. Opening checks the stored format version and refuses one this
 * build does not know. Thread-safe, except that {@link #close()} must not race other calls (the store
 * guards that).
 */
final class RocksDbHandle implements AutoCloseable {
    private static final long BLOCK_CACHE_BYTES = 64L << 20;
    /** Placements live seconds; a small memtable flushes soon, so put/single-delete pairs cancel early. */
    private static final long PLACEMENTS_WRITE_BUFFER = 8L << 20;

    private final RocksDB db;
    private final Families families;
    private final WriteOptions syncWrites;
    private final WriteOptions unsyncedWrites;
    private final LongAdder walSyncs = new LongAdder();
    /** Native objects in creation order, closed in reverse. */
    private final List<AutoCloseable> resources;

    private RocksDbHandle(RocksDB db, Families families, WriteOptions syncWrites, WriteOptions unsyncedWrites,
                          List<AutoCloseable> resources) {
        this.db = db;
        this.families = families;
        this.syncWrites = syncWrites;
        this.unsyncedWrites = unsyncedWrites;
        this.resources = resources;
    }

    static RocksDbHandle open(Path dir, RocksDbMetadataStore.Durability durability) {
        RocksDB.loadLibrary();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            PrivateFiles.createDirectories(dir);
            Cache cache = track(resources, new LRUCache(BLOCK_CACHE_BYTES));
            BloomFilter bloom = track(resources, new BloomFilter(10));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            ColumnFamilyOptions options = track(resources, new ColumnFamilyOptions().setTableFormatConfig(table));
            ColumnFamilyOptions placementOptions = track(resources, new ColumnFamilyOptions()
                    .setTableFormatConfig(table).setWriteBufferSize(PLACEMENTS_WRITE_BUFFER));
            // Each write that records an event merges its sequence number here; "max" keeps the largest, so
            // concurrent writes of one bucket may reach the WAL in any order (docs/metadata.md).
            ColumnFamilyOptions sequenceOptions = track(resources, new ColumnFamilyOptions()
                    .setTableFormatConfig(table).setMergeOperatorName("max"));
            DBOptions dbOptions = track(resources, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2)
                    .setKeepLogFileNum(5)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL));
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.FILES), options),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.CONTENTS), options),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.PLACEMENTS), placementOptions),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.GARBAGE), options),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.EVENTS), options),
                    new ColumnFamilyDescriptor(bytes(MetadataKeys.EVENT_SEQUENCES), sequenceOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            // Handles are closed before the database, so they go on the list after it.
            resources.add(db);
            resources.addAll(handles);
            Families families = new Families(handles.get(0), handles.get(1), handles.get(2), handles.get(3),
                    handles.get(4), handles.get(5), handles.get(6));
            WriteOptions syncWrites = track(resources,
                    new WriteOptions().setSync(durability == RocksDbMetadataStore.Durability.SYNC));
            WriteOptions unsyncedWrites = track(resources, new WriteOptions().setSync(false));
            checkFormat(db, families, syncWrites, dir);
            return new RocksDbHandle(db, families, syncWrites, unsyncedWrites, resources);
        } catch (RocksDBException | IOException | RuntimeException e) {
            closeAll(resources);
            if (e instanceof XfsException x) {
                throw x;
            }
            throw new XfsException(ErrorCode.INTERNAL, "cannot open metadata store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkFormat(RocksDB db, Families families, WriteOptions sync, Path dir)
            throws RocksDBException {
        byte[] stored = db.get(families.meta(), MetadataKeys.FORMAT_KEY);
        if (stored == null) {
            db.put(families.meta(), sync, MetadataKeys.FORMAT_KEY, RecordFormat.encodeFormatVersion());
        } else if (RecordFormat.decodeFormatVersion(stored) != RecordFormat.FORMAT_VERSION) {
            throw new XfsException(ErrorCode.CORRUPT_DATA, "metadata store in " + dir + " has format version "
                    + RecordFormat.decodeFormatVersion(stored) + "; this build reads " + RecordFormat.FORMAT_VERSION);
        }
    }

    RocksDB db() {
        return db;
    }

    Families families() {
        return families;
    }

    /** Write options of every change: synced to the WAL before the call returns, unless opened without sync. */
    WriteOptions syncWrites() {
        return syncWrites;
    }

    /**
     * Makes every write so far durable, as a synced write would have (nothing to do when opened without
     * sync): one disk sync for any number of {@link #unsyncedWrites()}.
     */
    void syncWal() throws RocksDBException {
        if (syncWrites.sync()) {
            db.syncWal();
            walSyncs.increment();
        }
    }

    /** How many times {@link #syncWal()} synced so far (synced writes not counted). */
    long walSyncs() {
        return walSyncs.sum();
    }

    /**
     * Write options that put a change in the WAL without syncing it: durable once a later synced write
     * returns (the WAL is one ordered log, and a sync covers everything written to it before).
     */
    WriteOptions unsyncedWrites() {
        return unsyncedWrites;
    }

    /**
     * Up to {@code limit} keys of {@code family} that start with {@code prefix}, in order, after
     * {@code after} (exclusive) or from the first.
     */
    List<byte[]> scanKeys(ColumnFamilyHandle family, byte[] prefix, byte @Nullable [] after, int limit)
            throws RocksDBException {
        List<byte[]> keys = new ArrayList<>();
        try (Slice upper = new Slice(MetadataKeys.prefixEnd(prefix));
             ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(family, read)) {
            it.seek(after == null ? prefix : after);
            for (; it.isValid() && keys.size() < limit; it.next()) {
                byte[] key = it.key();
                if (after == null || !Arrays.equals(key, after)) {
                    keys.add(key);
                }
            }
            it.status();
        }
        return keys;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Closing native handles in order; one failure must not leak the rest.
            }
        }
        resources.clear();
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
