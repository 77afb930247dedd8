package io.xfs.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void closedRangeIsClippedAtTheEnd() {
        assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 10));
        assertThat(ByteRange.parse("bytes=90-200", 100)).isEqualTo(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=90-200", 100).contentRange(100)).isEqualTo("bytes 90-99/100");
    }

    @Test
    void openAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=95-", 100)).isEqualTo(new ByteRange(95, 5));
        assertThat(ByteRange.parse("bytes=-5", 100)).isEqualTo(new ByteRange(95, 5));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 100));
        assertThat(ByteRange.parse(" Bytes = 0-0 ", 100)).isEqualTo(new ByteRange(0, 1));
    }

    @Test
    void malformedOrMultipleRangesAreIgnored() {
        assertThat(ByteRange.parse(null, 100)).isNull();
        assertThat(ByteRange.parse("bytes=5-1", 100)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 100)).isNull();
        assertThat(ByteRange.parse("items=0-1", 100)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(ByteRange.parse("bytes=", 100)).isNull();
    }

    @Test
    void rangesStartingPastTheEndAreUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100))
                .isInstanceOfSatisfying(ByteRange.Unsatisfiable.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
                    assertThat(e.contentRange()).isEqualTo("bytes */100");
                });
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(XfsException.class);
    }
}
