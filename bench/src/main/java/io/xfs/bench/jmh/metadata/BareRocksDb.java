package io.xfs.bench.jmh.metadata;

import java.nio.file.Path;
import java.util.function.IntFunction;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The baseline of the metadata benchmarks: a bare RocksDB with default options, holding values of a
 * file record's size (150 bytes) under plain keys, measured in the same run as the store.
 */
final class BareRocksDb implements AutoCloseable {
    private static final byte[] VALUE = new byte[150];

    private final Options options;
    private final WriteOptions sync;
    private final RocksDB db;

    private BareRocksDb(Options options, WriteOptions sync, RocksDB db) {
        this.options = options;
        this.sync = sync;
        this.db = db;
    }

    static BareRocksDb open(Path dir) {
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(true);
        try {
            return new BareRocksDb(options, new WriteOptions().setSync(true), RocksDB.open(options, dir.toString()));
        } catch (RocksDBException e) {
            options.close();
            throw new IllegalStateException(e);
        }
    }

    /** Puts {@code count} values under {@code key.apply(0..count-1)}, unsynced (setup, not measured). */
    BareRocksDb load(int count, IntFunction<byte[]> key) throws RocksDBException {
        for (int i = 0; i < count; i++) {
            db.put(key.apply(i), VALUE);
        }
        return this;
    }

    void putSync(byte[] key) throws RocksDBException {
        db.put(sync, key, VALUE);
    }

    byte[] get(byte[] key) throws RocksDBException {
        return db.get(key);
    }

    /** Reads {@code count} consecutive keys from {@code from}; returns how many there were. */
    int scan(byte[] from, int count) {
        int read = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(from); it.isValid() && read < count; it.next()) {
                read += it.key().length > 0 ? 1 : 0;
            }
        }
        return read;
    }

    @Override
    public void close() {
        db.close();
        sync.close();
        options.close();
    }
}
