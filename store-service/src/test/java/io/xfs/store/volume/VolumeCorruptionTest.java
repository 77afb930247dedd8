package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeCorruptionTest {
    private static final long KEY = 77;
    private static final int COOKIE = VolumeModel.cookie(KEY);

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve(VolumeFiles.baseName(1) + VolumeFiles.DATA_SUFFIX);
    }

    /** A volume with a neighbour needle on each side of needle {@link #KEY}; returns the latter's position. */
    private long writeNeedleBetweenOthers(Volume volume, byte[] data) throws IOException {
        volume.append(1, 1, ByteBuffer.wrap(VolumeModel.bytes(1, 100)));
        long position = volume.stats().size();
        volume.append(KEY, COOKIE, ByteBuffer.wrap(data));
        volume.append(2, 2, ByteBuffer.wrap(VolumeModel.bytes(2, 100)));
        return position;
    }

    @Test
    void flippingAnyByteOfANeedleIsReportedNeverServed() throws IOException {
        byte[] original = VolumeModel.bytes(KEY, 300);
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            long position = writeNeedleBetweenOthers(volume, original);
            long end = position + NeedleFormat.HEADER_SIZE + original.length + NeedleFormat.FOOTER_SIZE;
            for (long at = position; at < end; at++) {
                if (at == position + NeedleFormat.FLAG_OFFSET) {
                    continue; // the flag is outside the CRC by design (deletes rewrite it)
                }
                VolumeRecoveryTest.flipByte(data(), at);
                boolean inData = at >= position + NeedleFormat.HEADER_SIZE && at < position + NeedleFormat.HEADER_SIZE + original.length;
                boolean inCookie = at >= position + NeedleFormat.COOKIE_OFFSET && at < position + NeedleFormat.KEY_OFFSET;
                ErrorCode expected = inCookie ? ErrorCode.NEEDLE_NOT_FOUND : ErrorCode.CORRUPT_DATA;
                long offset = at - position;
                assertThatThrownBy(() -> volume.read(KEY, COOKIE)).as("byte %d flipped", offset)
                        .isInstanceOfSatisfying(XfsException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(expected);
                            if (expected == ErrorCode.CORRUPT_DATA) {
                                assertThat(e.getMessage()).contains("volume 1", "needle " + KEY, "offset " + position);
                            }
                        });
                // A range that avoids the flipped byte is still refused: the CRC covers the whole needle.
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThatThrownBy(() -> volume.read(KEY, COOKIE, 0, 10, Channels.newChannel(out)))
                        .as("range read, byte %d flipped", offset).isInstanceOf(XfsException.class);
                assertThat(out.size()).isZero();
                if (inData) {
                    assertThat(volume.size(KEY, COOKIE)).hasValue(original.length);
                }
                VolumeRecoveryTest.flipByte(data(), at);
                assertThat(volume.read(KEY, COOKIE)).isEqualTo(original);
            }
            assertThat(volume.read(1, 1)).isEqualTo(VolumeModel.bytes(1, 100));
            assertThat(volume.read(2, 2)).isEqualTo(VolumeModel.bytes(2, 100));
        }
    }

    @Test
    void streamedNeedleFailsBeforeItsLastByteIsWritten() throws IOException {
        byte[] original = VolumeModel.bytes(KEY, 200_000);
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.NONE))) {
            long position = writeNeedleBetweenOthers(volume, original);
            long dataStart = position + NeedleFormat.HEADER_SIZE;
            long[] flips = {dataStart, dataStart + 70_000, dataStart + original.length - 1,
                    dataStart + original.length + Integer.BYTES /* the stored CRC */};
            long[][] ranges = {{0, original.length}, {0, 1000}, {150_000, 50_000}, {199_999, 1}};
            for (long flip : flips) {
                VolumeRecoveryTest.flipByte(data(), flip);
                for (long[] range : ranges) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        volume.read(KEY, COOKIE, range[0], range[1], Channels.newChannel(out));
                        fail("corruption at %d not reported for range %s", flip - dataStart, Arrays.toString(range));
                    } catch (XfsException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA);
                    }
                    // Pieces may have gone out before the mismatch showed (SPEC §5: the caller aborts the
                    // response), but never the whole range.
                    assertThat(out.size()).as("bytes written for range %s", Arrays.toString(range)).isLessThan((int) range[1]);
                }
                VolumeRecoveryTest.flipByte(data(), flip);
            }
            assertThat(volume.read(KEY, COOKIE)).isEqualTo(original);
        }
    }

    @Test
    void corruptionInsideTheIndexedRegionSurvivesReopenAndIsStillReported() throws IOException {
        long position;
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.FSYNC))) {
            position = writeNeedleBetweenOthers(volume, VolumeModel.bytes(KEY, 500));
        }
        VolumeRecoveryTest.flipByte(data(), position + NeedleFormat.HEADER_SIZE + 10);
        try (Volume volume = Volume.open(1, dir, VolumeTest.options(Durability.FSYNC))) {
            VolumeTest.assertError(ErrorCode.CORRUPT_DATA, () -> volume.read(KEY, COOKIE));
            assertThat(volume.read(2, 2)).isEqualTo(VolumeModel.bytes(2, 100));
            // Compaction keeps the needle detectably corrupt rather than dropping it silently.
            volume.compact();
            VolumeTest.assertError(ErrorCode.CORRUPT_DATA, () -> volume.read(KEY, COOKIE));
            assertThat(volume.read(1, 1)).isEqualTo(VolumeModel.bytes(1, 100));
        }
    }
}
