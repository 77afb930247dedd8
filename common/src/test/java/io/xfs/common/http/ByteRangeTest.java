package io.xfs.common.http;

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
        assertThat(ByteRange.parse(" Bytes = 0-0 ", 100)).isEqualTo(new ByteRange(0, 0));
    }

    @Test
    void closedRangeIsClippedAtTheEnd() {
        assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 19));
        assertThat(ByteRange.parse("bytes=10-19", 100).length()).isEqualTo(10);
        assertThat(ByteRange.parse("bytes=90-200", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=90-200", 100).contentRange(100)).isEqualTo("bytes 90-99/100");
        assertThat(ByteRange.parse("bytes=50-500", 100).length()).isEqualTo(50);
        assertThat(ByteRange.parse("bytes=10-100000", 100)).isEqualTo(new ByteRange(10, 99));
    }

    @Test
    void lastByteByPositionAndBySuffix() {
        assertThat(ByteRange.parse("bytes=99-99", 100)).isEqualTo(new ByteRange(99, 99));
        assertThat(ByteRange.parse("bytes=-1", 100)).isEqualTo(new ByteRange(99, 99));
    }

    @Test
    void openAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=95-", 100)).isEqualTo(new ByteRange(95, 99));
        assertThat(ByteRange.parse("bytes=90-", 100).length()).isEqualTo(10);
        assertThat(ByteRange.parse("bytes=-5", 100)).isEqualTo(new ByteRange(95, 99));
        assertThat(ByteRange.parse("bytes=-30", 100)).isEqualTo(new ByteRange(70, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-5", "bytes=5-2", "bytes=5-1", "bytes=0-1,4-5", "bytes=a-b", "bytes=",
            "bytes=-", "bytes=1", "bytes=+1-2", "bytes=99999999999999999999-"})
    void malformedOrMultipleRangesAreIgnored(String header) {
        assertThat(ByteRange.parse(header, 100)).isNull();
    }

    @Test
    void noHeaderMeansTheWholeRepresentation() {
        assertThat(ByteRange.parse(null, 100)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-5001"})
    void rangesStartingAtOrPastTheEndAreUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 100))
                .isInstanceOfSatisfying(ByteRange.Unsatisfiable.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
                    assertThat(e.contentRange()).isEqualTo("bytes */100");
                });
    }

    @Test
    void anEmptyRepresentationSatisfiesNoRange() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(XfsException.class);
    }

    @Test
    void emptyRangesAreAllowedButNotBackwardOnes() {
        assertThat(new ByteRange(100, 99).length()).isZero();
        assertThat(new ByteRange(5, 9).contentRange(100)).isEqualTo("bytes 5-9/100");
        assertThatThrownBy(() -> new ByteRange(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
