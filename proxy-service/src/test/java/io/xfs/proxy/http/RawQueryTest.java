package io.xfs.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

class RawQueryTest {

    @Test
    void decodesPercentEscapesAsUtf8AndPlusAsSpace() {
        RawQuery query = RawQuery.parse("path=/xfs/b/%E4%B8%AD%E6%96%87/a+b%2Bc.jpg&limit=5&flag");
        assertThat(query.first("path")).isEqualTo("/xfs/b/中文/a b+c.jpg");
        assertThat(query.intValue("limit", 1000, 10_000)).isEqualTo(5);
        assertThat(query.first("flag")).isEmpty();
        assertThat(query.first("absent")).isNull();
    }

    @Test
    void firstValueWinsAndMissingRequiredParameterIsBadArgument() {
        RawQuery query = RawQuery.parse("path=/xfs/b/1&path=/xfs/b/2");
        assertThat(query.required("path")).isEqualTo("/xfs/b/1");
        assertThatThrownBy(() -> RawQuery.parse(null).required("path"))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        assertThatThrownBy(() -> RawQuery.parse("path=%E4%B8"))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PATH));
        assertThatThrownBy(() -> RawQuery.parse("path=%G1")).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> RawQuery.parse("path=abc%2")).isInstanceOf(XfsException.class);
    }

    @Test
    void limitOutsideItsBoundsIsBadArgument() {
        assertThatThrownBy(() -> RawQuery.parse("limit=0").intValue("limit", 1000, 10_000))
                .isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> RawQuery.parse("limit=x").intValue("limit", 1000, 10_000))
                .isInstanceOf(XfsException.class);
        assertThat(RawQuery.parse("limit=").intValue("limit", 1000, 10_000)).isEqualTo(1000);
    }
}
