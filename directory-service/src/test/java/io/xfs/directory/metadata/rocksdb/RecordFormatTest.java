package io.xfs.directory.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.metadata.rocksdb.RecordFormat.ContentValue;
import io.xfs.directory.metadata.rocksdb.RecordFormat.FileRecord;
import io.xfs.directory.metadata.rocksdb.RecordFormat.PlacementValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    private static final String SHA256 = "00ff".repeat(16);
    private static final FileRecord FILE = new FileRecord(12, 1_700_000_000_000L, "image/jpeg", "ab".repeat(20),
            SHA256, List.of(new NeedleRef(3, -5, -7, 8), new NeedleRef(Integer.MAX_VALUE, Long.MAX_VALUE, 1, 4)));

    @Test
    void recordsRoundTrip() {
        assertThat(RecordFormat.decodeFile(RecordFormat.encodeFile(FILE))).isEqualTo(FILE);
        ContentValue content = new ContentValue(Long.MAX_VALUE, FILE.chunks());
        assertThat(RecordFormat.decodeContent(RecordFormat.encodeContent(content))).isEqualTo(content);
        PlacementValue placement = new PlacementValue("bücket", -1, Long.MIN_VALUE);
        assertThat(RecordFormat.decodePlacement(RecordFormat.encodePlacement(placement))).isEqualTo(placement);
        assertThat(RecordFormat.decodeGarbageCookie(RecordFormat.encodeGarbage(-9))).isEqualTo(-9);
    }

    @Test
    void unknownVersionIsCorruptNotMisread() {
        byte[] value = RecordFormat.encodeFile(FILE);
        value[0] = 2;
        assertCorrupt(() -> RecordFormat.decodeFile(value));
    }

    @Test
    void truncatedOrInflatedRecordsAreCorrupt() {
        byte[] value = RecordFormat.encodeFile(FILE);
        for (int length = 0; length < value.length; length += 7) {
            byte[] cut = Arrays.copyOf(value, length);
            assertCorrupt(() -> RecordFormat.decodeFile(cut));
        }
        byte[] content = RecordFormat.encodeContent(new ContentValue(1, FILE.chunks()));
        content[1 + Long.BYTES + 3] = 100; // needle count far beyond the bytes present
        assertCorrupt(() -> RecordFormat.decodeContent(content));
    }

    @Test
    void needleKeysSortInNumericOrder() {
        byte[] a = MetadataKeys.needle(1, -2);
        byte[] b = MetadataKeys.needle(1, 3);
        byte[] c = MetadataKeys.needle(2, Long.MIN_VALUE);
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
        assertThat(Arrays.compareUnsigned(b, c)).isNegative();
        assertThat(MetadataKeys.needleVid(c)).isEqualTo(2);
        assertThat(MetadataKeys.needleKey(a)).isEqualTo(-2);
    }

    private static void assertCorrupt(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA));
    }
}
