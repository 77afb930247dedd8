package io.xfs.store.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.store.CopyResult;
import io.xfs.common.store.ReplicaSnapshot;
import io.xfs.store.volume.Durability;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import io.xfs.store.volume.VolumeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies between two real volume managers (the source read in process, as the HTTP calls would read it). */
class VolumeCopierTest {
    private static final int VID = 7;

    @TempDir
    Path dir;

    private VolumeManager sourceStore;
    private VolumeManager targetStore;
    private Volume source;
    private VolumeCopier copier;
    private final AtomicInteger published = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        VolumeOptions options = VolumeOptions.defaults().withDurability(Durability.NONE);
        sourceStore = VolumeManager.open(dir.resolve("source"), options);
        targetStore = VolumeManager.open(dir.resolve("target"), options);
        source = sourceStore.add(VID);
        copier = new VolumeCopier(targetStore, 1 << 20, 5, published::incrementAndGet);
    }

    @AfterEach
    void close() throws IOException {
        sourceStore.close();
        targetStore.close();
    }

    /** Reads the source volume as the HTTP source does; counts the needle streams opened. */
    private class LocalSource implements ReplicaSource {
        final AtomicInteger streams = new AtomicInteger();

        @Override
        public ReplicaSnapshot snapshot(int vid) {
            return sourceStore.volume(vid).orElseThrow().replicaState();
        }

        @Override
        public InputStream needles(int vid, long epoch, long from, long to) throws IOException {
            streams.incrementAndGet();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sourceStore.volume(vid).orElseThrow().transferNeedles(epoch, from, to, Channels.newChannel(out));
            return new ByteArrayInputStream(out.toByteArray());
        }

        @Override
        public String name() {
            return "local";
        }
    }

    private static byte[] data(long key, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (key * 31 + i);
        }
        return b;
    }

    private void write(long key, int size) throws IOException {
        source.append(key, (int) key, ByteBuffer.wrap(data(key, size)));
    }

    private void assertSameContent() throws IOException {
        Volume target = targetStore.volume(VID).orElseThrow();
        long[] keys = source.replicaState().keys();
        assertThat(target.replicaState().keys()).containsExactly(keys);
        for (long key : keys) {
            assertThat(target.read(key, (int) key)).isEqualTo(source.read(key, (int) key));
        }
    }

    @Test
    void copiesEveryNeedleAndAgrees() throws IOException {
        for (long key = 1; key <= 300; key++) {
            write(key, (int) (key * 97 % 5000));
        }
        source.delete(5, 5);
        write(9, 100); // an overwrite: the older needle is garbage

        CopyResult result = copier.copy(VID, new LocalSource());

        assertThat(result.agreed()).isTrue();
        assertThat(published).as("a complete replica is published at once").hasValue(1);
        assertThat(result.missing()).isZero();
        assertSameContent();
        assertThat(targetStore.incomplete(VID)).isFalse();
        assertThat(targetStore.volume(VID).orElseThrow().read(9, 9)).hasSize(100);
    }

    @Test
    void catchesUpWithDeletesAndWritesMadeAfterTheCopy() throws IOException {
        for (long key = 1; key <= 50; key++) {
            write(key, 1000);
        }
        assertThat(copier.copy(VID, new LocalSource()).agreed()).isTrue();

        // A delete rewrites a flag in place, behind the copy's cursor: only the index shows it.
        source.delete(3, 3);
        source.delete(40, 40);
        write(51, 10);
        LocalSource again = new LocalSource();
        CopyResult result = copier.copy(VID, again);

        assertThat(result.agreed()).isTrue();
        assertThat(result.deletes()).isEqualTo(2);
        assertThat(result.needles()).isEqualTo(1);
        assertThat(again.streams.get()).isEqualTo(1); // only the new tail, not the whole volume again
        assertSameContent();
    }

    @Test
    void aRepeatedCopyIsANoOp() throws IOException {
        for (long key = 1; key <= 20; key++) {
            write(key, 500);
        }
        copier.copy(VID, new LocalSource());
        long size = targetStore.volume(VID).orElseThrow().stats().size();

        CopyResult again = copier.copy(VID, new LocalSource());

        assertThat(again.agreed()).isTrue();
        assertThat(again.needles() + again.deletes()).isZero();
        assertThat(targetStore.volume(VID).orElseThrow().stats().size()).isEqualTo(size);
    }

    @Test
    void aCopyCutShortResumesWithoutWritingNeedlesTwice() throws IOException {
        for (long key = 1; key <= 600; key++) {
            write(key, 20_000); // 12 MB: several batches
        }
        LocalSource cut = new LocalSource() {
            @Override
            public InputStream needles(int vid, long epoch, long from, long to) throws IOException {
                byte[] all = super.needles(vid, epoch, from, to).readAllBytes();
                return new ByteArrayInputStream(Arrays.copyOf(all, all.length / 2));
            }
        };
        assertThatThrownBy(() -> copier.copy(VID, cut)).isInstanceOf(IOException.class);
        assertThat(targetStore.incomplete(VID)).isTrue();
        long partial = targetStore.volume(VID).orElseThrow().stats().needles();
        assertThat(partial).isBetween(1L, 599L);

        CopyResult result = copier.copy(VID, new LocalSource());

        assertThat(result.agreed()).isTrue();
        assertThat(result.needles()).isEqualTo(600 - partial);
        assertThat(targetStore.volume(VID).orElseThrow().stats().garbageBytes()).isZero();
        assertSameContent();
    }

    @Test
    void aCompactedSourceIsCopiedAgainFromItsStartSkippingWhatIsThere() throws IOException {
        for (long key = 1; key <= 100; key++) {
            write(key, 1000);
        }
        copier.copy(VID, new LocalSource());
        for (long key = 1; key <= 50; key++) {
            source.delete(key, (int) key);
        }
        source.compact(); // new positions, new epoch
        write(101, 1000);

        CopyResult result = copier.copy(VID, new LocalSource());

        assertThat(result.agreed()).isTrue();
        assertThat(result.needles()).isEqualTo(1);
        assertThat(result.deletes()).isEqualTo(50);
        assertSameContent();
    }

    @Test
    void aCorruptNeedleAtTheSourceIsNotCopiedAndTheCopyDoesNotCount() throws IOException {
        for (long key = 1; key <= 10; key++) {
            write(key, 1000);
        }
        // Flip a data byte of the first needle (it starts after the 8-byte super block; data at +21).
        Path dat = dir.resolve("source").resolve(String.format("%010d.dat", VID));
        try (RandomAccessFile file = new RandomAccessFile(dat.toFile(), "rw")) {
            file.seek(8 + 21 + 10);
            int b = file.read();
            file.seek(8 + 21 + 10);
            file.write(b ^ 0xFF);
        }

        CopyResult result = copier.copy(VID, new LocalSource());

        assertThat(result.agreed()).isFalse();
        assertThat(published).as("an incomplete replica is not published").hasValue(0);
        assertThat(result.corrupt()).isPositive();
        assertThat(result.missing()).isEqualTo(1);
        assertThat(targetStore.incomplete(VID)).isTrue();
        assertThat(Files.exists(dir.resolve("target").resolve(String.format("%010d.incomplete", VID)))).isTrue();
    }
}
