package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeRecoveryTest {
    private static final int VID = 3;

    @TempDir
    Path dir;

    private Path data(Path volumeDir) {
        return volumeDir.resolve(VolumeFiles.baseName(VID) + VolumeFiles.DATA_SUFFIX);
    }

    private Path index(Path volumeDir) {
        return volumeDir.resolve(VolumeFiles.baseName(VID) + VolumeFiles.INDEX_SUFFIX);
    }

    private static Volume open(Path volumeDir) throws IOException {
        return Volume.open(VID, volumeDir, VolumeTest.options(Durability.FSYNC));
    }

    /** For the many reopens of the torn-write test: the same recovery, without waiting for fsyncs. */
    private static Volume openUnsynced(Path volumeDir) throws IOException {
        return Volume.open(VID, volumeDir, VolumeTest.options(Durability.NONE));
    }

    static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) ~one.get(0));
            channel.write(one.flip(), position);
        }
    }

    @Test
    void recoveryTruncatesTornNeedleAtTailAtEveryByteOffset() throws IOException {
        Path base = dir.resolve("base");
        VolumeModel firstNeedles = new VolumeModel();
        long lastStart;
        long end;
        try (Volume volume = open(base)) {
            for (long key = 1; key <= 4; key++) {
                firstNeedles.append(volume, key, (int) (key * 5));
            }
            lastStart = volume.stats().size();
            volume.append(5, VolumeModel.cookie(5), ByteBuffer.wrap(VolumeModel.bytes(5, 13)));
            end = volume.stats().size();
        }
        byte[] fullIndex = Files.readAllBytes(index(base));
        byte[] laggingIndex = Arrays.copyOf(fullIndex, fullIndex.length - IndexFormat.RECORD_SIZE);
        // The index as the group committer leaves it (complete), one record behind (crash before it
        // was written), and gone: every cut of the last needle before the end of its footer must give back
        // exactly the first four; a cut in its padding keeps it whole (the padding is restored).
        long footerEnd = lastStart + NeedleFormat.HEADER_SIZE + 13 + NeedleFormat.FOOTER_SIZE;
        assertThat(footerEnd).isLessThan(end);
        for (byte[] indexBytes : new byte[][] {fullIndex, laggingIndex, null}) {
            for (long cut = lastStart; cut < end; cut++) {
                Path crashed = dir.resolve("cut-" + cut + "-" + (indexBytes == null ? "none" : indexBytes.length));
                copyDir(base, crashed);
                truncate(data(crashed), cut);
                if (indexBytes == null) {
                    Files.delete(index(crashed));
                } else {
                    Files.write(index(crashed), indexBytes);
                }
                VolumeModel model = firstNeedles.copy();
                boolean intact = cut >= footerEnd;
                try (Volume volume = openUnsynced(crashed)) {
                    if (intact) {
                        model.add(5, VolumeModel.cookie(5), VolumeModel.bytes(5, 13));
                    }
                    model.assertMatches(volume);
                    assertThat(volume.size(5, VolumeModel.cookie(5)).isPresent()).as("cut at %d", cut).isEqualTo(intact);
                    assertThat(volume.stats().size()).as("cut at %d", cut).isEqualTo(intact ? end : lastStart);
                    model.append(volume, 6, 11);
                }
                try (Volume volume = openUnsynced(crashed)) {
                    model.assertMatches(volume);
                }
            }
        }
    }

    @Test
    void intactNeedleWithoutItsPaddingIsKeptAndRepadded() throws IOException {
        Path live = dir.resolve("live");
        VolumeModel model = new VolumeModel();
        long end;
        try (Volume volume = open(live)) {
            mixedHistory(volume, model, 100);
            // 21 + 150,000 + 8 = 150,029 bytes, padded to 150,032: the needle a restart once dropped.
            model.append(volume, 999, 150_000);
            end = volume.stats().size();
        }
        assertThat(NeedleFormat.needleLength(150_000) - (NeedleFormat.HEADER_SIZE + 150_000 + NeedleFormat.FOOTER_SIZE))
                .isEqualTo(3);
        for (boolean withIndex : new boolean[] {true, false}) {
            Path crashed = dir.resolve("crashed-" + withIndex);
            copyDir(live, crashed);
            truncate(data(crashed), end - 3);
            if (!withIndex) {
                Files.delete(index(crashed));
            }
            VolumeModel expected = model.copy();
            try (Volume volume = open(crashed)) {
                expected.assertMatches(volume);
                assertThat(Files.size(data(crashed))).isEqualTo(end);
                expected.append(volume, 1000, 5);
            }
            try (Volume volume = open(crashed)) {
                expected.assertMatches(volume);
            }
        }
    }

    @Test
    void acknowledgedAppendsAndDeletesSurviveAKill() throws IOException {
        Path live = dir.resolve("live");
        VolumeModel model = new VolumeModel();
        try (Volume volume = open(live)) {
            mixedHistory(volume, model, 100);
            model.append(volume, 999, 10);
            // kill -9 now: what survives is the files as they are, without close() (the index lags the
            // volume: append records are written in batches).
            VolumeRecoveryTest.copyDir(live, dir.resolve("killed"));
        }
        // The index lagged at the kill, so the reopen below had to find the last needles by scanning.
        assertThat(Files.size(index(dir.resolve("killed")))).isLessThan(Files.size(index(live)));
        try (Volume volume = open(dir.resolve("killed"))) {
            model.assertMatches(volume);
        }
    }

    @Test
    void recoveryStopsAtFirstCorruptNeedlePastTheIndex() throws IOException {
        VolumeModel model = new VolumeModel();
        long thirdStart;
        try (Volume volume = open(dir)) {
            model.append(volume, 1, 100);
            model.append(volume, 2, 100);
            thirdStart = volume.stats().size();
            volume.append(3, VolumeModel.cookie(3), ByteBuffer.wrap(VolumeModel.bytes(3, 100)));
            volume.append(4, VolumeModel.cookie(4), ByteBuffer.wrap(VolumeModel.bytes(4, 100)));
        }
        // The index lost its last two records (as after a crash) and needle 3 has a flipped data byte:
        // the scan must stop at needle 3 and drop 4 with it rather than serve past a corrupt needle.
        truncate(index(dir), 2L * IndexFormat.RECORD_SIZE);
        flipByte(data(dir), thirdStart + NeedleFormat.HEADER_SIZE + 50);
        try (Volume volume = open(dir)) {
            model.assertMatches(volume);
            assertThat(volume.size(3, VolumeModel.cookie(3))).isEmpty();
            assertThat(volume.size(4, VolumeModel.cookie(4))).isEmpty();
            assertThat(volume.stats().size()).isEqualTo(thirdStart);
        }
        assertThat(Files.size(data(dir))).isEqualTo(thirdStart);
        assertThat(Files.size(index(dir))).isEqualTo(2L * IndexFormat.RECORD_SIZE);
    }

    /** Appends, overwrites and deletes a mix of needles. */
    private static void mixedHistory(Volume volume, VolumeModel model, long firstKey) throws IOException {
        for (long key = firstKey; key < firstKey + 60; key++) {
            model.append(volume, key, (int) (key % 17) * 40);
        }
        for (long key = firstKey; key < firstKey + 60; key += 4) {
            model.delete(volume, key);
        }
        for (long key = firstKey + 1; key < firstKey + 60; key += 5) {
            model.append(volume, key, 33);
        }
    }

    @Test
    void lostIndexIsRebuiltByScanWithTheSameContentAndCounts() throws IOException {
        VolumeModel model = new VolumeModel();
        VolumeStats before;
        byte[] indexBefore;
        try (Volume volume = open(dir)) {
            mixedHistory(volume, model, 100);
            before = volume.stats();
        }
        indexBefore = Files.readAllBytes(index(dir));
        Files.delete(index(dir));
        try (Volume volume = open(dir)) {
            model.assertMatches(volume);
            assertThat(volume.stats()).isEqualTo(before);
        }
        // The rebuilt index names the same needles (a delete is now recorded next to its needle).
        assertThat(Files.size(index(dir))).isEqualTo(indexBefore.length);
        try (Volume volume = open(dir)) {
            model.assertMatches(volume);
            assertThat(volume.stats()).isEqualTo(before);
        }
    }

    @Test
    void staleIndexIsCompletedByScan() throws IOException {
        VolumeModel model = new VolumeModel();
        Path staleCopy = dir.resolve("stale.idx");
        try (Volume volume = open(dir)) {
            mixedHistory(volume, model, 100);
            volume.committer().flush();
            Files.copy(index(dir), staleCopy);
            mixedHistory(volume, model, 1000);
            model.delete(volume, 101);
        }
        Files.move(staleCopy, index(dir), StandardCopyOption.REPLACE_EXISTING);
        try (Volume volume = open(dir)) {
            // Content is exact; the delete of needle 101 (indexed before the copy) is known from its flag.
            model.assertContent(volume);
            model.append(volume, 5000, 10);
            model.assertContent(volume);
        }
    }

    @Test
    void indexOfAnotherVolumeIsDetectedAndRebuilt() throws IOException {
        Path other = dir.resolve("other");
        try (Volume volume = open(other)) {
            mixedHistory(volume, new VolumeModel(), 7000);
        }
        VolumeModel model = new VolumeModel();
        try (Volume volume = open(dir)) {
            mixedHistory(volume, model, 100);
        }
        Files.copy(index(other), index(dir), StandardCopyOption.REPLACE_EXISTING);
        try (Volume volume = open(dir)) {
            model.assertMatches(volume);
        }
    }

    @Test
    void garbageInTheIndexIsCutAndTheRestRescanned() throws IOException {
        VolumeModel model = new VolumeModel();
        try (Volume volume = open(dir)) {
            for (long key = 1; key <= 40; key++) {
                model.append(volume, key, 64);
            }
            model.delete(volume, 40);
        }
        // Record 20 claims a needle far past the end of the volume; plus a torn trailing half record.
        try (FileChannel channel = FileChannel.open(index(dir), StandardOpenOption.WRITE)) {
            ByteBuffer bad = ByteBuffer.allocate(IndexFormat.RECORD_SIZE);
            IndexFormat.put(bad, 20, Integer.MAX_VALUE, 64);
            channel.write(bad.flip(), 19L * IndexFormat.RECORD_SIZE);
            channel.write(ByteBuffer.allocate(7), channel.size());
        }
        try (Volume volume = open(dir)) {
            model.assertMatches(volume);
        }
    }

    @Test
    void volumeWithUnknownVersionIsRefusedAndLeftAlone() throws IOException {
        try (Volume volume = open(dir)) {
            volume.append(1, 1, ByteBuffer.wrap(new byte[10]));
        }
        try (FileChannel channel = FileChannel.open(data(dir), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {2}), SuperBlock.VERSION_OFFSET);
        }
        byte[] before = Files.readAllBytes(data(dir));
        assertThatThrownBy(() -> open(dir)).isInstanceOf(IOException.class).hasMessageContaining("version 2");
        assertThat(Files.readAllBytes(data(dir))).isEqualTo(before);
    }

    @Test
    void leftoverTempFilesAreDeletedOnOpen() throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(VolumeFiles.baseName(VID) + VolumeFiles.DATA_SUFFIX + VolumeFiles.TEMP_SUFFIX);
        Files.write(temp, new byte[] {1, 2, 3});
        try (Volume volume = open(dir)) {
            assertThat(volume.stats().size()).isEqualTo(SuperBlock.SIZE);
        }
        assertThat(temp).doesNotExist();
    }
}
