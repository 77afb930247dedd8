package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @Test
    void firstByteIsARangeOfOne() {
        assertThat(ByteRange.parse("bytes=0-0", 100)).isEqualTo(new ByteRange(0, 0));
    }

    @Test
    void lastByteByPositionAndBySuffix() {
        assertThat(ByteRange.parse("bytes=99-99", 100)).isEqualTo(new ByteRange(99, 99));
        assertThat(ByteRange.parse("bytes=-1", 100)).isEqualTo(new ByteRange(99, 99));
    }

    @Test
    void suffixLongerThanTheNeedleServesItWhole() {
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=-30", 100)).isEqualTo(new ByteRange(70, 99));
    }

    @Test
    void openEndedAndOverlongRangesStopAtTheLastByte() {
        assertThat(ByteRange.parse("bytes=10-", 100)).isEqualTo(new ByteRange(10, 99));
        assertThat(ByteRange.parse("bytes=10-100000", 100)).isEqualTo(new ByteRange(10, 99));
        assertThat(new ByteRange(5, 9).contentRange(100)).isEqualTo("bytes 5-9/100");
        assertThat(new ByteRange(5, 9).length()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-5001"})
    void rangesStartingAtOrPastTheEndAreUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 100))
                .isInstanceOf(XfsException.class)
                .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
    }

    @Test
    void anEmptyNeedleSatisfiesNoRange() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(XfsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-5", "bytes=5-2", "bytes=0-1,4-5", "bytes=a-b", "bytes=", "bytes=-", "bytes=1",
            "bytes=+1-2", "bytes=99999999999999999999-"})
    void malformedOrMultipleRangesAreIgnored(String header) {
        assertThat(ByteRange.parse(header, 100)).isNull();
    }

    @Test
    void noHeaderMeansTheWholeNeedle() {
        assertThat(ByteRange.parse(null, 100)).isNull();
    }
}
