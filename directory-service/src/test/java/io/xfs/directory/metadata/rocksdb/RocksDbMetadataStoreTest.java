package io.xfs.directory.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.metadata.MetadataLedger;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.MetadataStoreContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
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
    protected MetadataStore openStore(boolean recordEvents) {
        return RocksDbMetadataStore.open(dir.resolve("meta"), RocksDbMetadataStore.Durability.SYNC, recordEvents);
    }

    // --- commitAll: one WAL sync per batch, and none when the batch's last write was synced already ---

    @Test
    void aBatchOfNewFilesSyncsTheWalOnce() {
        long before = rocksDb().walSyncs();
        List<MetadataStore.Committed> results = store().commitAll(List.of(
                newFile("new/a", "a"), newFile("new/b", "b"), newFile("new/c", "c")), MetadataLedger.NOW);

        assertThat(results).allSatisfy(r -> assertThat(r.failure()).isNull());
        assertThat(rocksDb().walSyncs() - before).isEqualTo(1);
    }

    @Test
    void aBatchOfOverwritesNeedsNoSyncOfItsOwn() {
        store().commit(newFile("avatar/1", "old one"), MetadataLedger.NOW);
        store().commit(newFile("avatar/2", "old two"), MetadataLedger.NOW);
        long before = rocksDb().walSyncs();

        // Each overwrite releases the older version's needle, so its own write is synced: nothing is left.
        List<MetadataStore.Committed> results = store().commitAll(List.of(
                newFile("avatar/1", "new one"), newFile("avatar/2", "new two")), MetadataLedger.NOW);

        assertThat(results).allSatisfy(r -> assertThat(r.failure()).isNull());
        assertThat(rocksDb().walSyncs() - before).isZero();
        assertThat(store().garbage(null, 10)).hasSize(2);
    }

    @Test
    void aBatchSyncsWhenAnUnsyncedWriteFollowsItsLastSyncedOne() {
        store().commit(newFile("avatar/3", "old"), MetadataLedger.NOW);
        long before = rocksDb().walSyncs();
        store().commitAll(List.of(newFile("new/d", "d"), newFile("avatar/3", "new")), MetadataLedger.NOW);
        assertThat(rocksDb().walSyncs() - before).as("overwrite last: it synced the new file too").isZero();

        store().commit(newFile("avatar/4", "old"), MetadataLedger.NOW);
        before = rocksDb().walSyncs();
        store().commitAll(List.of(newFile("avatar/4", "new"), newFile("new/e", "e")), MetadataLedger.NOW);
        assertThat(rocksDb().walSyncs() - before).as("new file last: its write is not synced yet").isEqualTo(1);
    }

    @Test
    void aRetriedCommitSyncsBeforeItAnswers() {
        CommitRequest request = newFile("retried", "same bytes");
        FileView first = store().commitAll(List.of(request), MetadataLedger.NOW).getFirst().file();
        long before = rocksDb().walSyncs();

        // The write this retry answers from may belong to a batch that has not synced yet.
        assertThat(store().commit(request, MetadataLedger.NOW)).isEqualTo(first);
        assertThat(rocksDb().walSyncs() - before).isEqualTo(1);
    }

    private CommitRequest newFile(String name, String content) {
        NeedleRef needle = ledger.place(BUCKET, content.getBytes(StandardCharsets.UTF_8).length);
        return ledger.request(BUCKET, name, content, List.of(needle));
    }

    private RocksDbMetadataStore rocksDb() {
        return (RocksDbMetadataStore) store();
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
                MetadataKeys.GARBAGE, MetadataKeys.EVENTS, MetadataKeys.EVENT_SEQUENCES)) {
            families.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions();
             RocksDB db = RocksDB.open(options, dir.resolve("meta").toString(), families, handles)) {
            db.put(handles.getFirst(), MetadataKeys.FORMAT_KEY, new byte[] {0, 0, 0, 99});
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertFails(ErrorCode.CORRUPT_DATA, () -> openStore(true));
        dir = dir.resolve("fresh"); // the suite's teardown closes a store: give it one
        reopen();
    }

    @Test
    void closeWaitsForRunningOperationsAndLaterOnesFailCleanly() throws Exception {
        ledger.upload(BUCKET, "f", "read while closing");
        MetadataStore open = store();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        CountDownLatch reading = new CountDownLatch(4);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(Thread.ofPlatform().start(() -> {
                reading.countDown();
                while (true) {
                    try {
                        assertThat(open.get(BUCKET, "f")).isPresent();
                        assertThat(open.list(BUCKET, "", null, 10).files()).containsExactly("f");
                        reads.incrementAndGet();
                    } catch (XfsException e) {
                        if (e.errorCode() == ErrorCode.SHUTTING_DOWN) {
                            refused.incrementAndGet();
                        } else {
                            unexpected.set(e);
                        }
                        return;
                    } catch (Throwable e) {
                        unexpected.set(e);
                        return;
                    }
                }
            }));
        }
        reading.await();
        Thread.sleep(50);
        open.close();
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        assertThat(unexpected.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(refused.get()).isEqualTo(4);
        reopen();
        assertThat(store().get(BUCKET, "f")).isPresent();
    }

    @Test
    void unsyncedPlacementIsInTheLogForARecoveryWithoutClose() throws IOException {
        NeedleRef pending = ledger.place(BUCKET, 5);
        FileView synced = ledger.upload(BUCKET, "synced", "a synced commit after it");
        // The files as a crash leaves them (no close, no flush): everything is in the WAL only.
        Path crashed = dir.resolve("crashed");
        Path live = dir.resolve("meta");
        try (Stream<Path> files = Files.walk(live)) {
            for (Path file : files.toList()) {
                Files.copy(file, crashed.resolve(live.relativize(file).toString()));
            }
        }
        try (MetadataStore recovered = RocksDbMetadataStore.open(crashed)) {
            assertThat(recovered.get(BUCKET, "synced")).contains(synced);
            FileView committed = recovered.commit(ledger.request(BUCKET, "f", "hello", List.of(pending)),
                    MetadataLedger.NOW);
            assertThat(committed.chunks()).containsExactly(pending);
        }
    }

    @Test
    void noSyncStoreKeepsItsWritesAcrossACleanReopen() {
        store().close();
        Path loaded = dir.resolve("nosync");
        try (MetadataStore fast = RocksDbMetadataStore.open(loaded, RocksDbMetadataStore.Durability.NO_SYNC)) {
            new MetadataLedger(() -> fast).upload(BUCKET, "bulk", "loaded fast");
        }
        try (MetadataStore durable = RocksDbMetadataStore.open(loaded)) {
            assertThat(durable.get(BUCKET, "bulk")).isPresent();
        }
        reopen();
    }
}
