package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void rangeHeaderFormsMapToStartAndLength() {
        assertThat(ByteRange.ofHeader("bytes=10-19", 100)).contains(new ByteRange(10, 10));
        assertThat(ByteRange.ofHeader("bytes=90-", 100)).contains(new ByteRange(90, 10));
        assertThat(ByteRange.ofHeader("bytes=-30", 100)).contains(new ByteRange(70, 30));
        assertThat(ByteRange.ofHeader("bytes=50-500", 100)).contains(new ByteRange(50, 50));
    }

    @Test
    void malformedOrMultipleRangesAreIgnored() {
        assertThat(ByteRange.ofHeader(null, 100)).isEmpty();
        assertThat(ByteRange.ofHeader("bytes=5-3", 100)).isEmpty();
        assertThat(ByteRange.ofHeader("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.ofHeader("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.ofHeader("bytes=-", 100)).isEmpty();
    }

    @Test
    void rangesOutsideTheFileAre416() {
        for (String header : new String[] {"bytes=100-", "bytes=100-200", "bytes=-0"}) {
            assertThatThrownBy(() -> ByteRange.ofHeader(header, 100)).isInstanceOfSatisfying(XfsException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
        }
    }

    @Test
    void seekGivesTheRestOfTheFile() {
        assertThat(ByteRange.ofSeek("0", 100)).isEqualTo(new ByteRange(0, 100));
        assertThat(ByteRange.ofSeek("40", 100)).isEqualTo(new ByteRange(40, 60));
        assertThat(ByteRange.ofSeek("100", 100)).isEqualTo(new ByteRange(100, 0));
        assertThatThrownBy(() -> ByteRange.ofSeek("101", 100)).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
        assertThatThrownBy(() -> ByteRange.ofSeek("-1", 100)).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThatThrownBy(() -> ByteRange.ofSeek("ten", 100)).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }
}
