package io.xfs.directory.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.FileView;
import io.xfs.common.error.ErrorCode;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.MetadataStoreContractTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

/** The conformance suite on the embedded RocksDB backend, plus what only it has: checkpoints, a format version. */
class RocksDbMetadataStoreTest extends MetadataStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore openStore() {
        return RocksDbMetadataStore.open(dir.resolve("meta"));
    }

    @Test
    void checkpointIsAConsistentCopyThatOpensAsAStore() {
        FileView file = ledger.upload(BUCKET, "a/b", "checkpointed");
        Path backup = dir.resolve("backup");
        store().checkpoint(backup);
        ledger.upload(BUCKET, "after", "not in the backup");

        try (MetadataStore copy = RocksDbMetadataStore.open(backup)) {
            assertThat(copy.get(BUCKET, "a/b")).contains(file);
            assertThat(copy.get(BUCKET, "after")).isEmpty();
            assertThat(entries(copy.list(BUCKET, "", null, 10))).containsExactly("a/");
        }
        assertThat(store().get(BUCKET, "after")).isPresent();
    }

    @Test
    void checkpointRefusesAnExistingTarget() throws Exception {
        Path existing = Files.createDirectory(dir.resolve("exists"));
        assertFails(ErrorCode.ALREADY_EXISTS, () -> store().checkpoint(existing));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().checkpoint(dir.resolve("no/such/parent")));
    }

    @Test
    void storeOfAnUnknownFormatVersionIsRefused() throws Exception {
        store().close();
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        for (String name : List.of("default", MetadataKeys.FILES, MetadataKeys.CONTENTS, MetadataKeys.PLACEMENTS,
                MetadataKeys.GARBAGE)) {
            families.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions();
             RocksDB db = RocksDB.open(options, dir.resolve("meta").toString(), families, handles)) {
            db.put(handles.getFirst(), MetadataKeys.FORMAT_KEY, new byte[] {0, 0, 0, 99});
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertFails(ErrorCode.CORRUPT_DATA, this::openStore);
        dir = dir.resolve("fresh"); // the suite's teardown closes a store: give it one
        reopen();
    }
}
