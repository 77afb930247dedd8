package io.xfs.directory.metadata.rocksdb;

import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Lists a directory as a skip scan over the files column family. A directory's files are the keys
 * starting with {@code bucket 0x00 dir}; the part after that prefix is either a file name (no
 * {@code /}) or lies below a subdirectory, which is one entry ({@code name/}). The scan emits that entry
 * and moves past the whole subtree (a few steps, then a seek to {@link MetadataKeys#pastSubtree}), so a
 * page costs one step per file and at most a few steps and one seek per subdirectory, however many files
 * lie below. Because a subtree's keys all start with
 * {@code name/}, key order is entry order, and the one sorted sequence of SPEC §3 falls out of the scan.
 * Stateless.
 */
final class DirectoryLister {
    private static final byte SLASH = '/';
    private static final int STEPS_BEFORE_SEEK = 4;

    private DirectoryLister() {
    }

    static Listing list(RocksDbHandle handle, String bucket, String dir, @Nullable String marker, int limit) {
        byte[] prefix = MetadataKeys.file(bucket, dir);
        byte[] after = marker == null ? null : MetadataKeys.utf8(marker);
        List<String> files = new ArrayList<>();
        List<String> subdirs = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        int count = 0;
        try (Slice upper = new Slice(MetadataKeys.prefixEnd(prefix));
             ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = handle.db().newIterator(handle.families().files(), read)) {
            it.seek(after == null ? prefix : MetadataKeys.concat(prefix, after));
            byte[] key = it.isValid() ? it.key() : null;
            while (key != null) {
                int slash = indexOf(key, prefix.length, SLASH);
                int entryEnd = slash < 0 ? key.length : slash + 1;
                if (after != null
                        && Arrays.compareUnsigned(key, prefix.length, entryEnd, after, 0, after.length) <= 0) {
                    key = skip(it, key, slash);
                    continue;
                }
                if (count == limit) {
                    truncated = true;
                    break;
                }
                last = new String(key, prefix.length, entryEnd - prefix.length, StandardCharsets.UTF_8);
                (slash < 0 ? files : subdirs).add(last);
                count++;
                key = skip(it, key, slash);
            }
            it.status();
        } catch (RocksDBException e) {
            throw new XfsException(ErrorCode.INTERNAL, "metadata store failed to list " + bucket + "/" + dir
                    + ": " + e.getMessage(), e);
        }
        return new Listing(bucket, dir, files, subdirs, truncated ? last : null);
    }

    /**
     * Moves past this key's entry and returns the next key, or null at the end: the next key for a file;
     * for a subdirectory, the first key outside its subtree. A few steps are tried before seeking,
     * because small subtrees are common and a step costs a fraction of a seek; a large subtree costs
     * those steps and one seek.
     */
    private static byte @Nullable [] skip(RocksIterator it, byte[] key, int slash) {
        int steps = slash < 0 ? 1 : STEPS_BEFORE_SEEK;
        for (int i = 0; i < steps; i++) {
            it.next();
            if (!it.isValid()) {
                return null;
            }
            byte[] next = it.key();
            if (slash < 0 || next.length <= slash || !Arrays.equals(next, 0, slash + 1, key, 0, slash + 1)) {
                return next;
            }
        }
        it.seek(MetadataKeys.pastSubtree(Arrays.copyOf(key, slash + 1)));
        return it.isValid() ? it.key() : null;
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
