package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeManagerTest {
    @TempDir
    Path dir;

    @Test
    void reopensEveryVolumeFoundAndAddIsIdempotent() throws IOException {
        try (VolumeManager manager = VolumeManager.open(dir, VolumeTest.options(Durability.FSYNC))) {
            assertThat(manager.volumes()).isEmpty();
            Volume three = manager.add(3);
            assertThat(manager.add(3)).isSameAs(three);
            manager.add(12).append(5, 6, ByteBuffer.wrap(new byte[] {7}));
            three.append(1, 2, ByteBuffer.wrap(new byte[] {3}));
            assertThat(manager.volumes()).extracting(Volume::id).containsExactly(3, 12);
        }
        Files.writeString(dir.resolve("notes.dat"), "not a volume");
        Files.writeString(dir.resolve("README"), "hello");
        try (VolumeManager manager = VolumeManager.open(dir, VolumeTest.options(Durability.FSYNC))) {
            assertThat(manager.volumes()).extracting(Volume::id).containsExactly(3, 12);
            assertThat(manager.volume(12).orElseThrow().read(5, 6)).containsExactly(7);
            assertThat(manager.volume(3).orElseThrow().read(1, 2)).containsExactly(3);
            assertThat(manager.volume(4)).isEmpty();
        }
    }

    @Test
    void aVolumeThatCannotBeOpenedIsLeftOutNotFatal() throws IOException {
        try (VolumeManager manager = VolumeManager.open(dir, VolumeTest.options(Durability.FSYNC))) {
            manager.add(1);
            manager.add(2);
        }
        Files.write(dir.resolve(VolumeFiles.baseName(2) + VolumeFiles.DATA_SUFFIX), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (VolumeManager manager = VolumeManager.open(dir, VolumeTest.options(Durability.FSYNC))) {
            assertThat(manager.volumes()).extracting(Volume::id).containsExactly(1);
        }
        // Left alone for an operator to look at.
        assertThat(Files.size(dir.resolve(VolumeFiles.baseName(2) + VolumeFiles.DATA_SUFFIX))).isEqualTo(8);
    }
}
