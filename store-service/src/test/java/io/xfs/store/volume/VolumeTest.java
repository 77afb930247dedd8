package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeTest {
    @TempDir
    Path dir;

    private static VolumeOptions options() {
        return VolumeOptions.defaults().withMaxSize(64L << 20);
    }

    static byte[] bytes(long key, int size) {
        byte[] data = new byte[size];
        long x = key * 0x9E3779B97F4A7C15L + size;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data[i] = (byte) x;
        }
        return data;
    }

    @Test
    void roundTripsEveryField() throws IOException {
        try (Volume volume = Volume.open(7, dir, options())) {
            volume.append(42L, 0xCAFE, ByteBuffer.wrap(bytes(42, 1000)));
            volume.append(-1L, -5, ByteBuffer.wrap(new byte[0]));
            assertThat(volume.id()).isEqualTo(7);
            assertThat(volume.read(42L, 0xCAFE)).isEqualTo(bytes(42, 1000));
            assertThat(volume.read(-1L, -5)).isEmpty();
            assertThat(volume.size(42L, 0xCAFE)).hasValue(1000);
            assertThat(volume.size(42L, 0xCAFF)).isEmpty();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(volume.read(42L, 0xCAFE, 10, 20, Channels.newChannel(out))).isEqualTo(20);
            assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes(42, 1000), 10, 30));
            assertThatThrownBy(() -> volume.read(42L, 1))
                    .isInstanceOfSatisfying(XfsException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NEEDLE_NOT_FOUND));
        }
        try (Volume volume = Volume.open(7, dir, options())) {
            assertThat(volume.read(42L, 0xCAFE)).isEqualTo(bytes(42, 1000));
            assertThat(volume.stats().needles()).isEqualTo(2);
        }
    }

    @Test
    void batchAndDeleteSurviveReopen() throws IOException {
        try (Volume volume = Volume.open(1, dir, options())) {
            volume.appendAll(List.of(new NeedleWrite(1, 1, ByteBuffer.wrap(bytes(1, 10))),
                    new NeedleWrite(2, 2, ByteBuffer.wrap(bytes(2, 20)))));
            assertThat(volume.delete(1, 1)).isTrue();
            assertThat(volume.delete(1, 1)).isFalse();
        }
        try (Volume volume = Volume.open(1, dir, options())) {
            assertThat(volume.size(1, 1)).isEmpty();
            assertThat(volume.read(2, 2)).isEqualTo(bytes(2, 20));
            assertThat(volume.stats().deletedNeedles()).isEqualTo(1);
        }
    }
}
